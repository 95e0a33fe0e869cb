// The one API client (shared/api/client.ts, docs/architecture.md "The API client") against a real `rebound serve`
// on a DuckDB file: its generated types are exactly what the server describes; every operation the CLI calls
// (each `api.METHOD('/path'` in server/cli/) goes through it with the credential the server leaves beside the
// store and gets its answer; failures come back as the API's error naming the field; and the types refuse a path,
// a parameter or a body the description does not have (checked by tsc, which reads this file).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import { ApiFailure, createApiClient, ok, type ApiClient } from '#shared/api/client.ts';
import { formatIsoWeek, previousIsoWeek } from '#shared/iso-week.ts';
import { loadWatchStore, manyStreams } from '../../harness/watch-store.ts';
import { startServer, type TestServer } from '../../harness/server.ts';
import { API_TYPES_FILE, apiTypesSource } from '../../scripts/api-types.ts';
import { RemoteBackend } from '../../server/cli/backend.ts';
import { pullThrough } from '../../server/cli/pull.ts';
import { reportFromServer } from '../../server/cli/report.ts';
import { LocalServer } from '../../server/cli/store-or-server.ts';
import { throughServer } from '../../server/cli/webhooks.ts';
import { ApiError } from '../../server/errors.ts';
import { readServerFile } from '../../server/server-file.ts';
import { Db } from '../../server/store/db.ts';
import { fixture, ROOT, tempDir } from './helpers.ts';

const DAY_MS = 86_400_000;
const VIEWER = 'api-client-viewer-token-01';
const tmp = tempDir('rebound-api-client-');
// The data ends yesterday and two streams dip at Yahoo from two days ago: a full evaluation raises a suspect.
const START = new Date(Math.floor(Date.now() / DAY_MS) * DAY_MS - 37 * DAY_MS).toISOString();

/** Every `api.METHOD('/path'` in the CLI's sources: the operations the CLI calls through the client. */
function cliOperations(): Set<string> {
  const dir = join(ROOT, 'server', 'cli');
  const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));
  const ops = new Set<string>();
  for (const f of files) {
    for (const m of readFileSync(join(dir, f), 'utf8').matchAll(/\bapi\.(GET|POST|PUT|PATCH|DELETE)\('([^']+)'/g)) ops.add(`${m[1]} ${m[2]}`);
  }
  return ops;
}

/** Never called: tsc type-checks it. Each @ts-expect-error fails the type check when the client stops refusing. */
export function typeChecks(api: ApiClient): void {
  // @ts-expect-error: no such path
  void api.GET('/api/no-such-route');
  // @ts-expect-error: the incident's id is a path parameter, and required
  void api.GET('/api/incidents/{id}', { params: { query: { id: 'inc-1' } } });
  // @ts-expect-error: limit is a number
  void api.GET('/api/incidents', { params: { query: { limit: 'ten' } } });
  // @ts-expect-error: an incident has a title, not a name
  void api.POST('/api/incidents', { body: { name: 'x', kind: 'other', severity: 'low', occurred_at: '2026-03-01T00:00:00Z', streams: ['news'] } });
  // @ts-expect-error: GET /api/alerts/rules/{id} is not an operation (only PATCH and DELETE are)
  void api.GET('/api/alerts/rules/{id}', { params: { path: { id: 'r' } } });
  expectTypeOf(ok(api.GET('/api/incidents'))).resolves.toHaveProperty('incidents');
  expectTypeOf(ok(api.POST('/api/evaluate'))).resolves.toHaveProperty('delivery');
}

