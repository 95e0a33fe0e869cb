// Mailgun's replay guard across a restart (docs/webhooks.md, "Authentication and replays"): Mailgun signs only a
// timestamp and a token, so a captured post could carry invented events while its timestamp is fresh, and Mailgun
// says to refuse a token seen before. The real `rebound serve` stores a documented Mailgun post (test/fixtures/
// webhooks/README.md cites it), is SIGKILLed, and is started again on the same store: the captured signature with
// other event data is still refused, nothing of it stored, while a new token is accepted. A post is answered once it
// is on disk in the webhook journal, and loaded moments later (docs/webhooks.md, "Answered once on disk"): the
// server is killed right after a burst of posts is answered, and every one of their tokens is refused after the
// restart, their claims loaded from the journal at the next open if the loader had not got to them. A post that
// was refused (not kept) leaves no token behind, so Mailgun's retry of it is accepted after the restart.
import { createHmac, randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { Db } from '../../server/store/db.ts';
import { journalDir } from '../../server/store/webhook-journal-files.ts';
import { fixture, tempDir } from '../integration/helpers.ts';
import { startServe } from './support.ts';

const tmp = tempDir('rebound-token-restart-');
afterAll(() => tmp.cleanup());

const KEY = 'key-0123456789abcdef0123456789abcdef';
const BURST = 20;
const sample = JSON.parse(readFileSync(fixture('webhooks/mailgun/delivered.json'), 'utf8')) as { 'event-data': Record<string, unknown> };

/** The documented delivered event, signed as Mailgun signs a post now; `token` chosen or new. */
function signed(eventData: Record<string, unknown>, token = randomBytes(25).toString('hex')): string {
  const timestamp = String(Math.floor(Date.now() / 1000));
  const signature = createHmac('sha256', KEY).update(timestamp + token).digest('hex');
  return JSON.stringify({ signature: { timestamp, token, signature }, 'event-data': eventData });
}

/** The same signature block with other event data: what someone who captured a post could send. */
function forged(captured: string, eventData: Record<string, unknown>): string {
  return JSON.stringify({ signature: (JSON.parse(captured) as { signature: unknown }).signature, 'event-data': eventData });
}

async function post(url: string, body: string): Promise<{ status: number; text: string }> {
  const res = await fetch(`${url}/api/webhooks/mailgun`, { method: 'POST', body, headers: { 'content-type': 'application/json' } });
  return { status: res.status, text: await res.text() };
}

async function storedIds(store: string): Promise<string[]> {
  const db = await Db.open(store);
  try {
    return (await db.all<{ event_id: string }>('SELECT event_id FROM events ORDER BY event_id')).map((r) => r.event_id);
  } finally {
    db.close();
  }
}

describe('the Mailgun token cache survives a restart', () => {
  it('refuses a captured signature re-posted right after a SIGKILL and restart, and accepts new tokens', async () => {
    const store = tmp.path('tokens.duckdb');
    const env = { MAILGUN_WEBHOOK_SIGNING_KEY: KEY };
    const first = await startServe(store, env);
    const captured = signed(sample['event-data']);
    let retried = '';
    // Posts answered just before the kill: some may still be in the journal only.
    const burst = Array.from({ length: BURST }, (_, i) => signed({ ...sample['event-data'], id: `burst-${i}` }));
    try {
      const stored = await post(first.url, captured);
      expect(stored.status).toBe(200);
      // Answered once on disk: what the load makes of it is not known yet.
      const answer = JSON.parse(stored.text) as Record<string, unknown>;
      expect(answer).toMatchObject({ received: 1, accepted: 1, quarantined: 0 });
      expect(answer).not.toHaveProperty('stored');
      // A post refused before it was kept (malformed event data) gives its token back: not remembered.
      const token = randomBytes(25).toString('hex');
      retried = signed({ ...sample['event-data'], id: 'retried-after-restart' }, token);
      expect((await post(first.url, forged(signed({}, token), 'not an object' as unknown as Record<string, unknown>))).status).toBe(400);
      const answers = await Promise.all(burst.map((b) => post(first.url, b)));
      expect(answers.map((a) => a.status)).toEqual(burst.map(() => 200));
    } finally {
      first.run.kill();
      await first.run.done;
    }
    // The killed server's journal is left beside the store (its open file is removed only at a clean stop).
    expect(existsSync(journalDir(store))).toBe(true);
    // Opened and closed between the two servers, as an operator's command would: the journal is loaded at the open,
    // and the replay of the killed server's log must leave the store writable for the next one (docs/integrity.md,
    // "An index a replay leaves stale").
    expect(await storedIds(store)).toHaveLength(1 + BURST);
    expect(existsSync(journalDir(store))).toBe(false);
    const second = await startServe(store, env);
    try {
      // Within the same signature window, after the restart: the captured token with invented event data.
      const replay = await post(second.url, forged(captured, { ...sample['event-data'], id: 'invented-after-restart', event: 'complained' }));
      expect(replay.status).toBe(401);
      expect(replay.text).toMatch(/token was used before/);
      // Every post answered before the kill: its token is refused too.
      for (const [i, b] of burst.entries()) {
        const r = await post(second.url, forged(b, { ...sample['event-data'], id: `invented-burst-${i}`, event: 'complained' }));
        expect(r.status, `burst-${i}`).toBe(401);
      }
      // Mailgun's retry of the refused post, same token: accepted, since that post was never stored.
      expect((await post(second.url, retried)).status).toBe(200);
      expect((await post(second.url, signed({ ...sample['event-data'], id: 'new-after-restart' }))).status).toBe(200);
    } finally {
      second.run.kill();
      await second.run.done;
    }
    const after = await storedIds(store);
    expect(after).toHaveLength(3 + BURST);
    expect(after.join(' ')).not.toMatch(/invented/);
  }, 300_000);
});
