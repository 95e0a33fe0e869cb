// REBOUND_DB_THREADS (docs/performance.md, "Webhooks"): read strictly, and what it sets is DuckDB's own setting.
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../server/config.ts';
import { Db } from '../../../server/store/db.ts';

describe('REBOUND_DB_THREADS', () => {
  it("leaves DuckDB's default unless set, and reads a whole number", () => {
    expect(loadConfig({}).dbThreads).toBeNull();
    expect(loadConfig({ REBOUND_DB_THREADS: '1' }).dbThreads).toBe(1);
  });

  it.each(['0', 'two', '1.5', '-1'])('refuses %s, naming the variable', (value) => {
    expect(() => loadConfig({ REBOUND_DB_THREADS: value })).toThrow(ConfigError);
    try {
      loadConfig({ REBOUND_DB_THREADS: value });
    } catch (err) {
      expect((err as ConfigError).variable).toBe('REBOUND_DB_THREADS');
    }
  });

  it("sets DuckDB's threads on the store, and refuses what is not a thread count", async () => {
    const db = await Db.open(':memory:');
    try {
      await db.limitThreads(1);
      expect((await db.one<{ t: number }>(`SELECT current_setting('threads') AS t`))?.t).toBe(1);
      await expect(db.limitThreads(0)).rejects.toThrow(/thread count/);
      await expect(db.limitThreads(1.5)).rejects.toThrow(/thread count/);
    } finally {
      db.close();
    }
  });
});
