// `rebound pull [SOURCE]` and `rebound ingest` of reputation files through the real binary (issue 7).
import { afterAll, describe, expect, it } from 'vitest';
import { fixture, runCli, tempDir } from './helpers.ts';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

describe('rebound pull', () => {
  it('says so, exit 1, when no source is configured or the source is unknown', async () => {
    const db = tmp.path('pull.duckdb');
    const none = await runCli(['pull', '--db', db], { env: { REBOUND_DEMO: '0' } });
    expect(none.code).toBe(1);
    expect(none.stderr).toMatch(/no pulled source is configured/);
    const unknown = await runCli(['pull', 'hotmail', '--db', db], { env: { REBOUND_DEMO: '0' } });
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/known sources: bigquery, postmaster, snds/);
  });

  it('names the variable of a bad source setting, exit 1', async () => {
    const r = await runCli(['pull', '--db', tmp.path('bad.duckdb')], { env: { SNDS_IP_STREAMS: 'nonsense' } });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/SNDS_IP_STREAMS/);
  });
});

describe('rebound ingest of reputation files', () => {
  it('loads the generic CSV, a Postmaster answer and an SNDS export, and prints their counts', async () => {
    const db = tmp.path('ingest.duckdb');
    const r = await runCli(['ingest', '--db', db, '--json', fixture('sources/reputation.csv'), fixture('sources/postmaster-trafficstats.json'), fixture('sources/snds-data.csv')]);
    expect(r.code).toBe(0);
    const results = JSON.parse(r.stdout) as { kind: string; stored: number; duplicate: number }[];
    // The generic file already holds 2026-03-01's HIGH domain reputation and GREEN filter result for the same
    // subjects: those are duplicates; its different spam ratio and trap hits are replaced by the native values.
    expect(results.map((x) => [x.kind, x.stored, x.duplicate])).toEqual([['reputation', 5, 0], ['reputation', 6, 1], ['reputation', 8, 1]]);
  });
});
