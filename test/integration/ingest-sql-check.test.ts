// NDJSON events files of several blocks go through the SQL check (server/store/ndjson-events.ts) past their first
// block. Blocks here are 16 KiB instead of 1 MiB, so that a file of 12,000 events has many, in several groups. Each file here is ingested twice on fresh stores, with the SQL check and without it (every record through
// zod, as before the check existed): results, rejections, run log and stored rows must be the same, refused or with
// skipBad. The bad lines sit past the first block, where the SQL check reads them.
import { readFileSync, statSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ingestFile, type IngestOptions, type IngestResult } from '../../server/ingest/ingest.ts';
import { MAX_LINE_BYTES } from '../../server/ingest/ndjson-blocks.ts';
import { Db } from '../../server/store/db.ts';
import { listRuns } from '../../server/store/ingest-runs.ts';
import { SqlLineCheck } from '../../server/store/ndjson-events.ts';
import { writeBigEvents, type BigEvents } from '../fixtures/big-events.ts';
import { goodEvent, sendRows, tempDir, write } from './helpers.ts';

const tmp = tempDir('rebound-sql-check-');
const BLOCK_BYTES = 16 * 1024;
let big: BigEvents;
let lines: string[];
let n = 0;

beforeAll(async () => {
  const path = tmp.path('big.ndjson');
  big = await writeBigEvents(path, 12_000, 40);
  lines = readFileSync(path, 'utf8').split('\n');
  lines.pop(); // the file ends with a newline
  // The file must reach well past the first block and group, or this would test little of the SQL check.
  expect(lines.join('\n').length).toBeGreaterThan(100 * BLOCK_BYTES);
}, 60_000);
afterAll(() => tmp.cleanup());

/** The big file with lines replaced (by 1-based number; a string or raw bytes), inserted after, and a tail. */
function variant(edit: { replace?: Record<number, string | Buffer>; tail?: string | Buffer; eol?: string }): string {
  const parts: Buffer[] = lines.map((text, i) => {
    const r = edit.replace?.[i + 1];
    return Buffer.concat([r === undefined ? Buffer.from(text) : Buffer.from(r), Buffer.from(edit.eol ?? '\n')]);
  });
  if (edit.tail !== undefined) parts.push(Buffer.from(edit.tail));
  return write(tmp.path(`v-${++n}.ndjson`), Buffer.concat(parts));
}

interface Outcome { result: Omit<IngestResult, 'run_id'>; runs: unknown[]; events: unknown[]; sends: unknown[] }

async function ingestOn(path: string, opts: IngestOptions): Promise<Outcome> {
  const db = await Db.open(tmp.path(`store-${++n}.duckdb`));
  try {
    const { run_id: _, ...result } = await ingestFile(db, path, { ...opts, ndjsonBlockBytes: BLOCK_BYTES });
    const runs = (await listRuns(db, 5)).map(({ id: _id, started_at: _s, finished_at: _f, ...run }) => run);
    const events = await db.all('SELECT * EXCLUDE (ingest_id) FROM events ORDER BY event_key');
    return { result, runs, events, sends: await sendRows(db) };
  } finally {
    db.close();
  }
}

/** Both ways, with and without skipBad: the same outcome; returns the SQL check's figures for the first. */
async function expectSameBothWays(path: string): Promise<{ outcome: Outcome; sqlPassed: number }> {
  const finish = vi.spyOn(SqlLineCheck.prototype, 'finish');
  try {
    let first: Outcome | null = null;
    for (const skipBad of [false, true]) {
      const zod = await ingestOn(path, { skipBad, sqlCheck: false });
      const sql = await ingestOn(path, { skipBad });
      expect(sql.result).toEqual(zod.result);
      expect(sql.runs).toEqual(zod.runs);
      expect(sql.sends).toEqual(zod.sends);
      expect(sql.events).toEqual(zod.events);
      first ??= sql;
    }
    // The SQL check ran (twice: refused and skipBad), and passed most lines itself.
    expect(finish).toHaveBeenCalledTimes(2);
    const figures = await finish.mock.results[0]?.value as { fast: number };
    return { outcome: first as Outcome, sqlPassed: figures.fast };
  } finally {
    finish.mockRestore();
  }
}

const at = (k: number) => Math.floor(lines.length * k); // a line number k of the way into the file
const event = (i: number, over: Record<string, unknown> = {}) => JSON.stringify(goodEvent(i, over as never));

