// A store whose write-ahead log is replayed by one process and closed, then written by the next, must still take
// writes to existing sends (docs/integrity.md, "An index a replay leaves stale"). DuckDB 1.5 replays a log into a
// secondary index (one made by CREATE INDEX, not by a PRIMARY KEY or UNIQUE constraint) lazily, and the
// checkpoint it runs when that process closes wrote the index as it was before the log: the next UPDATE of an
// indexed row then failed with `FATAL … Failed to delete all rows from index`, in every process after.
// Real processes on a real DuckDB file: `rebound serve` stores documented Mailgun events (test/fixtures/webhooks/
// README.md cites the payload) — a new send row, then updates of it — and is SIGKILLed with the log holding them;
// `rebound check` opens and closes the store; `rebound serve` starts again and must add to the same send row.
import { createHmac, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { Db } from '../../server/store/db.ts';
import { fixture, tempDir } from '../integration/helpers.ts';
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

/** Posts each event in turn with a server on the store, then SIGKILLs it; every post must have been stored. */
async function serveAndKill(store: string, ids: string[]): Promise<void> {
  const s = await startServe(store, ENV);
  try {
    for (const id of ids) {
      const r = await post(s.url, id);
      expect(r.status, `${r.text}\n${s.run.stderr}`).toBe(200);
      expect(JSON.parse(r.text)).toMatchObject({ stored: 1 });
    }
  } finally {
    s.run.kill();
    await s.run.done;
  }
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
    // A clean store first (created and checkpointed), so the log below holds only the server's writes.
    expect((await runCli(['check', '--db', store], ENV)).code).toBe(0);
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
  }, 600_000);
});
