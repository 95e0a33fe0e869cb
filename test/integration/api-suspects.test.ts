// /api/suspects over HTTP on a real store with a dip nobody declared: viewers read, editors declare and dismiss,
// bad input is a 400 naming the field and changes nothing, a suspect no longer open is a 409, and every route is in
// the OpenAPI description with its operationId. And `rebound suspects [--json]` prints what the API gives.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.ts';
import { loadConfig } from '../../server/config.ts';
import type { Services } from '../../server/context.ts';
import { evaluateDue } from '../../server/services/recovery.ts';
import { Db } from '../../server/store/db.ts';
import type { SuspectList } from '#shared/schema/suspects.ts';
import { loadWatchStore, manyStreams } from '../../harness/watch-store.ts';
import { digestAllTables } from '../support/store-digest.ts';
import type { ErrorBody } from './api-support.ts';
import { runCli, tempDir } from './helpers.ts';

const DAY_MS = 86_400_000;
const VIEWER = 'viewer-token-0123456789';
const EDITOR = 'editor-token-0123456789';
const tmp = tempDir('rebound-api-suspects-');
// Dated from the real clock, so the CLI (which evaluates "now") sees the same dip: the data's last day is
// yesterday, and the dip began on its sends two days ago.
const START = new Date(Math.floor(Date.now() / DAY_MS) * DAY_MS - 37 * DAY_MS).toISOString();
const STREAMS = manyStreams(3);

async function buildStore(path: string, dips: string[]): Promise<void> {
  const db = await Db.open(path);
  try {
    await loadWatchStore(db, {
      seed: 5, start: START, days: 37, streams: STREAMS,
      effects: { startDay: 35, specs: dips.map((stream) => ({ stream, providers: ['yahoo'], metrics: ['block_rate'], peak: 6, decay: 1, sends: 2 })) },
    });
  } finally {
    db.close();
  }
}

describe('the suspects API', () => {
  let db: Db;
  let app: ReturnType<typeof createApp>;
  let ids: string[];
  const as = (token: string, init: RequestInit = {}) => ({ ...init, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...(init.headers ?? {}) } });

  beforeAll(async () => {
    // One stream blocked at Yahoo: one suspect.
    const path = tmp.path('api.duckdb');
    await buildStore(path, ['stream-002']);
    db = await Db.open(path);
    const s: Services = { db, config: loadConfig({ REBOUND_DEMO: '0', REBOUND_TOKENS: `viewer:${VIEWER},editor:${EDITOR}` }), now: () => new Date(), localToken: null };
    await evaluateDue(s);
    app = createApp(s);
    const res = await app.request('/api/suspects', as(VIEWER));
    ids = ((await res.json()) as SuspectList).suspects.map((x) => x.id);
    expect(ids).toHaveLength(1);
  }, 120_000);
  afterAll(() => db.close());

  it('lets a viewer read, and not declare or dismiss', async () => {
    const list = await app.request('/api/suspects', as(VIEWER));
    expect(list.status).toBe(200);
    const body = (await list.json()) as SuspectList;
    expect(body.suspects[0]).toMatchObject({ id: ids[0], status: 'open', streams: ['stream-002'], providers: ['yahoo'], metrics: ['block_rate'] });
    expect(body.last_run?.watched).toBe(3 * 5 * 7);
    expect((await app.request(`/api/suspects/${ids[0]}`, as(VIEWER))).status).toBe(200);
    expect((await app.request('/api/suspects/sus-404', as(VIEWER))).status).toBe(404);
    expect((await app.request('/api/suspects')).status).toBe(401);
    const before = await digestAllTables(db);
    for (const action of ['declare', 'dismiss']) {
      const res = await app.request(`/api/suspects/${ids[0]}/${action}`, as(VIEWER, { method: 'POST', body: JSON.stringify({ by: 'v', reason: 'r' }) }));
      expect(res.status).toBe(403);
    }
    expect(await digestAllTables(db)).toEqual(before);
  });

  it('refuses a dismissal without who or why, naming the field, and changes nothing', async () => {
    const before = await digestAllTables(db);
    for (const [body, field] of [[{ reason: 'x' }, 'by'], [{ by: 'ana', reason: '  ' }, 'reason'], [{ by: 'ana', reason: 'x', extra: 1 }, 'extra']] as const) {
      const res = await app.request(`/api/suspects/${ids[0]}/dismiss`, as(EDITOR, { method: 'POST', body: JSON.stringify(body) }));
      expect(res.status).toBe(400);
      const err = (await res.json()) as ErrorBody;
      expect(err.error.message.startsWith(`${field}:`), err.error.message).toBe(true);
    }
    const badKind = await app.request(`/api/suspects/${ids[0]}/declare`, as(EDITOR, { method: 'POST', body: JSON.stringify({ kind: 'oops' }) }));
    expect(badKind.status).toBe(400);
    expect(((await badKind.json()) as ErrorBody).error.message).toMatch(/^kind:/);
    expect(await digestAllTables(db)).toEqual(before);
  });

  it('lets an editor declare (without a body), and then neither declare nor dismiss again', async () => {
    const res = await app.request(`/api/suspects/${ids[0]}/declare`, as(EDITOR, { method: 'POST', headers: { 'content-type': '' } }));
    expect(res.status, await res.clone().text()).toBe(201);
    const body = (await res.json()) as { suspect: { status: string; incident_id: string }; incident: { id: string; streams: string[]; providers: string[]; occurred_at: string } };
    expect(body.suspect.status).toBe('declared');
    expect(body.incident).toMatchObject({ id: body.suspect.incident_id, streams: ['stream-002'], providers: ['yahoo'] });
    const again = await app.request(`/api/suspects/${ids[0]}/dismiss`, as(EDITOR, { method: 'POST', body: JSON.stringify({ by: 'ana', reason: 'x' }) }));
    expect(again.status).toBe(409);
    const twice = await app.request(`/api/suspects/${ids[0]}/declare`, as(EDITOR, { method: 'POST', body: '{}' }));
    expect(twice.status).toBe(409);
  });

  it('documents every route with an operationId', async () => {
    const doc = (await (await app.request('/api/openapi.json', as(VIEWER))).json()) as { paths: Record<string, Record<string, { operationId?: string }>> };
    expect(doc.paths['/api/suspects']?.get?.operationId).toBe('listSuspects');
    expect(doc.paths['/api/suspects/{id}']?.get?.operationId).toBe('getSuspect');
    expect(doc.paths['/api/suspects/{id}/declare']?.post?.operationId).toBe('declareSuspect');
    expect(doc.paths['/api/suspects/{id}/dismiss']?.post?.operationId).toBe('dismissSuspect');
  });
});

