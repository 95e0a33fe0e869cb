// The store's own check (docs/integrity.md): a store crafted in the state a torn commit left — events without their
// send rows and without their run's record — is found and repaired when it opens, saying so in the log, and the same
// input then loads in full. `rebound check [--repair]` finds what the open-time check does not look at (a send row
// that disagrees with its events), on the store itself and through a running server's API. The open-time check
// repairs what it finds, so a `rebound check` that opens the store itself reports such repairs on stderr.
import { copyFileSync } from 'node:fs';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ingestFile } from '../../server/ingest/ingest.ts';
import { Db } from '../../server/store/db.ts';
import type { StoreCheckReport } from '#shared/schema/integrity.ts';
import { fixture, tempDir } from '../integration/helpers.ts';
import { rollUpFromScratch, storedRollUp } from '../integration/rollup-reference.ts';
import { DATA_TABLES, digestStore, ORPHANS, runCli, startServe } from './support.ts';

const tmp = tempDir('rebound-integrity-');
afterAll(() => tmp.cleanup());

let clean = '';
beforeAll(async () => {
  clean = tmp.path('clean.duckdb');
  const db = await Db.open(clean);
  await ingestFile(db, fixture('sends.csv'));
  await ingestFile(db, fixture('events.ndjson'));
  db.close();
}, 60_000);

const copy = (name: string) => {
  const to = tmp.path(name);
  copyFileSync(clean, to);
  return to;
};

/**
 * Crafts a store with DuckDB alone, as a crash leaves it: Rebound's own open would check it (and note how far it
 * has looked) before the crafting.
 */
async function craft(path: string, statements: string[]): Promise<void> {
  const instance = await DuckDBInstance.create(path);
  const conn = await instance.connect();
  try {
    for (const sql of statements) await conn.run(sql);
  } finally {
    conn.closeSync();
    instance.closeSync();
  }
}

async function withDb<T>(path: string, fn: (db: Db) => Promise<T>): Promise<T> {
  const db = await Db.open(path);
  try {
    return await fn(db);
  } finally {
    db.close();
  }
}

describe('the open-time check', () => {
  it('finds events without their sends or run record, takes them out, says so without data, and a re-load stores them all', async () => {
    const store = copy('torn.duckdb');
    const expected = await digestStore(clean, DATA_TABLES);
    // The state a torn commit left: the events run's record and its send rows gone, its events still there.
    const run = (await digestStore(clean, {}, { id: `SELECT id FROM ingest_runs WHERE kind = 'events'` })).extra.id as { id: number }[];
    const id = run[0]?.id ?? -1;
    await craft(store, [`DELETE FROM sends WHERE origin = 'events'`, `DELETE FROM ingest_runs WHERE id = ${id}`]);
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      await withDb(store, async (db) => {
        expect((await db.one<{ n: number }>('SELECT count(*) AS n FROM events'))?.n).toBe(0);
        expect((await db.one<{ n: number }>(ORPHANS))?.n).toBe(0);
        expect(await storedRollUp(db)).toEqual(await rollUpFromScratch(db));
      });
      const lines = warn.mock.calls.map((c) => String(c[0]));
      expect(lines.join('\n')).toMatch(new RegExp(`17 events belong to no recorded run \\(run id ${id}\\); taken out`));
      // Counts and ids, no data: no send id, stream, event id or file name.
      expect(lines.join('\n')).not.toMatch(/camp-|events\.ndjson|gmail|@/);
    } finally {
      warn.mockRestore();
    }
    const again = await runCli(['ingest', fixture('events.ndjson'), '--db', store]);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toMatch(/stored 17, /);
    expect((await digestStore(store, DATA_TABLES)).tables).toEqual(expected.tables);
  }, 120_000);

  it('takes out every row of a run left running, its record too, and leaves the other runs alone', async () => {
    const store = copy('running.duckdb');
    const before = await digestStore(clean, DATA_TABLES);
    // What DuckDB's replay brings back of a torn commit: the rows it wrote ahead, under a run still 'running'.
    await craft(store, [
      `INSERT INTO ingest_runs (id, source, kind, format, started_at, status) VALUES (900, 'x', 'events', 'ndjson', now()::TIMESTAMP, 'running')`,
      `INSERT INTO events SELECT event_key + 1, event_id || '-torn', type, ts, send_id, stream, provider, bounce_class, smtp_code,
         diagnostic, message_id, 900, recipient FROM events`,
      `INSERT INTO seed_tests VALUES ('torn-send', 'gmail', 's', '2026-03-01', 10, 8, 1, 1, 900)`,
    ]);
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      expect((await digestStore(store, DATA_TABLES)).tables).toEqual(before.tables);
      expect(warn.mock.calls.map((c) => String(c[0])).join('\n')).toMatch(/ingest run 900 never finished .* it left 17 events, 1 seed tests row, now taken out with its record/);
    } finally {
      warn.mockRestore();
    }
    await withDb(store, async (db) => expect(await db.one(`SELECT count(*) AS n FROM ingest_runs WHERE id = 900`)).toEqual({ n: 0 }));
  }, 120_000);
});

