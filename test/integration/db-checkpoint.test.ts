// Rebound's own checkpoint (server/store/db.ts): once a commit leaves the WAL at the size that triggers it, a
// CHECKPOINT runs behind that commit (its caller already answered), the WAL is emptied, and every committed row
// is in the store file. Lowered to 64 KiB here so a few webhook loads cross it; DuckDB's own would wait for 64 MB.
import { afterAll, describe, expect, it } from 'vitest';
import { postEvents } from './journal-post.ts';
import type { EventRecord } from '../../server/ingest/webhooks/common.ts';
import { Db } from '../../server/store/db.ts';
import { tempDir } from './helpers.ts';

const tmp = tempDir('rebound-checkpoint-');
afterAll(() => tmp.cleanup());

const post = (b: number): EventRecord[] => Array.from({ length: 100 }, (_, i) => ({
  event_id: `b${b}-e${i}`, type: 'delivery', timestamp: '2026-03-01T10:00:00.000Z', send_id: 's1', stream: 'news',
  provider: 'gmail', message_id: `m${b}-${i}-${'x'.repeat(60)}`,
}));

describe('checkpoint after the commit that fills the WAL', () => {
  it('empties the WAL behind a webhook load that crossed the size, and keeps every event', async () => {
    const path = tmp.path('store.duckdb');
    const limit = 64 * 1024;
    const db = await Db.open(path, undefined, limit);
    const gc = { submit: (events: EventRecord[]) => postEvents(db, 'webhook:test', events, new Date('2026-03-01T12:00:00Z').toISOString()) };
    let crossed = 0;
    let emptied = 0;
    for (let b = 0; b < 40; b++) {
      await gc.submit(post(b));
      if (db.walBytes() >= limit) crossed++;
      // A trivial write goes behind the queued checkpoint, so once it returns the checkpoint has run.
      await db.transaction(async () => undefined);
      if (db.walBytes() < limit) emptied++;
    }
    expect(crossed, 'some loads filled the WAL past the size').toBeGreaterThan(2);
    expect(emptied, 'after each, the checkpoint emptied it').toBe(40);
    db.close();
    const again = await Db.open(path);
    expect((await again.one<{ n: number; d: number }>('SELECT (SELECT count(*) FROM events) AS n, (SELECT sum(delivered) FROM sends) AS d'))).toEqual({ n: 4000, d: 4000 });
    again.close();
  });

  it('leaves the WAL alone below the size', async () => {
    const db = await Db.open(tmp.path('small.duckdb'));
    const gc = { submit: (events: EventRecord[]) => postEvents(db, 'webhook:test', events, new Date('2026-03-01T12:00:00Z').toISOString()) };
    await gc.submit(post(0));
    await db.transaction(async () => undefined);
    expect(db.walBytes()).toBeGreaterThan(0);
    db.close();
  });
});
