// The Mailgun token cache in the store (docs/webhooks.md, "Authentication and replays"): a token is stored with its
// post, as a hash only; tokens past the signature window are pruned as new ones arrive; a store opened again
// (a new server on it) refuses a token it stored, including one whose post was answered (on disk in the webhook
// journal) but not loaded before the store closed: the journal's replay at open loads its claim.
// test/reliability/webhook-token-restart.test.ts does the same across a killed and restarted `rebound serve`.
import { createHash, createHmac } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config.ts';
import type { Services } from '../../server/context.ts';
import { Db } from '../../server/store/db.ts';
import { journalDir } from '../../server/store/webhook-journal-files.ts';
import { fixture, tempDir } from './helpers.ts';
import { journalSettled } from './journal-post.ts';
import { appFor, tableCount } from './sources-helpers.ts';

const KEY = 'key-0123456789abcdef0123456789abcdef';
const T0 = new Date('2026-03-03T12:00:00Z');
const eventData = (JSON.parse(readFileSync(fixture('webhooks/mailgun/delivered.json'), 'utf8')) as { 'event-data': Record<string, unknown> })['event-data'];

const tmp = tempDir();
afterAll(() => tmp.cleanup());
let open: Services[] = [];
afterEach(() => {
  for (const s of open) s.db.close();
  open = [];
});

async function services(path: string, clock: { now: Date }): Promise<Services> {
  const s: Services = { db: await Db.open(path), config: loadConfig({ REBOUND_DEMO: '0', MAILGUN_WEBHOOK_SIGNING_KEY: KEY }), now: () => clock.now, localToken: null };
  open.push(s);
  return s;
}

/** The documented delivered event (another id each time) signed at `at` with `token`, as Mailgun posts it. */
function body(token: string, at: Date, id: string): string {
  const timestamp = String(Math.floor(at.getTime() / 1000));
  return JSON.stringify({
    signature: { timestamp, token, signature: createHmac('sha256', KEY).update(timestamp + token).digest('hex') },
    'event-data': { ...eventData, id },
  });
}

async function post(s: Services, raw: string): Promise<{ status: number; message: string }> {
  const res = await appFor(s).request('/api/webhooks/mailgun', { method: 'POST', body: raw, headers: { 'content-type': 'application/json' } });
  return { status: res.status, message: ((await res.json()) as { error?: { message?: string } }).error?.message ?? '' };
}

/** The stored tokens, once the posts answered so far are loaded (a post is answered once it is on disk). */
async function tokens(s: Services): Promise<{ token_hash: string; expires_at: string }[]> {
  await journalSettled(s.db);
  return s.db.all('SELECT token_hash, CAST(expires_at AS VARCHAR) AS expires_at FROM webhook_tokens ORDER BY expires_at');
}
async function events(s: Services): Promise<number> {
  await journalSettled(s.db);
  return tableCount(s.db, 'events');
}
const sha = (t: string) => createHash('sha256').update(t).digest('hex');

describe('Mailgun tokens in the store', () => {
  it('keeps a hash of each accepted token until its window ends, prunes it after, and refuses it from a store opened again', async () => {
    const path = tmp.path('tokens.duckdb');
    const clock = { now: T0 };
    let s = await services(path, clock);
    const a = 'a'.repeat(50);
    expect((await post(s, body(a, T0, 'first'))).status).toBe(200);
    // Kept as long as the signed timestamp is accepted: 15 minutes (WEBHOOK_MAX_AGE_MINUTES) after it.
    expect(await tokens(s)).toEqual([{ token_hash: sha(a), expires_at: '2026-03-03 12:15:00.001' }]);
    expect(JSON.stringify(await s.db.all('SELECT * FROM webhook_tokens'))).not.toContain(a);

    // A refused post (its event data not an object) is not stored, and neither is its token.
    const refused = JSON.stringify({ ...(JSON.parse(body('c'.repeat(50), T0, 'x')) as object), 'event-data': 'not an object' });
    expect((await post(s, refused)).status).toBe(400);
    expect(await tokens(s)).toHaveLength(1);

    // Sixteen minutes on, a new post: the first token's window has passed, so it is pruned.
    clock.now = new Date(T0.getTime() + 16 * 60_000);
    const b = 'b'.repeat(50);
    const second = body(b, clock.now, 'second');
    expect((await post(s, second)).status).toBe(200);
    expect((await tokens(s)).map((t) => t.token_hash)).toEqual([sha(b)]);

    // The store opened again, as a restarted server opens it: the token is refused, with the event data changed.
    s.db.close();
    open = [];
    s = await services(path, clock);
    const forged = JSON.stringify({ ...(JSON.parse(second) as object), 'event-data': { ...eventData, id: 'invented', event: 'complained' } });
    const r = await post(s, forged);
    expect(r.status).toBe(401);
    expect(r.message).toMatch(/the signature token was used before/);
    expect(await events(s)).toBe(2);
    // The token refused before the reopening was never stored: Mailgun's retry of that post is accepted.
    expect((await post(s, body('c'.repeat(50), clock.now, 'retried'))).status).toBe(200);
    expect(await events(s)).toBe(3);
  });

  it('refuses, from a store opened again, the token of a post answered but not yet loaded when the store closed', async () => {
    const path = tmp.path('unloaded.duckdb');
    const clock = { now: T0 };
    let s = await services(path, clock);
    expect((await post(s, body('a'.repeat(50), T0, 'loaded'))).status).toBe(200);
    expect(await events(s)).toBe(1);
    // The loader cannot store the next post (the tokens' table is away): it is answered, being on disk, and kept
    // in the journal when the store closes.
    await s.db.run('ALTER TABLE webhook_tokens RENAME TO webhook_tokens_away');
    const d = 'd'.repeat(50);
    const answered = body(d, T0, 'answered-unloaded');
    expect((await post(s, answered)).status).toBe(200);
    await journalSettled(s.db);
    expect(await tableCount(s.db, 'events')).toBe(1);
    s.db.close();
    open = [];
    expect(existsSync(journalDir(path))).toBe(true);
    // The table put back by DuckDB itself, without Rebound's open (which would load the journal at once).
    const raw = await DuckDBInstance.create(path);
    const conn = await raw.connect();
    await conn.run('ALTER TABLE webhook_tokens_away RENAME TO webhook_tokens');
    conn.closeSync();
    raw.closeSync();

    // Opened again, as a restarted server opens it: the journal is loaded first, the post's event and its token.
    s = await services(path, clock);
    expect(existsSync(journalDir(path))).toBe(false);
    expect((await s.db.all<{ event_id: string }>('SELECT event_id FROM events ORDER BY event_id')).map((r) => r.event_id)).toEqual(['mailgun:answered-unloaded:delivered', 'mailgun:loaded:delivered']);
    // The journal still held the post loaded before (its file is removed only once full or closed), so the replay
    // loaded that one again: its event is stored once, its token kept once, and refused as before.
    expect((await tokens(s)).map((t) => t.token_hash).sort()).toEqual([sha('a'.repeat(50)), sha(d)].sort());
    const forged = JSON.stringify({ ...(JSON.parse(answered) as object), 'event-data': { ...eventData, id: 'invented', event: 'complained' } });
    const r = await post(s, forged);
    expect(r.status).toBe(401);
    expect(r.message).toMatch(/the signature token was used before/);
    expect(await events(s)).toBe(2);
  });
});
