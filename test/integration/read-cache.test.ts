// The read cache over a real DuckDB store: a write makes the answers that read its table out of date only once it
// is visible (committed), concurrent readers share one computation, a failure is not kept, and the byte budget
// drops the least recently read answers.
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReadCache } from '../../server/services/read-cache.ts';
import type { Db } from '../../server/store/db.ts';
import { tempStore } from './helpers.ts';

describe('read cache', () => {
  const tmp = tempStore('rebound-read-cache-');
  let db: Db;
  beforeAll(async () => {
    db = await tmp.open();
  });
  afterAll(tmp.cleanup);

  /** An answer computed from the incidents table, counting how often it was computed. */
  function counted(cache: ReadCache, key = 'titles') {
    let computed = 0;
    const read = async () => {
      computed++;
      return db.all<{ title: string }>('SELECT title FROM incidents ORDER BY id');
    };
    return { get: () => cache.get(key, ['incidents'], read), computed: () => computed };
  }
  const insert = (tx: { run: Db['run'] }, id: string) => tx.run(
    `INSERT INTO incidents (id, title, kind, severity, occurred_at, streams, baseline_days, monitor_days, demo, created_at, updated_at)
     VALUES ($1, $1, 'other', 'low', now()::TIMESTAMP, ['s'], 28, 30, false, now()::TIMESTAMP, now()::TIMESTAMP)`, [id]);

  it('serves the stored bytes until a committed write to an input table, and shares one computation', async () => {
    const cache = new ReadCache(db);
    const a = counted(cache);
    const [first, second] = await Promise.all([a.get(), a.get()]);
    expect(a.computed()).toBe(1);
    expect(second).toBe(first);
    expect(Buffer.from(first.body).toString()).toBe('[]');
    expect(gunzipSync(first.gzip).toString()).toBe('[]');

    // A write to a table the answer does not read leaves it alone.
    await db.transaction((tx) => tx.run(`INSERT INTO job_runs (id, job, started_at, finished_at, ok, summary) VALUES (nextval('job_runs_seq'), 'x', now()::TIMESTAMP, now()::TIMESTAMP, true, '')`));
    await a.get();
    expect(a.computed()).toBe(1);

    // Inside a transaction the write is not visible yet: the cached answer stays right and is served; after the
    // commit it is computed again and shows the new row.
    await db.transaction(async (tx) => {
      await insert(tx, 'inc-a');
      const during = await a.get();
      expect(Buffer.from(during.body).toString()).toBe('[]');
    });
    const after = await a.get();
    expect(a.computed()).toBe(2);
    expect(JSON.parse(Buffer.from(after.body).toString())).toEqual([{ title: 'inc-a' }]);
    expect(after.etag).not.toBe(first.etag);

    // A transaction rolled back changed nothing.
    await expect(db.transaction(async (tx) => {
      await insert(tx, 'inc-b');
      throw new Error('changed my mind');
    })).rejects.toThrow('changed my mind');
    expect(await a.get()).toBe(after);

    // A statement on its own (autocommit) counts at once.
    await db.run(`UPDATE incidents SET title = 'renamed' WHERE id = 'inc-a'`);
    expect(JSON.parse(Buffer.from((await a.get()).body).toString())).toEqual([{ title: 'renamed' }]);
    expect(a.computed()).toBe(3);
  });

  it('does not keep a failure', async () => {
    const cache = new ReadCache(db);
    let calls = 0;
    const flaky = () => cache.get('flaky', ['incidents'], async () => {
      if (++calls === 1) throw new Error('first call fails');
      return 'ok';
    });
    await expect(flaky()).rejects.toThrow('first call fails');
    expect(Buffer.from((await flaky()).body).toString()).toBe('"ok"');
  });

  it('keeps the ETag when a recomputed answer is the same bytes', async () => {
    const cache = new ReadCache(db);
    const a = counted(cache, 'same');
    const before = await a.get();
    await db.run(`UPDATE incidents SET title = title`);
    const again = await a.get();
    expect(a.computed()).toBe(2);
    expect(again.etag).toBe(before.etag);
  });

  it('drops the least recently read answers beyond its byte budget', async () => {
    const big = 'x'.repeat(10_000);
    const cache = new ReadCache(db, 25_000);
    let computed = 0;
    const get = (key: string) => cache.get(key, ['incidents'], async () => {
      computed++;
      return `${key}${big}`;
    });
    await get('a');
    await get('b');
    await get('a'); // a is now the most recently read
    expect(computed).toBe(2);
    await get('c'); // over budget: b goes
    expect(cache.size).toBeLessThanOrEqual(25_000);
    await get('a');
    expect(computed).toBe(3);
    await get('b');
    expect(computed).toBe(4);
  });
});
