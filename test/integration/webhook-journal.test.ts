// The webhook journal while the server runs (docs/webhooks.md, "Answered once on disk"): posts kept together are
// loaded together, each with its own counts; a post that cannot be written to disk is refused, never answered as
// kept; a read made after a post's answer sees its events; closing loads what is waiting.
import { generateKeyPairSync, sign } from 'node:crypto';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import type { EventRecord } from '../../server/ingest/webhooks/common.ts';
import { preparePost } from '../../server/ingest/webhooks/prepare-post.ts';
import { Db } from '../../server/store/db.ts';
import { journalDir } from '../../server/store/webhook-journal-files.ts';
import { journalOf } from '../../server/store/webhook-journal.ts';
import { counts, tempDir } from './helpers.ts';
import { postEvents } from './journal-post.ts';
import { appFor, NOW, servicesWith } from './sources-helpers.ts';

const tmp = tempDir('rebound-journal-');
afterAll(() => tmp.cleanup());

const ev = (id: string, over: Partial<EventRecord> = {}): EventRecord => ({
  event_id: id, type: 'delivery', timestamp: '2026-03-01T10:00:00.000Z', send_id: 's1', stream: 'news', provider: 'gmail', ...over,
} as EventRecord);
const AT = '2026-03-01T12:00:00.000Z';
const runs = async (db: Db, source: string) => (await db.one<{ n: number }>('SELECT count(*) AS n FROM ingest_runs WHERE source = $1', [source]))?.n;

describe('the webhook journal', () => {
  it('loads posts kept together in one transaction, each with its own counts, every event once', async () => {
    const db = await Db.open(tmp.path('together.duckdb'));
    try {
      const posts: EventRecord[][] = [
        [ev('a1'), ev('a2'), ev('a3')],
        [ev('b1'), ev('a2')], // a2 again, in the same load: one of the two posts stores it
        [ev('c1'), ev('c2', { send_id: undefined as unknown as string })], // no send_id: quarantined, listed at line 2
        [ev('a1')], // a replay of a1
      ];
      const results = await Promise.all(posts.map((p) => postEvents(db, 'webhook:test', p, AT)));
      expect(await runs(db, 'webhook:test')).toBe(1);
      expect(results.map((r) => r.quarantined)).toEqual([0, 0, 1, 0]);
      expect(results[2]?.rejections.map((r) => r.line)).toEqual([2]);
      expect(results.reduce((n, r) => n + r.stored, 0)).toBe(5); // a1 a2 a3 b1 c1
      for (const [i, r] of results.entries()) expect(r.stored + r.duplicate + r.quarantined).toBe(posts[i]?.length);
      expect((await counts(db)).events).toBe(5);
      expect(await postEvents(db, 'webhook:test', [ev('a1'), ev('b1')], AT)).toMatchObject({ stored: 0, duplicate: 2 });
      expect(await db.all('SELECT delivered FROM sends')).toEqual([{ delivered: 5 }]);
    } finally {
      db.close();
    }
  });

  it('keeps each unusable event of a post once, whether the post is kept twice in one load or again later', async () => {
    const db = await Db.open(tmp.path('quarantine.duckdb'));
    try {
      // A post the fallbacks cannot map: no event has a stream. Each is kept as received, with its place in the post.
      const events = Array.from({ length: 40 }, (_, i) => ev(`q${i}`, { stream: undefined as unknown as string }));
      const origins = events.map((e, i) => ({ payload: { ...e, n: i }, item: i }));
      const post = () => postEvents(db, 'webhook:test', events.map((e) => ({ ...e })), AT, origins);
      const [a, b] = await Promise.all([post(), post()]);
      expect(await runs(db, 'webhook:test')).toBe(1);
      expect([a?.quarantined, b?.quarantined]).toEqual([40, 40]);
      expect((await post()).quarantined).toBe(40);
      const kept = await db.all<{ item: number; n: number }>('SELECT item, count(*)::INTEGER AS n FROM webhook_quarantine GROUP BY item ORDER BY item');
      expect(kept).toEqual(Array.from({ length: 40 }, (_, i) => ({ item: i, n: 1 })));
      expect((await counts(db)).events).toBe(0);
    } finally {
      db.close();
    }
  });

  it('refuses a post it cannot write to disk, keeps nothing of it, and takes the next once the disk can', async () => {
    const db = await Db.open(tmp.path('unwritable.duckdb'));
    try {
      // A file where the journal's directory goes: no log file can be created.
      writeFileSync(journalDir(db.path), 'in the way');
      const p = preparePost('test', [ev('u1')], [], AT);
      await expect(journalOf(db).append('webhook:test', p)).rejects.toThrow(/ENOTDIR|not a directory/i);
      await journalOf(db).settled();
      expect((await counts(db)).events).toBe(0);
      expect(await runs(db, 'webhook:test')).toBe(0);
    } finally {
      db.close();
    }
    // The way cleared, the same store takes posts again.
    rmSync(journalDir(tmp.path('unwritable.duckdb')));
    const again = await Db.open(tmp.path('unwritable.duckdb'));
    try {
      expect(await postEvents(again, 'webhook:test', [ev('u1')], AT)).toMatchObject({ stored: 1 });
    } finally {
      again.close();
    }
  });

  it('loads what is waiting when closed, and leaves no log behind', async () => {
    const path = tmp.path('close.duckdb');
    const db = await Db.open(path);
    const journal = journalOf(db);
    const kept = await Promise.all(Array.from({ length: 6 }, (_, i) => journal.append('webhook:test', preparePost('test', [ev(`z${i}`), ev(`y${i}`)], [], AT))));
    await journal.close();
    expect(await Promise.all(kept.map((k) => k.loaded))).toEqual(Array.from({ length: 6 }, () => ({ stored: 2, duplicate: 0 })));
    expect((await counts(db)).events).toBe(12);
    db.close();
    expect(existsSync(journalDir(path))).toBe(false);
  });
});

describe('through the API', () => {
  const ec = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const KEY = ec.publicKey.export({ type: 'spki', format: 'der' }).toString('base64');

  it('answers a post once it is on disk, and a read made after the answer sees its events', async () => {
    mkdirSync(tmp.path('api'), { recursive: true });
    const s = await servicesWith({ SENDGRID_WEBHOOK_PUBLIC_KEY: KEY }, 'api', tmp);
    try {
      const app = appFor(s);
      const ts = String(Math.floor(NOW.getTime() / 1000));
      for (let round = 0; round < 5; round++) {
        const body = JSON.stringify(Array.from({ length: 50 }, (_, i) => ({
          email: `r${i}@gmail.com`, timestamp: Math.floor(NOW.getTime() / 1000) - 60, event: 'delivered',
          sg_event_id: `api-${round}-${i}`, sg_message_id: `m-${round}-${i}`, category: 'news.example.com',
        })));
        const res = await app.request('/api/webhooks/sendgrid', {
          method: 'POST', body,
          headers: {
            'content-type': 'application/json', 'x-twilio-email-event-webhook-timestamp': ts,
            'x-twilio-email-event-webhook-signature': sign('sha256', Buffer.from(ts + body), ec.privateKey).toString('base64'),
          },
        });
        expect(res.status).toBe(200);
        expect(await res.json()).toMatchObject({ received: 50, accepted: 50, quarantined: 0 });
        // At once, with no wait in between: the read waits for the posts answered before it.
        const summary = await (await app.request('/api/data/summary')).json() as { counts: { events: number } };
        expect(summary.counts.events).toBe(50 * (round + 1));
      }
    } finally {
      s.db.close();
    }
  });
});
