// A store whose write-ahead log is replayed by one process and closed, then written by the next, must still take
// writes to existing sends (docs/integrity.md, "An index a replay leaves stale"). DuckDB 1.5 replays a log into a
// secondary index (one made by CREATE INDEX, not by a PRIMARY KEY or UNIQUE constraint) lazily, and the
// checkpoint it runs when that process closes wrote the index as it was before the log: the next UPDATE of an
// indexed row then failed with `FATAL … Failed to delete all rows from index`, in every process after.
// Real processes on a real DuckDB file: `rebound serve` stores documented Mailgun events (test/fixtures/webhooks/
// README.md cites the payload) — a new send row, then updates of it — and is SIGKILLed with the log holding them;
// `rebound check` opens and closes the store; `rebound serve` starts again and must add to the same send row.
import { spawnSync } from 'node:child_process';
import { createHmac, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { Db } from '../../server/store/db.ts';
import { fixture, ROOT, tempDir } from '../integration/helpers.ts';
import { runCli, startServe, walBytes } from './support.ts';

const tmp = tempDir('rebound-index-replay-');
afterAll(() => tmp.cleanup());

const KEY = 'key-0123456789abcdef0123456789abcdef';
const ENV = { MAILGUN_WEBHOOK_SIGNING_KEY: KEY };
const sample = JSON.parse(readFileSync(fixture('webhooks/mailgun/delivered.json'), 'utf8')) as { 'event-data': Record<string, unknown> };

/** The documented delivered event under another event id, signed as Mailgun signs a post now. */
function delivered(id: string): string {
  const timestamp = String(Math.floor(Date.now() / 1000));
  const token = randomBytes(25).toString('hex');
  const signature = createHmac('sha256', KEY).update(timestamp + token).digest('hex');
  return JSON.stringify({ signature: { timestamp, token, signature }, 'event-data': { ...sample['event-data'], id } });
}

async function post(url: string, id: string): Promise<{ status: number; text: string }> {
  const res = await fetch(`${url}/api/webhooks/mailgun`, { method: 'POST', body: delivered(id), headers: { 'content-type': 'application/json' } });
  return { status: res.status, text: await res.text() };
}

/**
 * Posts each event in turn with a server on the store, waits until they are in the store (a read waits for the
 * posts answered before it: docs/webhooks.md), then SIGKILLs it: the write-ahead log holds their writes.
 */
async function serveAndKill(store: string, ids: string[]): Promise<void> {
  const s = await startServe(store, ENV);
  try {
    for (const id of ids) {
      const r = await post(s.url, id);
      expect(r.status, `${r.text}\n${s.run.stderr}`).toBe(200);
      expect(JSON.parse(r.text)).toMatchObject({ accepted: 1 });
    }
    const read = await fetch(`${s.url}/api/data/summary`);
    expect(read.status).toBe(200);
    expect(((await read.json()) as { counts: { events: number } }).counts.events).toBeGreaterThanOrEqual(ids.length);
  } finally {
    s.run.kill();
    await s.run.done;
  }
}

/**
 * Runs SQL statements in a process of their own with DuckDB alone (no Rebound: no check, no migrations, no
 * checkpoint at open), as an older Rebound or another tool would open the store: the last statement's rows as JSON
 * ('ok' when it returns none), or the first line of DuckDB's error.
 */
function duckdbAlone(store: string, statements: string[]): string {
  const script = `import { DuckDBInstance } from '@duckdb/node-api';
    const inst = await DuckDBInstance.create(process.argv[1]);
    const c = await inst.connect();
    const big = (k, v) => typeof v === 'bigint' ? Number(v) : v;
    try { let rows = []; for (const s of JSON.parse(process.argv[2])) rows = (await c.runAndReadAll(s)).getRowObjectsJS(); console.log(rows.length ? JSON.stringify(rows, big) : 'ok'); }
    catch (e) { console.log(String(e.message).split('\\n')[0]); }
    c.closeSync(); inst.closeSync();`;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script, store, JSON.stringify(statements)], { cwd: ROOT, encoding: 'utf8' });
  return `${r.stdout}${r.stderr}`.trim();
}

async function counts(store: string): Promise<{ events: number; sends: number; delivered: number }> {
  const db = await Db.open(store);
  try {
    const row = await db.one<{ events: number; sends: number; delivered: number }>(
      `SELECT (SELECT count(*) FROM events) AS events, (SELECT count(*) FROM sends) AS sends,
              (SELECT coalesce(sum(delivered), 0) FROM sends) AS delivered`,
    );
    return row ?? { events: -1, sends: -1, delivered: -1 };
  } finally {
    db.close();
  }
}

