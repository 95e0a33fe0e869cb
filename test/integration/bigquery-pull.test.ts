// The BigQuery pull (docs/sources.md) with the real @google-cloud/bigquery client against a local fake that speaks the
// REST shapes and runs the received SQL on DuckDB: the SQL and its typed parameters, paging, retries on 429/500,
// a fault mid-pull leaving no gap and no double count, the lateness window, and identical aggregates from the
// BigQuery and DuckDB warehouses and from the store's own roll-up.
import { appendFileSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Services } from '../../server/context.ts';
import { ingestFile } from '../../server/ingest/ingest.ts';
import { pullWarehouse } from '../../server/sources/warehouse/pull.ts';
import { getSourceState } from '../../server/store/sources.ts';
import { BigQueryWarehouse } from '../../server/sources/warehouse/bigquery/client.ts';
import { columnMapping, type ColumnMapping } from '../../server/sources/warehouse/columns.ts';
import { DuckDbWarehouse } from '../../server/sources/warehouse/files/duckdb.ts';
import type { SendAggregate } from '../../server/sources/warehouse/warehouse.ts';
import { FakeBigQuery } from './fake-bigquery.ts';
import { sendRows, tempDir, write } from './helpers.ts';
import { NOW, servicesWith, tableCount } from './sources-helpers.ts';

// No Google Compute Engine here: tell google-auth-library not to probe the metadata server (it only warns).
process.env.METADATA_SERVER_DETECTION = 'none';

const tmp = tempDir();
const TABLE = 'acme-mail.events.email_events';
const COLS = columnMapping('recipient_domain=recipient_domain') as ColumnMapping;
const WINDOW = { latenessHours: 24, backfillDays: 60, sendSpanDays: 30 };
const FAST_RETRY = { retries: 3, baseDelayMs: 1, maxDelayMs: 1, sleep: async () => {} };
const DOMAINS = ['gmail.com', 'googlemail.com', 'yahoo.co.uk', 'aol.com', 'outlook.de', 'hotmail.com', 'msn.com', 'icloud.com', 'example.org'];
const TYPES = ['injection', 'delivery', 'delivery', 'bounce', 'complaint', 'open', 'click', 'unsubscribe', 'deferral'];

/** Deterministic events: 12 sends over two weeks, every provider, every type, and a few delivered twice. */
function events(): string {
  const lines: string[] = [];
  let id = 0;
  for (let send = 0; send < 12; send++) {
    const start = Date.UTC(2026, 1, 16 + send, 9);
    for (let i = 0; i < 40; i++) {
      const type = TYPES[(send + i) % TYPES.length] ?? 'delivery';
      const e: Record<string, string> = {
        event_id: `e${++id}`, type, timestamp: new Date(start + i * 60_000 + (type === 'complaint' ? 2 * 86_400_000 : 0)).toISOString(),
        send_id: `send-${send}`, stream: send % 2 ? 'news.example.com' : 'promo.example.com', recipient_domain: DOMAINS[(i + send) % DOMAINS.length] ?? 'x.org',
      };
      if (type === 'bounce') e.bounce_class = ['hard', 'soft', 'block'][i % 3] ?? 'hard';
      lines.push(JSON.stringify(e));
      // At-least-once delivery upstream: the same event again, same id.
      if (i % 13 === 0) lines.push(JSON.stringify(e));
    }
  }
  return lines.join('\n') + '\n';
}

/** The newest event time in the file: what the watermark must become. */
const newestEvent = () => new Date(Math.max(...events().trim().split('\n').map((l) => Date.parse((JSON.parse(l) as { timestamp: string }).timestamp)))).toISOString();

let fake: FakeBigQuery;
let endpoint: string;
let file: string;
let s: Services;
let n = 0;
beforeAll(async () => {
  file = write(tmp.path('events.ndjson'), events());
  fake = new FakeBigQuery(TABLE, file);
  endpoint = await fake.start();
});
afterAll(async () => {
  await fake.stop();
  tmp.cleanup();
});
beforeEach(async () => {
  fake.requests.length = 0;
  fake.faults.length = 0;
  s = await servicesWith({}, `bq-${++n}`, tmp);
});
afterEach(() => s.db.close());

const bigquery = (pageRows = 7) => new BigQueryWarehouse({ projectId: 'acme-mail', table: TABLE, columns: COLS, location: 'US', apiEndpoint: endpoint, pageRows, retry: FAST_RETRY });
const window = { since: new Date('2026-01-01T00:00:00Z'), until: NOW, scanFrom: new Date('2025-12-01T00:00:00Z') };

async function all(w: { aggregateSends: BigQueryWarehouse['aggregateSends'] }): Promise<SendAggregate[]> {
  const out: SendAggregate[] = [];
  for await (const p of w.aggregateSends(window)) out.push(...p.rows);
  return out;
}
const withoutLast = (rows: SendAggregate[]) => rows.map(({ last_event_at: _l, ...r }) => r);

