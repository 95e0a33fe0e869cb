// How the processes treat the store file (docs/integrity.md): the store and its write-ahead log are the owner's
// only; `rebound serve` stopped by SIGTERM right after refusing a too-large body still closes the store and removes
// its server file; `rebound report` and `rebound pull` open the store with REBOUND_DB_MEMORY like every command.
import { existsSync, statSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { Db } from '../../server/store/db.ts';
import { fixture, tempDir } from '../integration/helpers.ts';
import { runCli, startServe } from './support.ts';

const tmp = tempDir('rebound-store-process-');
afterAll(() => tmp.cleanup());

const mode = (file: string) => (statSync(file).mode & 0o777).toString(8);

describe('the store files', () => {
  it('are created 0600, the write-ahead log too, while `rebound serve` holds the store', async () => {
    const store = tmp.path('modes/store.duckdb');
    const { run, url } = await startServe(store);
    try {
      // A write, so that DuckDB creates the log (it is created afresh after every checkpoint).
      const res = await fetch(`${url}/api/events`, {
        method: 'POST', headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ events: [{ type: 'delivery', timestamp: '2026-03-01T10:00:00Z', send_id: 's1', stream: 'news', provider: 'gmail' }] }),
      });
      expect(res.status, await res.text()).toBeLessThan(300);
      expect(existsSync(`${store}.wal`)).toBe(true);
      expect(mode(store)).toBe('600');
      expect(mode(`${store}.wal`)).toBe('600');
      expect(mode(`${store}.server.json`)).toBe('600');
    } finally {
      run.child.kill('SIGTERM');
      await run.done;
    }
  }, 180_000);
});

describe('`rebound serve` stopped by SIGTERM right after a 413', () => {
  it('exits 0, closes the store (it opens again) and removes its server file', async () => {
    const store = tmp.path('term.duckdb');
    const { run, url } = await startServe(store);
    // Over the JSON batch limit (10 MiB): refused before the body is read.
    const res = await fetch(`${url}/api/events`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: Buffer.alloc(11 * 1024 ** 2, 0x20) });
    expect(res.status).toBe(413);
    run.child.kill('SIGTERM');
    const exit = await run.done;
    expect(exit.code, exit.stderr).toBe(0);
    expect(existsSync(`${store}.server.json`)).toBe(false);
    const db = await Db.open(store);
    db.close();
  }, 180_000);
});

describe('REBOUND_DB_MEMORY', () => {
  // A limit of 1 KB is too small for any query: a command that honours it fails with DuckDB's out-of-memory error,
  // one that ignores it succeeds.
  const TINY = { REBOUND_DB_MEMORY: '1KB' };

  it.each([
    ['report', ['report', '--week', '2026-W10', '--format', 'csv']],
    ['pull', ['pull', 'files']],
  ])('is applied by `rebound %s`', async (_name, args) => {
    const store = tmp.path(`memory-${_name}.duckdb`);
    const ok = await runCli(['ingest', fixture('sends.csv'), '--db', store]);
    expect(ok.code, ok.stderr).toBe(0);
    const limited = await runCli([...args, '--db', store], TINY);
    expect(limited.code).toBe(1);
    expect(limited.stderr).toMatch(/Out of Memory/i);
  }, 180_000);
});