describe('rebound suspects', () => {
  const path = tmp.path('cli.duckdb');
  beforeAll(async () => {
    await buildStore(path, ['stream-001', 'stream-003']);
  }, 120_000);
  afterAll(() => tmp.cleanup());

  it('says the watch has not run, then lists what the evaluation found, as a table and as the API\'s JSON', async () => {
    const env = { REBOUND_DEMO: '0' };
    const empty = await runCli(['suspects', '--db', path], { env });
    expect(empty.code, empty.stderr).toBe(0);
    expect(empty.stdout).toMatch(/^No suspected incidents.*\nThe watch has not run yet/);
    const ev = await runCli(['evaluate', '--db', path], { env });
    expect(ev.code, ev.stderr).toBe(0);
    expect(ev.stdout).toMatch(/watch: 105 series, \d+ observations; 1 open suspect\(s\), new: sus-1/);
    const table = await runCli(['suspects', '--db', path], { env });
    expect(table.code, table.stderr).toBe(0);
    const lines = table.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^ID\s+STATUS\s+FIRST SEEN \(UTC\)\s+SUMMARY$/);
    expect(lines[2]).toMatch(/^sus-1\s+open\s+\d{4}-\d\d-\d\d \d\d:\d\d\s+Blocks rose at Yahoo on stream-001 and stream-003 since /);
    expect(lines[3]).toMatch(/^Last watched .* UTC: 105 series/);
    const json = await runCli(['suspects', '--json', '--db', path], { env });
    expect(json.code, json.stderr).toBe(0);
    const list = JSON.parse(json.stdout) as SuspectList;
    expect(list.suspects.map((x) => [x.id, x.streams, x.providers, x.metrics])).toEqual([['sus-1', ['stream-001', 'stream-003'], ['yahoo'], ['block_rate']]]);
    expect(Object.keys(list.suspects[0] ?? {})).toEqual(expect.arrayContaining(['id', 'first_seen_at', 'streams', 'providers', 'metrics', 'evidence', 'status']));
    const bad = await runCli(['suspects', 'dismiss', 'sus-1', '--by', 'ana', '--db', path], { env });
    expect(bad.code).toBe(2);
    const dismissed = await runCli(['suspects', 'dismiss', 'sus-1', '--by', 'ana', '--reason', 'IP warm-up', '--db', path], { env });
    expect(dismissed.code, dismissed.stderr).toBe(0);
    expect(JSON.parse(dismissed.stdout)).toMatchObject({ status: 'dismissed', dismissed: { by: 'ana', reason: 'IP warm-up' } });
  }, 180_000);
});