describe('the SQL check of NDJSON events gives what zod gives', () => {
  it('a clean file: every event stored once, the roll-up exact', async () => {
    const { outcome, sqlPassed } = await expectSameBothWays(variant({}));
    expect(outcome.result).toMatchObject({ status: 'stored', read: big.lines, stored: big.distinct, rejected: 0 });
    expect(outcome.sends).toEqual(big.sends);
    expect(sqlPassed).toBeGreaterThan(lines.length / 2);
  }, 120_000);

  it('bad records past the first block: each listed with its line and reason; skipBad stores the rest', async () => {
    const path = variant({
      replace: {
        [at(0.3)]: event(1, { send_id: undefined }),
        [at(0.4)]: event(2, { timestamp: '2026-02-30T10:00:00Z' }),
        [at(0.45)]: event(3, { provider: 'hotmail' }),
        [at(0.5)]: event(4, { type: 'bounce' }),
        [at(0.55)]: event(5, { smtp_code: '250' }),
        [at(0.6)]: '{"type":"delivery","type":42}',
        [at(0.65)]: '[1,2,3]',
        [at(0.7)]: '{"event_id":"x",}',
        [at(0.75)]: event(6, { extra: 'field' }),
        [at(0.8)]: event(7, { stream: ' ' }),
      },
      tail: '{"event_id":"x-last","type":"deliv',
    });
    const { outcome } = await expectSameBothWays(path);
    expect(outcome.result.rejections.map((r) => r.line)).toEqual([...[0.3, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8].map(at), lines.length + 1]);
    expect(outcome.result.rejections.at(-1)?.reason).toMatch(/truncated/);
  }, 120_000);

  it('lines the SQL check leaves to zod, but which are good: escapes, repeated keys, nulls, blanks, CRLF, a BOM-led id', async () => {
    const path = variant({
      replace: {
        [at(0.3)]: event(10, { diagnostic: 'said "no"\\ \u0001' }),
        [at(0.35)]: `{"provider":"yahoo",${event(11).slice(1)}`,
        [at(0.4)]: event(12, { smtp_code: null, diagnostic: null }),
        [at(0.45)]: '',
        [at(0.5)]: ' \t ',
        [at(0.55)]: '\u00A0',
        [at(0.6)]: `${event(13)}\r`,
        [at(0.65)]: `  ${event(14).replace(/":/g, '" : ')}  `,
        [at(0.7)]: event(15, { send_id: '\uFEFFb-ev' }),
        [at(0.75)]: event(16, { timestamp: '0999-12-31T23:00:00-05:00' }),
        [at(0.8)]: event(17, { provider: undefined, recipient: '  Ann@Example.ORG ' }),
      },
    });
    const { outcome } = await expectSameBothWays(path);
    expect(outcome.result.rejections.map((r) => r.line)).toEqual([at(0.7)]);
    expect(outcome.result.rejections[0]?.reason).toMatch(/^send_id: must not contain/);
  }, 120_000);

  it('CRLF line ends throughout', async () => {
    const { outcome, sqlPassed } = await expectSameBothWays(variant({ eol: '\r\n' }));
    expect(outcome.result).toMatchObject({ status: 'stored', stored: big.distinct });
    expect(sqlPassed).toBeGreaterThan(lines.length / 2);
  }, 120_000);

  it('invalid UTF-8 and over-long lines past the first block', async () => {
    const broken = Buffer.from(event(20, { diagnostic: 'AB' }));
    broken[broken.indexOf('AB')] = 0xff; // not UTF-8: both ways read it as U+FFFD
    const path = variant({
      replace: {
        [at(0.4)]: broken,
        [at(0.5)]: event(21, { diagnostic: 'x'.repeat(MAX_LINE_BYTES + 10) }),
        [at(0.9)]: Buffer.from([0xc3]), // half a character, alone on its line
      },
      tail: event(22, { diagnostic: 'y'.repeat(2 * MAX_LINE_BYTES) }),
    });
    const { outcome } = await expectSameBothWays(path);
    expect(outcome.result.rejections.map((r) => r.line)).toEqual([at(0.5), at(0.9), lines.length + 1]);
  }, 120_000);

  it('reports progress while reading, and the exact count at the end', async () => {
    const path = variant({});
    const seen: { bytes: number; records: number; totalBytes: number | null }[] = [];
    const db = await Db.open(tmp.path(`progress-${++n}.duckdb`));
    try {
      const r = await ingestFile(db, path, { ndjsonBlockBytes: BLOCK_BYTES, onProgress: (p) => seen.push(p) });
      expect(seen.length).toBeGreaterThan(3);
      for (const [i, p] of seen.entries()) {
        expect(p.totalBytes).toBe(statSync(path).size);
        if (i > 0) expect(p.bytes).toBeGreaterThanOrEqual(seen[i - 1]?.bytes ?? 0);
      }
      expect(seen.at(-1)).toEqual({ bytes: statSync(path).size, totalBytes: statSync(path).size, records: r.read });
    } finally {
      db.close();
    }
  }, 60_000);

  it('DuckDB failing during the check (the disk full, say): the ingest fails, a failed run is recorded, nothing stored', async () => {
    const path = variant({});
    for (const method of ['add', 'finish'] as const) {
      const db = await Db.open(tmp.path(`fail-${++n}.duckdb`));
      const spy = vi.spyOn(SqlLineCheck.prototype, method).mockRejectedValueOnce(new Error('IO Error: No space left on device'));
      try {
        await expect(ingestFile(db, path, { ndjsonBlockBytes: BLOCK_BYTES })).rejects.toThrow(/No space left on device/);
        expect(spy).toHaveBeenCalled();
        expect((await db.one<{ n: number }>('SELECT count(*) AS n FROM events'))?.n).toBe(0);
        const [run] = await listRuns(db, 1);
        expect(run).toMatchObject({ status: 'failed', kind: 'events', rows_stored: 0, error: 'IO Error: No space left on device' });
      } finally {
        spy.mockRestore();
        db.close();
      }
    }
  }, 60_000);

  it('more rejections than are listed: the same first ones listed, the rest counted', async () => {
    const replace: Record<number, string> = {};
    for (let i = at(0.1); i < at(0.1) + 10_500; i++) replace[i] = i % 1000 === 0 ? event(i, { diagnostic: 'z'.repeat(MAX_LINE_BYTES) }) : '{"type":"nope"}';
    const { outcome } = await expectSameBothWays(variant({ replace }));
    expect(outcome.result.rejections).toHaveLength(10_000);
    expect(outcome.result.rejections_not_listed).toBe(500);
  }, 180_000);
});
