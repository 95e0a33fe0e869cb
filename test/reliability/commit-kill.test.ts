// A kill at the commit (docs/integrity.md): `rebound ingest` (NDJSON and CSV), an ingest through the API and a
// webhook load are SIGKILLed the moment the store's write-ahead log grows past the run's own 'running' record —
// that is, while DuckDB writes the merge's commit. DuckDB 1.5 can bring back, on replay, the row groups such a
// commit wrote ahead (events) without the rest of it (sends, the run's record); every restart must nonetheless find
// either nothing of the run or all of it, and a re-load after "nothing" must store everything.
// Inputs are just over one DuckDB row group (122,880 rows), the size from which DuckDB writes ahead of the commit.
import { copyFileSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestFile } from '../../server/ingest/ingest.ts';
import { Db } from '../../server/store/db.ts';
import { writeBigEvents } from '../fixtures/big-events.ts';
import { fixture, tempDir } from '../integration/helpers.ts';
import { DATA_TABLES, digestStore, HAS_PROC, killWhen, ORPHANS, RUN_MISMATCH, runCli, startCli, startServe, walBytes, type StoreDigest } from './support.ts';

const tmp = tempDir('rebound-commit-kill-');
afterAll(() => tmp.cleanup());

const EVENTS = 130_000;
// The run's 'running' record commits on its own first (well under a kilobyte of log); the merge's commit writes
// far more (pointers to the row groups, then every send row and the run's outcome).
const COMMIT_STARTED = 4096;

const RUNS = 'SELECT status, count(*) AS runs, sum(rows_stored) AS stored FROM ingest_runs GROUP BY status ORDER BY status';
const EXTRA = { runs: RUNS, orphans: ORPHANS, mismatched: RUN_MISMATCH };

let ndjsonFile = '';
let csvFile = '';
let pre = '';
const states: Record<string, StoreDigest> = {};

const fresh = (name: string) => {
  const to = tmp.path(name);
  copyFileSync(pre, to);
  return to;
};
const same = (a: StoreDigest, b: StoreDigest | undefined) => JSON.stringify(a.tables) === JSON.stringify(b?.tables) && JSON.stringify(a.extra) === JSON.stringify(b?.extra);

/** The same events as CSV (the columns big-events writes). */
function toCsv(from: string, to: string): void {
  const cols = ['event_id', 'type', 'timestamp', 'send_id', 'stream', 'provider', 'recipient_domain', 'bounce_class', 'smtp_code', 'diagnostic', 'message_id'];
  const lines = readFileSync(from, 'utf8').split('\n').filter(Boolean).map((l) => {
    const r = JSON.parse(l) as Record<string, string | number>;
    return cols.map((c) => String(r[c] ?? '')).join(',');
  });
  writeFileSync(to, `${cols.join(',')}\n${lines.join('\n')}\n`);
}

beforeAll(async () => {
  ndjsonFile = tmp.path('events.ndjson');
  await writeBigEvents(ndjsonFile, EVENTS);
  csvFile = tmp.path('events.csv');
  toCsv(ndjsonFile, csvFile);
  pre = tmp.path('pre.duckdb');
  const db = await Db.open(pre);
  await ingestFile(db, fixture('events.ndjson'));
  await ingestFile(db, fixture('sends.csv'));
  db.close();
  states.before = await digestStore(pre, DATA_TABLES, EXTRA);
  expect(states.before.extra).toMatchObject({ orphans: [{ n: 0 }], mismatched: [{ n: 0 }] });
  const ref = fresh('ref.duckdb');
  const clean = await runCli(['ingest', ndjsonFile, '--db', ref]);
  expect(clean.code, clean.stderr).toBe(0);
  states.complete = await digestStore(ref, DATA_TABLES, EXTRA);
}, 120_000);

/** After a kill: the store (opened, so checked) is "before" or "complete"; after "before", a re-load completes it. */
async function judge(store: string, input: string, what: string): Promise<'nothing' | 'all'> {
  const after = await digestStore(store, DATA_TABLES, EXTRA);
  const outcome = same(after, states.before) ? 'nothing' : same(after, states.complete) ? 'all' : null;
  expect(outcome, `${what}: neither nothing nor all of the run: ${JSON.stringify(after)}`).not.toBeNull();
  if (outcome === 'nothing') {
    const again = await runCli(['ingest', input, '--db', store]);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout, what).toMatch(/stored [1-9]/);
    expect(same(await digestStore(store, DATA_TABLES, EXTRA), states.complete), `${what}: the re-load stores everything`).toBe(true);
  }
  return outcome ?? 'all';
}

