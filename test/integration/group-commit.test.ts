// Webhook group commit: posts that arrive together are loaded in one transaction, and each post still gets its
// own counts and rejections — including two posts of one group carrying the same event.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GroupCommit } from '../../server/ingest/webhooks/group-commit.ts';
import type { EventRecord } from '../../server/ingest/webhooks/common.ts';
import type { Db } from '../../server/store/db.ts';
import { counts, tempStore } from './helpers.ts';

const ev = (id: string, over: Partial<EventRecord> = {}): EventRecord => ({
  event_id: id, type: 'delivery', timestamp: '2026-03-01T10:00:00.000Z', send_id: 's1', stream: 'news', provider: 'gmail', ...over,
} as EventRecord);

describe('GroupCommit', () => {
  const tmp = tempStore('rebound-group-');
  let db: Db;
  beforeAll(async () => {
    db = await tmp.open();
  });
  afterAll(tmp.cleanup);

  it('answers each of several concurrent posts with its own counts, and stores every event once', async () => {
    const gc = new GroupCommit(db, 'webhook:test', () => new Date('2026-03-01T12:00:00Z'));
    const posts: EventRecord[][] = [
      [ev('a1'), ev('a2'), ev('a3')],
      [ev('b1'), ev('a2')], // a2 again, in the same group: one of the two posts stores it
      [ev('c1'), ev('c2', { send_id: undefined as unknown as string })], // no send_id: quarantined, listed at line 2
      [ev('a1')], // a replay of a1
    ];
    const results = await Promise.all(posts.map((p) => gc.submit(p)));
    expect(results.map((r) => r.quarantined)).toEqual([0, 0, 1, 0]);
    expect(results[2]?.rejections.map((r) => r.line)).toEqual([2]);
    const stored = results.reduce((n, r) => n + r.stored, 0);
    expect(stored).toBe(5); // a1 a2 a3 b1 c1
    for (const [i, r] of results.entries()) expect(r.stored + r.duplicate + r.quarantined).toBe(posts[i]?.length);
    expect((await counts(db)).events).toBe(5);
    // A later post of the same events stores nothing.
    const again = await gc.submit([ev('a1'), ev('b1')]);
    expect(again).toMatchObject({ stored: 0, duplicate: 2, quarantined: 0 });
    expect((await counts(db)).events).toBe(5);
    const sends = await db.all<{ delivered: number }>('SELECT delivered FROM sends');
    expect(sends).toEqual([{ delivered: 5 }]);
  });

  it('waits a few ms for as many posts as were in flight lately, so clients answered together load together again', async () => {
    const source = 'webhook:linger';
    // A long wait here, so that a busy machine cannot make the test's own timers look like separate arrivals.
    const gc = new GroupCommit(db, source, () => new Date('2026-03-01T12:00:00Z'), 2_000);
    const loads = async () => (await db.one<{ n: number }>('SELECT count(*) AS n FROM ingest_runs WHERE source = $1', [source]))?.n;
    let id = 0;
    const post = () => gc.submit([ev(`l${++id}`), ev(`l${++id}`)]);
    // Four clients at once: one load.
    await Promise.all([post(), post(), post(), post()]);
    expect(await loads()).toBe(1);
    // The same four clients come back a millisecond apart (as answered clients do): still one load, not the
    // first alone and the other three in the next.
    const staggered: Promise<unknown>[] = [];
    for (let i = 0; i < 4; i++) {
      staggered.push(post());
      await new Promise((r) => setTimeout(r, 1));
    }
    await Promise.all(staggered);
    expect(await loads()).toBe(2);
    // A lone post after that (four expected) is loaded all the same once the wait is over, and stored.
    const started = performance.now();
    expect(await post()).toMatchObject({ stored: 2 });
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(await loads()).toBe(3);
    expect((await db.one<{ n: number }>(`SELECT count(*) AS n FROM events WHERE event_id LIKE 'l%'`))?.n).toBe(18);
  });
});