describe('the API client against a running server', () => {
  let server: TestServer;
  let dbPath = '';
  let local: LocalServer;
  const seen = new Set<string>();

  beforeAll(async () => {
    dbPath = tmp.path('served.duckdb');
    const db = await Db.open(dbPath);
    try {
      await loadWatchStore(db, {
        seed: 5, start: START, days: 37, streams: manyStreams(3),
        effects: { startDay: 35, specs: ['stream-001', 'stream-003'].map((stream) => ({ stream, providers: ['yahoo'], metrics: ['block_rate'], peak: 6, decay: 1, sends: 2 })) },
      });
    } finally {
      db.close();
    }
    server = await startServer({ REBOUND_DB: dbPath, REBOUND_TOKENS: `viewer:${VIEWER}` });
    const file = readServerFile(dbPath);
    if (!file) throw new Error('the server left no credential beside the store');
    local = new LocalServer(file);
    // Records what goes out, as the schema's path (/api/incidents/{id}), to hold the CLI's list to it below.
    local.api.use({ onRequest({ request, schemaPath }) { seen.add(`${request.method} ${schemaPath}`); } });
  }, 180_000);
  afterAll(async () => {
    await server?.stop();
    tmp.cleanup();
  });

  it('is typed by exactly the description the server serves', async () => {
    const res = await fetch(`${server.url}/api/openapi.json`, { headers: { authorization: `Bearer ${VIEWER}` } });
    expect(res.status).toBe(200);
    const served = await res.text();
    const committed = readFileSync(API_TYPES_FILE, 'utf8');
    expect(await apiTypesSource(served), 'shared/api/openapi-types.ts is stale: run npm run api:types').toBe(committed);
    // And the comparison can fail: one operation fewer is other types.
    const fewer = JSON.parse(served) as { paths: Record<string, unknown> };
    delete fewer.paths['/api/outbox'];
    expect(await apiTypesSource(JSON.stringify(fewer))).not.toBe(committed);
  }, 60_000);

  it('calls every operation the CLI uses, with the local credential, and gets its answer', async () => {
    const b = new RemoteBackend(local);
    expect(b.where).toContain(server.url);

    const ingested = await b.ingest(fixture('events.ndjson'), {});
    expect(ingested).toMatchObject({ status: 'stored', kind: 'events' });
    expect(ingested.stored).toBeGreaterThan(0);
    const incident = await b.createIncident({ title: 'Blocked at Yahoo', kind: 'infrastructure', severity: 'high', occurred_at: START, streams: ['stream-002'] });
    expect(incident).toMatchObject({ title: 'Blocked at Yahoo', streams: ['stream-002'] });
    expect((await b.listIncidents(false)).map((i) => i.id)).toContain(incident.id);
    expect(await b.showIncident(incident.id)).toMatchObject({ id: incident.id });
    expect(await b.updateIncident(incident.id, { notes: 'through the client' })).toMatchObject({ notes: 'through the client' });

    const run = await b.evaluate();
    expect(run.evaluated.map((e) => e.id)).toContain(incident.id);
    expect(run).toMatchObject({ alerts: { notifications: expect.any(Number) }, delivery: { sent: expect.any(Number) }, watchError: null });
    expect((await b.recovery(incident.id)).incident.id).toBe(incident.id);
    const suspects = (await b.suspects()).suspects;
    expect(suspects.map((s) => s.streams)).toEqual([['stream-001', 'stream-003']]);
    const suspect = suspects[0]?.id ?? '';
    // A user's JSON goes as it is: the server names the missing field.
    await expect(b.dismissSuspect(suspect, { reason: 'a planned IP change' })).rejects.toMatchObject({ code: 'validation_failed', details: [{ field: 'by' }] });
    const declared = await b.declareSuspect(suspect, { title: 'Yahoo blocks' });
    expect(declared).toMatchObject({ suspect: { status: 'declared' }, incident: { title: 'Yahoo blocks' } });
    await expect(b.dismissSuspect(suspect, { by: 'ana', reason: 'a planned IP change' })).rejects.toMatchObject({ code: 'conflict' });

    const rule = await b.createRule({ name: 'Complaints to the team', metric: 'complaint_rate', condition: 'dip', recipients: ['team@example.com'] });
    expect((await b.listRules()).map((r) => r.id)).toContain(rule.id);
    await b.deleteRule(rule.id);
    expect((await b.listRules()).map((r) => r.id)).not.toContain(rule.id);
    expect(await b.alerts()).toMatchObject({ firing: expect.any(Array), notifications: expect.any(Array) });

    const draft = JSON.parse(readFileSync(fixture('apology-en-bad.json'), 'utf8')) as unknown;
    expect((await b.checkApology(incident.id, draft)).verdict).toBe('block');
    const note = await b.addAnnotation(incident.id, { at: START, kind: 'provider_ticket', label: 'Yahoo ticket 42' });
    expect((await b.listAnnotations(incident.id)).map((a) => a.id)).toEqual([note.id]);
    expect((await b.uploadList(incident.id, 'suppression', 'ana@yahoo.com\n')).recipients).toBe(1);
    expect((await b.audience(incident.id)).lists.suppression).not.toBeNull();
    let csv = '';
    await b.exportAudience(incident.id, async (chunk) => {
      csv += chunk;
    });
    expect(csv.split('\n')[0]).toMatch(/recipient/);
    expect((await b.check(false)).ok).toBe(true);

    // No source is configured: the server's own 404, as on the store itself.
    await expect(pullThrough(local, undefined)).rejects.toMatchObject({ code: 'not_found' });
    const week = formatIsoWeek(previousIsoWeek(new Date(), 'UTC'));
    const report = await reportFromServer(local, week, { week, format: 'csv', paper: 'A4', refresh: false });
    expect(report.filename).toMatch(/\.csv$/);
    expect(report.bytes.toString('utf8')).toMatch(/stream/);
    const held = await throughServer.webhooksReplay(local, 'sendgrid', readFileSync(fixture('webhooks/sendgrid/event-webhook-reference.json')));
    expect(held).toMatchObject({ esp: 'sendgrid', received: 10 });
    const quarantined = await throughServer.quarantineList(local, 'sendgrid', 5);
    expect(quarantined.total).toBe(held.quarantined);
    expect(await throughServer.quarantineReplay(local, 'sendgrid')).toMatchObject({ replayed: held.quarantined });

    const used = cliOperations();
    expect(used.size).toBeGreaterThan(20);
    expect([...used].filter((op) => !seen.has(op)), 'operations the CLI calls that this test did not').toEqual([]);
  }, 300_000);

  it('throws the API error naming the field, changes nothing, and says when the server does not answer', async () => {
    const b = new RemoteBackend(local);
    const before = (await b.listIncidents(false)).length;
    const bad = await b.createIncident({ title: 'No kind', severity: 'high', occurred_at: START, streams: ['news'] }).catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(ApiError);
    expect(bad).toMatchObject({ code: 'validation_failed', details: [expect.objectContaining({ field: 'kind' })] });
    expect((await b.listIncidents(false)).length).toBe(before);
    await expect(b.showIncident('inc-does-not-exist')).rejects.toMatchObject({ code: 'not_found' });

    const gone = new RemoteBackend(new LocalServer({ url: 'http://127.0.0.1:9', token: 'x', pid: 1 }));
    await expect(gone.listIncidents(false)).rejects.toThrow('the store is held by PID 1, but its server at http://127.0.0.1:9 does not answer');
  }, 60_000);

  it('in the dashboard\'s shape: the token read at each call, a 401 reported, an ApiFailure naming the field', async () => {
    let token: string | null = null;
    let unauthorized = 0;
    const api = createApiClient({ baseUrl: server.url, token: () => token, unreachable: 'down', onUnauthorized: () => unauthorized++ });
    const refused = await ok(api.GET('/api/session')).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ApiFailure);
    expect(refused).toMatchObject({ status: 401, code: 'unauthorized' });
    expect(unauthorized).toBe(1);
    token = VIEWER;
    expect(await ok(api.GET('/api/session'))).toMatchObject({ role: 'viewer' });
    // A call's own header wins (the sign-in page checks a typed token before keeping it).
    await expect(ok(api.GET('/api/session', { headers: { authorization: 'Bearer wrong-token-0123456789' } }))).rejects.toMatchObject({ status: 401 });
    const invalid = await ok(api.GET('/api/incidents', { params: { query: { limit: 0 } } })).catch((e: unknown) => e);
    expect(invalid).toBeInstanceOf(ApiFailure);
    expect((invalid as ApiFailure).field).toBe('limit');
    expect((invalid as ApiFailure).issues[0]?.message).toBeTruthy();
    // A cancelled call stays an AbortError, which the dashboard's queries ignore.
    const controller = new AbortController();
    controller.abort();
    const aborted = await ok(api.GET('/api/data/summary', { signal: controller.signal })).catch((e: unknown) => e);
    expect(aborted).not.toBeInstanceOf(ApiFailure);
    expect((aborted as Error).name).toBe('AbortError');
  }, 60_000);
});