describe('the aggregation', () => {
  it('is identical from BigQuery (paged), from DuckDB over the files, and from the store roll-up of the same events', async () => {
    const fromBigQuery = await all(bigquery());
    const fromDuckDb = await all(new DuckDbWarehouse(file, COLS));
    expect(fromBigQuery.length).toBeGreaterThan(40);
    expect(fromBigQuery).toEqual(fromDuckDb);
    await ingestFile(s.db, file);
    const rolled = (await sendRows(s.db)).map((r) => ({ ...r, sent_at: new Date(r.sent_at).toISOString() }));
    expect(withoutLast(fromDuckDb)).toEqual(rolled);
  });

  it('sends parameterized SQL: table and columns quoted, times as TIMESTAMP parameters, no literal values', async () => {
    await all(bigquery(1000));
    const q = fake.requests[0]?.body;
    expect(fake.requests[0]?.path).toMatch(/^\/bigquery\/v2\/projects\/acme-mail\/queries(\?|$)/);
    expect(q?.useLegacySql).toBe(false);
    expect(q?.parameterMode?.toUpperCase()).toBe('NAMED');
    expect(q?.query).toContain('FROM `acme-mail.events.email_events`');
    expect(q?.query).not.toMatch(/20\d\d-\d\d-\d\d/);
    expect(q?.queryParameters?.map((p) => [p.name, p.parameterType.type]).sort()).toEqual([['scan_from', 'TIMESTAMP'], ['since', 'TIMESTAMP'], ['until', 'TIMESTAMP']]);
    expect(q?.queryParameters?.find((p) => p.name === 'until')?.parameterValue.value).toMatch(/^2026-03-03[ T]12:00:00/);
  });

  it('pages through getQueryResults with pageToken', async () => {
    const rows = await all(bigquery(7));
    const pages = fake.requests.filter((r) => r.method === 'GET');
    expect(pages.length).toBe(Math.ceil(rows.length / 7) - 1);
    expect(pages.every((p) => /pageToken=/.test(p.path))).toBe(true);
  });

  it('retries 429 and 500 on the query and on a page, then gives the same rows', async () => {
    const expected = await all(bigquery(7));
    fake.requests.length = 0;
    fake.faults.push({ method: 'query', status: 429, times: 1 }, { method: 'getQueryResults', status: 500, times: 2, page: 3 });
    expect(await all(bigquery(7))).toEqual(expected);
    expect(fake.requests.filter((r) => r.method === 'POST')).toHaveLength(2);
  });
});

describe('the pull', () => {
  it('stores the aggregates and the watermark; a fault mid-pull stores nothing, and the rerun leaves no gap and no double count', async () => {
    fake.faults.push({ method: 'getQueryResults', status: 500, times: 10, page: 4 });
    await expect(pullWarehouse(s, 'bigquery', bigquery(7), WINDOW)).rejects.toThrow();
    expect(await tableCount(s.db, 'sends')).toBe(0);
    expect(await getSourceState(s.db, 'bigquery')).toMatchObject({ watermark: null, failures: 1, last_error: expect.stringMatching(/fault/) });

    fake.faults.length = 0;
    const r = await pullWarehouse(s, 'bigquery', bigquery(7), WINDOW);
    const expected = withoutLast(await all(new DuckDbWarehouse(file, COLS)));
    const stored = (await sendRows(s.db)).map((x) => ({ ...x, sent_at: new Date(x.sent_at).toISOString() }));
    expect(stored).toEqual(expected);
    expect(r.watermark).toBe(newestEvent());
    expect(await getSourceState(s.db, 'bigquery')).toMatchObject({ runs: 2, failures: 1, last_error: null, watermark: r.watermark });

    // Again: the window starts a lateness window before the watermark; nothing changed, nothing counted twice.
    const again = await pullWarehouse(s, 'bigquery', bigquery(7), WINDOW);
    expect(again.since).toBe(new Date(Date.parse(newestEvent()) - 24 * 3_600_000).toISOString());
    expect(again.stored).toBe(0);
    expect((await sendRows(s.db)).length).toBe(expected.length);
  });

  it('re-aggregates a send when a late event arrives inside the lateness window', async () => {
    await pullWarehouse(s, 'bigquery', bigquery(50), WINDOW);
    const before = (await sendRows(s.db)).find((x) => x.send_id === 'send-0' && x.provider === 'gmail');
    // A complaint for the oldest send, timed just before the watermark, lands in the table late.
    appendFileSync(file, `${JSON.stringify({ event_id: 'late-1', type: 'complaint', timestamp: '2026-03-01T08:00:00Z', send_id: 'send-0', stream: 'promo.example.com', recipient_domain: 'gmail.com' })}\n`);
    const r = await pullWarehouse(s, 'bigquery', bigquery(50), WINDOW);
    const after = (await sendRows(s.db)).find((x) => x.send_id === 'send-0' && x.provider === 'gmail');
    expect(r.stored).toBe(1);
    expect(after?.complaints).toBe((before?.complaints ?? 0) + 1);
    expect(after?.delivered).toBe(before?.delivered);
  });
});
