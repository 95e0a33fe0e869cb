// `rebound pull [SOURCE]` and `rebound ingest` of reputation files through the real binary (docs/sources.md).
import { afterAll, describe, expect, it } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
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
    expect(unknown.stderr).toMatch(/known sources: bigquery, files, postmaster, snds/);
  });

  it('names the variable of a bad source setting, exit 1', async () => {
    const r = await runCli(['pull', '--db', tmp.path('bad.duckdb')], { env: { SNDS_IP_STREAMS: 'nonsense' } });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/SNDS_IP_STREAMS/);
  });
});

describe('rebound pull files', () => {
  it('aggregates local event files, and names the file and line of a bad record, exit 1, storing nothing', async () => {
    const dir = tmp.path('events');
    mkdirSync(dir);
    const event = { type: 'delivery', timestamp: '2026-03-01T10:00:00Z', send_id: 's1', stream: 'news.example.com', recipient_domain: 'gmail.com' };
    writeFileSync(`${dir}/day1.ndjson`, `${JSON.stringify(event)}\n`);
    const env = { REBOUND_DEMO: '0', EVENTS_FILES_GLOB: `${dir}/*.ndjson`, EVENTS_FILES_BACKFILL_DAYS: '400' };
    const db = tmp.path('files.duckdb');
    const ok = await runCli(['pull', 'files', '--db', db], { env });
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/files: 1 send aggregate\(s\)/);
    writeFileSync(`${dir}/day2.ndjson`, `${JSON.stringify(event)}\n${JSON.stringify({ ...event, timestamp: 'yesterday' })}\n`);
    const bad = await runCli(['pull', 'files', '--db', db], { env });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/day2\.ndjson: line 2: timestamp: must be an RFC 3339 timestamp.*nothing stored/);
  });

  it('names EVENTS_FILES_GLOB when it is wrong', async () => {
    const r = await runCli(['pull', '--db', tmp.path('bad-glob.duckdb')], { env: { EVENTS_FILES_GLOB: tmp.path('nowhere/*.ndjson') } });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/EVENTS_FILES_GLOB.*does not exist/);
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
