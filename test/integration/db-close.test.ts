// Closing a store lets go of the file even while a session is still open (the webhook journal's loader keeps one for the
// life of the store): reopened in the same process, what is written is there after the next reopen.
import { afterAll, describe, expect, it } from 'vitest';
import { Db } from '../../server/store/db.ts';
import { tempDir } from './helpers.ts';

const tmp = tempDir('rebound-db-close-');
afterAll(() => tmp.cleanup());

describe('Db.close', () => {
  it('closes the sessions it handed out, so the file can be reopened and written safely', async () => {
    const path = tmp.path('store.duckdb');
    const first = await Db.open(path);
    const kept = await first.session();
    await kept.run(`INSERT INTO annotations (id, incident_id, "at", kind, label, created_at) VALUES ('a1', 'inc-1', now()::TIMESTAMP, 'other', 'before', now()::TIMESTAMP)`);
    first.close();
    await expect(kept.run('SELECT 1')).rejects.toThrow();

    const second = await Db.open(path);
    await second.run(`INSERT INTO annotations (id, incident_id, "at", kind, label, created_at) VALUES ('a2', 'inc-1', now()::TIMESTAMP, 'other', 'after', now()::TIMESTAMP)`);
    second.close();
    const third = await Db.open(path);
    expect((await third.all<{ id: string }>('SELECT id FROM annotations ORDER BY id')).map((r) => r.id)).toEqual(['a1', 'a2']);
    third.close();
  });
});