describe('a commit torn at any point of its write-ahead log', () => {
  it('leaves, on every restart, nothing of the run or all of it; DuckDB alone would bring back its events without the rest', async () => {
    // The run commits in this process; the store's two files are copied as a kill would leave them (after the commit,
    // before any checkpoint), then the log is cut at points all over the merge's commit, its last bytes above all.
    const work = fresh('torn.duckdb');
    const db = await Db.open(work);
    const start = walBytes(work);
    const r = await ingestFile(db, ndjsonFile);
    const end = walBytes(work);
    copyFileSync(work, `${work}.snap`);
    copyFileSync(`${work}.wal`, `${work}.wal.snap`);
    db.close();
    expect(r.stored).toBeGreaterThan(122_880);
    expect(end - start, 'the commit is in the log, not checkpointed').toBeGreaterThan(COMMIT_STARTED);

    const cuts = [0, 1, 2, 5, 10, 15, 20, 25, 40, 100, 1000, Math.floor((end - start) / 2), end - start - COMMIT_STARTED];
    const seen: string[] = [];
    let rawHalf = 0;
    for (const cut of cuts) {
      const store = tmp.path(`torn-${cut}.duckdb`);
      copyFileSync(`${work}.snap`, store);
      copyFileSync(`${work}.wal.snap`, `${store}.wal`);
      truncateSync(`${store}.wal`, end - cut);
      // What DuckDB itself makes of it, before Rebound's check: events of a run that never finished.
      const raw = await rawCounts(`${store}.wal`, `${work}.snap`);
      if (raw.events > 17 && raw.running > 0) rawHalf++;
      const outcome = cut === 0 ? 'all' : 'nothing';
      const after = await digestStore(store, DATA_TABLES, EXTRA);
      expect(same(after, outcome === 'all' ? states.complete : states.before), `log cut by ${cut} bytes: ${JSON.stringify(after)}`).toBe(true);
      seen.push(`${cut}: ${raw.events} events raw`);
    }
    // The case this guards against occurred (if DuckDB ever stops replaying half a commit, this says so).
    expect(rawHalf, seen.join('; ')).toBeGreaterThan(0);
    // And after "nothing", the same input stores everything.
    const again = await runCli(['ingest', ndjsonFile, '--db', tmp.path('torn-1.duckdb')]);
    expect(again.code, again.stderr).toBe(0);
    expect(same(await digestStore(tmp.path('torn-1.duckdb'), DATA_TABLES, EXTRA), states.complete), 'the re-load stores everything').toBe(true);
  }, 240_000);
});

/** Events and running runs as DuckDB alone replays the store (a copy, so the store itself stays untouched). */
async function rawCounts(wal: string, db: string): Promise<{ events: number; running: number }> {
  const copy = tmp.path('raw.duckdb');
  copyFileSync(db, copy);
  copyFileSync(wal, `${copy}.wal`);
  const instance = await DuckDBInstance.create(copy);
  const conn = await instance.connect();
  try {
    const rows = (await conn.runAndReadAll(`SELECT (SELECT count(*) FROM events)::INTEGER AS e, (SELECT count(*) FROM ingest_runs WHERE status = 'running')::INTEGER AS r`)).getRowObjectsJS();
    return { events: Number(rows[0]?.e ?? 0), running: Number(rows[0]?.r ?? 0) };
  } finally {
    conn.closeSync();
    instance.closeSync();
    rmSync(copy, { force: true });
    rmSync(`${copy}.wal`, { force: true });
  }
}

describe.skipIf(!HAS_PROC)('SIGKILL at the commit of a run', () => {
  // Each kill costs a whole ingest of the input; the torn-log test above covers every point of the commit.
  it.each([['NDJSON', () => ndjsonFile], ['CSV', () => csvFile]])('`rebound ingest` (%s): nothing or all of the run', async (format, file) => {
    const store = fresh(`cli-${format}.duckdb`);
    const run = startCli(['ingest', file(), '--db', store]);
    const exit = await killWhen(run, () => walBytes(store) > COMMIT_STARTED);
    expect(exit.killedByUs || exit.code === 0, exit.stderr).toBe(true);
    await judge(store, file(), `${format} kill`);
  }, 240_000);

  it('an ingest through the API of `rebound serve`: nothing or all of the run', async () => {
    const store = fresh('api.duckdb');
    const { run, url } = await startServe(store);
    const base = walBytes(store);
    const posting = fetch(`${url}/api/ingest?name=events.ndjson`, {
      method: 'POST', body: readFileSync(ndjsonFile), headers: { 'content-type': 'application/octet-stream' },
    }).then((r) => r.status, () => 'gone');
    const exit = await killWhen(run, () => walBytes(store) > base + COMMIT_STARTED);
    await posting;
    expect(exit.killedByUs, exit.stderr).toBe(true);
    await judge(store, ndjsonFile, 'API kill');
  }, 240_000);
});