describe('`rebound check [--repair]`', () => {
  const spoil = (store: string) => withDb(store, async (db) => {
    await db.run(`UPDATE sends SET delivered = delivered + 7 WHERE send_id || '|' || provider =
                    (SELECT send_id || '|' || provider FROM sends WHERE origin = 'events' ORDER BY send_id, provider LIMIT 1)`);
    await db.run(`INSERT INTO alert_notifications (id, rule_id, incident_id, metric, stream, provider, kind, observed_at, since, outbox_id)
                  VALUES (1, 'rule-gmail-spam-limit', 'inc-1', 'gmail_spam_rate', 's', 'gmail', 'firing', now()::TIMESTAMP, now()::TIMESTAMP, 'gone')`);
  });

  it('on the store: exit 1 naming what is wrong; --repair puts it right and exits 0; then it finds nothing', async () => {
    const store = copy('check.duckdb');
    await spoil(store);
    const found = await runCli(['check', '--db', store]);
    expect(found.code, found.stderr).toBe(1);
    expect(found.stdout).toMatch(/found: 1 send × provider row did not equal the roll-up of its events/);
    // Opening the store already put the alert right (the open-time check repairs), and said so.
    expect(found.stderr).toMatch(/store check \(.*\): 1 alert notification named an email the outbox does not hold; now shown as not sent/);
    const repaired = await runCli(['check', '--repair', '--json', '--db', store]);
    expect(repaired.code, repaired.stderr).toBe(0);
    const report = JSON.parse(repaired.stdout) as StoreCheckReport;
    expect(report.findings.map((f) => [f.check, f.count, f.repaired])).toEqual([['send_rollup', 1, true]]);
    const after = await runCli(['check', '--db', store]);
    expect(after.code, after.stdout).toBe(0);
    expect(after.stdout).toMatch(/the store is whole/);
    expect((await digestStore(store, DATA_TABLES)).tables).toEqual((await digestStore(clean, DATA_TABLES)).tables);
    await withDb(store, async (db) => expect(await db.one('SELECT outbox_id FROM alert_notifications WHERE id = 1')).toEqual({ outbox_id: null }));
  }, 240_000);

  it('through the API of the `rebound serve` that holds the store', async () => {
    const store = copy('served.duckdb');
    await spoil(store);
    const { run } = await startServe(store);
    try {
      const found = await runCli(['check', '--db', store]);
      expect(found.code, found.stderr).toBe(1);
      expect(found.stdout).toMatch(/found: 1 send × provider row/);
      const repaired = await runCli(['check', '--repair', '--db', store]);
      expect(repaired.code, repaired.stderr).toBe(0);
      expect(repaired.stdout).toMatch(/repaired: 1 send × provider row/);
      expect((await runCli(['check', '--db', store])).code).toBe(0);
    } finally {
      run.child.kill('SIGTERM');
      await run.done;
    }
  }, 240_000);
});
