// What counts as "the disk is full" (answered 507 by the API): DuckDB's and Node's wordings, also when wrapped.
import { describe, expect, it } from 'vitest';
import { isDiskFull } from '../../../server/store/disk-full.ts';

describe('isDiskFull', () => {
  it('recognises DuckDB and Node disk-full errors, wrapped or not', () => {
    const duck = new Error('IO Error: Could not write file "/data/rebound.duckdb.wal": No space left on device');
    expect(isDiskFull(duck)).toBe(true);
    expect(isDiskFull(Object.assign(new Error('write failed'), { code: 'ENOSPC' }))).toBe(true);
    expect(isDiskFull(new Error('the ingest failed', { cause: new Error('outer', { cause: duck }) }))).toBe(true);
  });

  it('does not take other errors for it', () => {
    expect(isDiskFull(new Error('IO Error: Could not write file "x": File too large'))).toBe(false);
    expect(isDiskFull(new Error('Constraint Error: duplicate key'))).toBe(false);
    expect(isDiskFull(null)).toBe(false);
    const cyclic: Error & { cause?: unknown } = new Error('loop');
    cyclic.cause = cyclic;
    expect(isDiskFull(cyclic)).toBe(false);
  });
});