describe('a replayed log leaves the store writable', () => {
  it('takes updates of an existing send after SIGKILL, an open and close by `rebound check`, and a restart', async () => {
    const store = tmp.path('replay.duckdb');
    // A clean store first (created and checkpointed), so the log below holds only the server's writes. It gets a
    // secondary index on sends again, as stores made before migration 020 had (and as any index made by CREATE
    // INDEX would be): the checkpoint at open, not the migration, is what this case shows.
    expect((await runCli(['check', '--db', store], ENV)).code).toBe(0);
    expect(duckdbAlone(store, ['CREATE INDEX sends_stream_time ON sends (stream, sent_at)', 'CHECKPOINT'])).toBe('ok');
    expect(walBytes(store)).toBe(0);
    // One new send row, then two updates of it, all in the log when the server dies.
    await serveAndKill(store, ['replay-1', 'replay-2', 'replay-3']);
    expect(walBytes(store)).toBeGreaterThan(0);
    // Any command that opens and closes the store: DuckDB replays the log, and checkpoints when it closes.
    const check = await runCli(['check', '--db', store], ENV);
    expect(check.code, check.stderr).toBe(0);
    // Two more servers in turn, each adding to the same send row.
    await serveAndKill(store, ['replay-4', 'replay-5']);
    await serveAndKill(store, ['replay-6']);
    expect(await counts(store)).toEqual({ events: 6, sends: 1, delivered: 6 });
    // The store still agrees with itself in full.
    const full = await runCli(['check', '--db', store], ENV);
    expect(full.code, full.stdout + full.stderr).toBe(0);
    // Also for DuckDB alone, with the index still in place: every row of sends can be updated.
    expect(duckdbAlone(store, ["UPDATE sends SET stream = stream || '', delivered = delivered", "SELECT count(*) AS n FROM duckdb_indexes() WHERE index_name = 'sends_stream_time'"])).toBe('[{"n":1}]');
  }, 600_000);

  it('puts right a store an earlier open already left with a stale index, and says so', async () => {
    const store = tmp.path('stale.duckdb');
    expect((await runCli(['check', '--db', store], ENV)).code).toBe(0);
    // The index as stores made before migration 020 hold it (the migration is marked undone only below, so that
    // the server here keeps the index).
    expect(duckdbAlone(store, ['CREATE INDEX sends_stream_time ON sends (stream, sent_at)', 'CHECKPOINT'])).toBe('ok');
    await serveAndKill(store, ['stale-1', 'stale-2', 'stale-3']);
    // Replayed and closed by DuckDB alone, as before Rebound checkpointed the replayed log at open: the index now
    // misses the updated row, and DuckDB alone refuses to update it (so this store is the broken kind).
    expect(duckdbAlone(store, ['DELETE FROM schema_migrations WHERE version = 20'])).toBe('[{"Count":1}]');
    expect(duckdbAlone(store, ["UPDATE sends SET stream = stream || '', delivered = delivered"])).toMatch(/Failed to delete all rows from index/);
    // Rebound opens it, drops the index, says so, and takes updates again.
    const s = await startServe(store, ENV);
    try {
      for (const id of ['stale-4', 'stale-5']) expect((await post(s.url, id)).status, s.run.stderr).toBe(200);
      expect(s.run.stderr).toMatch(/store check \(.*\): index sends_stream_time dropped/);
    } finally {
      s.run.kill();
      await s.run.done;
    }
    expect(await counts(store)).toEqual({ events: 5, sends: 1, delivered: 5 });
    expect(duckdbAlone(store, ["SELECT count(*) AS n FROM duckdb_indexes() WHERE index_name = 'sends_stream_time'"])).toBe('[{"n":0}]');
  }, 600_000);

  it('names the fault when an index added by hand went stale, and `rebound check --repair` rebuilds it', async () => {
    const store = tmp.path('by-hand.duckdb');
    expect((await runCli(['check', '--db', store], ENV)).code).toBe(0);
    // An index someone added to the store (Rebound's schema has none made by CREATE INDEX since migration 020).
    expect(duckdbAlone(store, ['CREATE INDEX sends_by_stream ON sends (stream)', 'CHECKPOINT'])).toBe('ok');
    await serveAndKill(store, ['hand-1', 'hand-2']);
    // Replayed and closed without Rebound: the index is stale now.
    expect(duckdbAlone(store, ['SELECT 1 AS x FROM schema_migrations LIMIT 1'])).toBe('[{"x":1}]');
    const s = await startServe(store, ENV);
    try {
      // The post is kept (answered once on disk: docs/webhooks.md); its load fails, naming the fault, and is
      // tried again until the index is put right.
      const r = await post(s.url, 'hand-3');
      expect(r.status, r.text).toBe(200);
      await vi.waitFor(() => expect(s.run.stderr).toMatch(/webhook journal: loading 1 post\(s\) of webhook:mailgun into the store failed \(.*the store's index no longer matches its table.*docs\/integrity\.md.*\); they are kept on disk/), { timeout: 20_000, interval: 100 });
    } finally {
      s.run.kill();
      await s.run.done;
    }
    const repair = await runCli(['check', '--repair', '--db', store], ENV);
    expect(repair.code, repair.stdout + repair.stderr).toBe(0);
    expect(repair.stdout).toMatch(/1 index made by CREATE INDEX rebuilt from its table \(sends_by_stream\)/);
    // `rebound check` looks at the store as it is: the kept post stays in the journal for the next open.
    expect(repair.stderr).not.toMatch(/webhook journal/);
    await serveAndKill(store, ['hand-3', 'hand-4']);
    expect(await counts(store)).toEqual({ events: 4, sends: 1, delivered: 4 });
    expect(duckdbAlone(store, ["UPDATE sends SET stream = stream || ''", "SELECT count(*) AS n FROM duckdb_indexes() WHERE index_name = 'sends_by_stream'"])).toBe('[{"n":1}]');
  }, 600_000);
});
