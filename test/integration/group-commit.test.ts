// Webhook group commit: posts that arrive together are loaded in one transaction, and each post still gets its
// own counts and rejections — including two posts of one group carrying the same event.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GroupCommit } from '../../server/ingest/webhooks/group-commit.ts';
import type { EventRecord } from '../../server/ingest/webhooks/common.ts';
import { Db } from '../../server/store/db.ts';
import { counts, tempDir } from './helpers.ts';

const ev = (id: string, over: Partial<EventRecord> = {}): EventRecord => ({
  event_id: id, type: 'delivery', timestamp: '2026-03-01T10:00:00.000Z', send_id: 's1', stream: 'news', provider: 'gmail', ...over,
} as EventRecord);

describe('GroupCommit', () => {
  const tmp = tempDir('rebound-group-');
  let db: Db;
  beforeAll(async () => {
    db = await Db.open(tmp.path('store.duckdb'));
  });
  afterAll(() => {
    db.close();
    tmp.cleanup();
  });

  it('answers each of several concurrent posts with its own counts, and stores every event once', async () => {
    const gc = new GroupCommit(db, 'webhook:test', () => new Date('2026-03-01T12:00:00Z'));
    const posts: EventRecord[][] = [
      [ev('a1'), ev('a2'), ev('a3')],
      [ev('b1'), ev('a2')], // a2 again, in the same group: one of the two posts stores it
      [ev('c1'), ev('c2', { send_id: undefined as unknown as string })], // no send_id: rejected, listed at line 2
      [ev('a1')], // a replay of a1
    ];
    const results = await Promise.all(posts.map((p) => gc.submit(p)));
    expect(results.map((r) => r.rejected)).toEqual([0, 0, 1, 0]);
    expect(results[2]?.rejections.map((r) => r.line)).toEqual([2]);
    const stored = results.reduce((n, r) => n + r.stored, 0);
    expect(stored).toBe(5); // a1 a2 a3 b1 c1
    for (const [i, r] of results.entries()) expect(r.stored + r.duplicate + r.rejected).toBe(posts[i]?.length);
    expect((await counts(db)).events).toBe(5);
    // A later post of the same events stores nothing.
    const again = await gc.submit([ev('a1'), ev('b1')]);
    expect(again).toMatchObject({ stored: 0, duplicate: 2, rejected: 0 });
    expect((await counts(db)).events).toBe(5);
    const sends = await db.all<{ delivered: number }>('SELECT delivered FROM sends');
    expect(sends).toEqual([{ delivered: 5 }]);
  });
});
