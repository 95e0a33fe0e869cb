// The HTTP API in process (app.request), on a real DuckDB file: incidents, ingest, errors, OpenAPI, auth, config.
import { readFileSync } from 'node:fs';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.ts';
import { ConfigError, loadConfig } from '../../server/config.ts';
import type { Services } from '../../server/context.ts';
import { Db } from '../../server/store/db.ts';
import { counts, fixture, goodEvent, sendRows, tempDir, type Counts } from './helpers.ts';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

const NOW = new Date('2026-03-10T12:00:00Z');
let db: Db;
let n = 0;
beforeEach(async () => {
  db = await Db.open(tmp.path(`api-${++n}.duckdb`));
});
afterEach(() => db.close());

function appWith(env: Record<string, string> = {}) {
  const services: Services = { db, config: loadConfig(env), now: () => NOW, localToken: null };
  return createApp(services);
}

interface ErrorBody { error: { code: string; message: string; details: unknown } }
interface FieldIssue { field: string; message: string }
interface IncidentBody {
  id: string; title: string; kind: string; severity: string; occurred_at: string; contained_at: string | null;
  resolved_at: string | null; streams: string[]; providers: string[] | null; baseline_days: number; monitor_days: number;
  notes: string | null; checklist: { step: string; label: string; kind_specific: boolean; owner: string | null; due_at: string | null; done_at: string | null }[];
}
interface IngestBody { source: string; kind: string | null; format: string | null; status: string; read: number; stored: number; duplicate: number; rejected: number; rejections: { line: number; reason: string }[] }

const json = (body: unknown, headers: Record<string, string> = {}) => ({
  method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json', ...headers },
});
const INCIDENT = JSON.parse(readFileSync(fixture('incident.json'), 'utf8')) as Record<string, unknown>;

/** Every field named in a 400's details. */
function fieldsOf(body: ErrorBody): string[] {
  const d = body.error.details;
  if (Array.isArray(d)) return (d as FieldIssue[]).map((x) => x.field);
  if (d && typeof d === 'object' && 'field' in d) return [String((d as { field: unknown }).field)];
  return [];
}

const EMPTY: Counts = { events: 0, sends: 0, seed_tests: 0, incidents: 0 };

describe('incidents', () => {
  it('POST creates an incident (201) with its id, defaults and its kind\'s checklist; GET shows and lists it', async () => {
    const app = appWith();
    const res = await app.request('/api/incidents', json(INCIDENT));
    expect(res.status).toBe(201);
    const inc = (await res.json()) as IncidentBody;
    expect(inc).toMatchObject({
      id: expect.stringMatching(/\S/) as unknown as string,
      title: 'Spring promo sent to the 2019 suppression list', kind: 'suppression_list_send', severity: 'high',
      occurred_at: '2026-03-03T09:00:00.000Z', contained_at: null, resolved_at: null,
      streams: ['promo', 'newsletter'], providers: ['gmail', 'yahoo'], baseline_days: 28, monitor_days: 30,
      notes: 'Segment filter dropped in the ESP export.',
    });
    // The six steps, with what a send to a suppression list adds after the step each belongs to.
    expect(inc.checklist.map((c) => c.step)).toEqual([
      'own_the_problem', 'put_out_the_fire', 'stop_the_campaign', 'reapply_suppression', 'assess_the_damage',
      'create_a_plan', 'inform_and_apologize', 'no_apology', 'proceed_carefully',
    ]);
    expect(inc.checklist.filter((c) => !c.kind_specific).map((c) => c.label)).toEqual([
      'Own the problem', 'Put out the fire', 'Assess the damage', 'Create a plan', 'Inform and apologize', 'Proceed carefully',
    ]);
    // Stop the campaign within the hour of the incident.
    expect(inc.checklist.find((c) => c.step === 'stop_the_campaign')?.due_at).toBe('2026-03-03T10:00:00.000Z');
    expect(inc.checklist.every((c) => c.owner === null && c.done_at === null)).toBe(true);

    const shown = await app.request(`/api/incidents/${inc.id}`);
    expect(shown.status).toBe(200);
    expect(await shown.json()).toEqual(inc);
    const list = (await (await app.request('/api/incidents')).json()) as { incidents: IncidentBody[] };
    expect(list.incidents.map((i) => i.id)).toEqual([inc.id]);
    expect((await counts(db)).incidents).toBe(1);
  });

  const BAD: [string, Record<string, unknown>, string][] = [
    ['no title', { ...INCIDENT, title: undefined }, 'title'],
    ['an empty title', { ...INCIDENT, title: '   ' }, 'title'],
    ['an unknown kind', { ...INCIDENT, kind: 'oops' }, 'kind'],
    ['an unknown severity', { ...INCIDENT, severity: 'huge' }, 'severity'],
    ['a bad occurred_at', { ...INCIDENT, occurred_at: 'last tuesday' }, 'occurred_at'],
    ['no streams', { ...INCIDENT, streams: [] }, 'streams'],
    ['an unknown provider', { ...INCIDENT, providers: ['gmail', 'hotmail'] }, 'providers.1'],
    ['baseline_days 0', { ...INCIDENT, baseline_days: 0 }, 'baseline_days'],
    ['monitor_days as text', { ...INCIDENT, monitor_days: '30' }, 'monitor_days'],
    ['resolved before it occurred', { ...INCIDENT, resolved_at: '2026-03-01T00:00:00Z' }, 'resolved_at'],
    // The unknown key itself is the field to name (not the validator's internal target name).
    ['an unknown field', { ...INCIDENT, colour: 'red' }, 'colour'],
  ];
  for (const [what, body, field] of BAD) {
    it(`POST with ${what} → 400 naming ${field}, nothing stored`, async () => {
      const res = await appWith().request('/api/incidents', json(body));
      expect(res.status).toBe(400);
      const err = (await res.json()) as ErrorBody;
      expect(err.error.code).toBe('validation_failed');
      expect(fieldsOf(err)).toContain(field);
      expect(err.error.message).toContain(field);
      if (field !== 'colour') expect(err.error.message.startsWith(`${field}: `)).toBe(true);
      expect(await counts(db)).toEqual(EMPTY);
    });
  }

  it('POST with bad JSON → 400 naming the body, nothing stored', async () => {
    const res = await appWith().request('/api/incidents', { method: 'POST', body: '{"title": "x",', headers: { 'content-type': 'application/json' } });
    expect(res.status).toBe(400);
    const err = (await res.json()) as ErrorBody;
    expect(err.error.code).toBe('bad_request');
    expect(err.error.message).toMatch(/JSON/);
    expect(fieldsOf(err)).toEqual(['body']);
    expect(await counts(db)).toEqual(EMPTY);
  });

  it('PATCH records checklist steps (owner and done time) and containment; other steps untouched', async () => {
    const app = appWith();
    const inc = (await (await app.request('/api/incidents', json(INCIDENT))).json()) as IncidentBody;
    const res = await app.request(`/api/incidents/${inc.id}`, {
      method: 'PATCH', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        contained_at: '2026-03-03T12:30:00+01:00',
        checklist: [
          { step: 'own_the_problem', owner: 'ana', done_at: '2026-03-03T10:15:00Z' },
          { step: 'put_out_the_fire', owner: 'ben' },
        ],
      }),
    });
    expect(res.status).toBe(200);
    const updated = (await res.json()) as IncidentBody;
    expect(updated.contained_at).toBe('2026-03-03T11:30:00.000Z');
    expect(updated.checklist.map((c) => [c.step, c.owner, c.done_at])).toEqual([
      ['own_the_problem', 'ana', '2026-03-03T10:15:00.000Z'],
      ['put_out_the_fire', 'ben', null],
      ['stop_the_campaign', null, null],
      ['reapply_suppression', null, null],
      ['assess_the_damage', null, null],
      ['create_a_plan', null, null],
      ['inform_and_apologize', null, null],
      ['no_apology', null, null],
      ['proceed_carefully', null, null],
    ]);
    // A second PATCH of one step keeps what the first set.
    const again = (await (await app.request(`/api/incidents/${inc.id}`, {
      method: 'PATCH', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ checklist: [{ step: 'put_out_the_fire', done_at: '2026-03-03T13:00:00Z' }] }),
    })).json()) as IncidentBody;
    expect(again.checklist.slice(0, 2).map((c) => [c.step, c.owner, c.done_at])).toEqual([
      ['own_the_problem', 'ana', '2026-03-03T10:15:00.000Z'],
      ['put_out_the_fire', 'ben', '2026-03-03T13:00:00.000Z'],
    ]);
    expect(await (await app.request(`/api/incidents/${inc.id}`)).json()).toEqual(again);
  });

  it('a data breach carries the notification deadline; items of another kind are refused', async () => {
    const app = appWith();
    const breach = (await (await app.request('/api/incidents', json({ ...INCIDENT, kind: 'data_breach' }))).json()) as IncidentBody;
    const deadline = breach.checklist.find((c) => c.step === 'breach_notification');
    // GDPR Art. 33: 72 hours from 2026-03-03T09:00Z.
    expect(deadline?.due_at).toBe('2026-03-06T09:00:00.000Z');
    expect(breach.checklist.map((c) => c.step)).toContain('security_lead_in_charge');
    const moved = (await (await app.request(`/api/incidents/${breach.id}`, {
      method: 'PATCH', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ checklist: [{ step: 'breach_notification', owner: 'dpo', due_at: '2026-03-05T09:00:00Z' }] }),
    })).json()) as IncidentBody;
    expect(moved.checklist.find((c) => c.step === 'breach_notification')).toMatchObject({ owner: 'dpo', due_at: '2026-03-05T09:00:00.000Z' });
    const wrong = await app.request(`/api/incidents/${breach.id}`, {
      method: 'PATCH', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ checklist: [{ step: 'no_apology', done_at: '2026-03-05T09:00:00Z' }] }),
    });
    expect(wrong.status).toBe(400);
    expect(fieldsOf((await wrong.json()) as ErrorBody)).toEqual(['checklist.0.step']);
  });

  it('PATCH with bad fields → 400 naming them, and nothing changes', async () => {
    const app = appWith();
    const inc = (await (await app.request('/api/incidents', json(INCIDENT))).json()) as IncidentBody;
    const patch = (body: unknown) => app.request(`/api/incidents/${inc.id}`, { method: 'PATCH', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const cases: [unknown, string][] = [
      [{ checklist: [{ step: 'panic', owner: 'x' }] }, 'checklist.0.step'],
      [{ contained_at: '2026-03-01T00:00:00Z' }, 'contained_at'],
      [{ severity: 'meh' }, 'severity'],
    ];
    for (const [body, field] of cases) {
      const res = await patch(body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(fieldsOf((await res.json()) as ErrorBody)).toContain(field);
    }
    expect(await (await app.request(`/api/incidents/${inc.id}`)).json()).toEqual(inc);
  });

  it('GET and PATCH of an unknown incident → 404 JSON', async () => {
    const app = appWith();
    const res = await app.request('/api/incidents/inc-999');
    expect(res.status).toBe(404);
    expect(((await res.json()) as ErrorBody).error.code).toBe('not_found');
    const p = await app.request('/api/incidents/inc-999', { method: 'PATCH', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ notes: 'x' }) });
    expect(p.status).toBe(404);
    expect(await counts(db)).toEqual(EMPTY);
  });
});

describe('ingest', () => {
  it('POST /api/ingest with a text/csv body stores the send summaries', async () => {
    const res = await appWith().request('/api/ingest?name=sends.csv', { method: 'POST', body: readFileSync(fixture('sends.csv')), headers: { 'content-type': 'text/csv' } });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ source: 'sends.csv', kind: 'sends', format: 'csv', status: 'stored', read: 4, stored: 4, duplicate: 0, rejected: 0 });
    expect(await counts(db)).toEqual({ ...EMPTY, sends: 4 });
  });

  it('POST /api/ingest with an NDJSON body, twice: the second stores nothing', async () => {
    const app = appWith();
    const post = () => app.request('/api/ingest', { method: 'POST', body: readFileSync(fixture('events.ndjson')), headers: { 'content-type': 'application/x-ndjson' } });
    expect(await (await post()).json()).toMatchObject({ kind: 'events', format: 'ndjson', read: 18, stored: 17, duplicate: 1 });
    expect(await (await post()).json()).toMatchObject({ read: 18, stored: 0, duplicate: 18 });
    expect(await counts(db)).toEqual({ ...EMPTY, events: 17, sends: 5 });
  });

  it('POST /api/ingest with a multipart upload (field "file")', async () => {
    const form = new FormData();
    form.append('file', new File([readFileSync(fixture('events.csv'))], 'events.csv', { type: 'text/csv' }));
    const res = await appWith().request('/api/ingest', { method: 'POST', body: form });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ source: 'events.csv', kind: 'events', format: 'csv', status: 'stored', read: 18, stored: 17, duplicate: 1 });
    expect(await counts(db)).toEqual({ ...EMPTY, events: 17, sends: 5 });
  });

  it('a multipart upload without a file → 400 naming "file"', async () => {
    const form = new FormData();
    form.append('other', 'x');
    const res = await appWith().request('/api/ingest', { method: 'POST', body: form });
    expect(res.status).toBe(400);
    expect(fieldsOf((await res.json()) as ErrorBody)).toContain('file');
  });

  it('a bad file → 422 with every rejection (line, reason) in error.details, nothing stored; skip_bad=true stores the good', async () => {
    const app = appWith();
    const text = readFileSync(fixture('sends.csv'), 'utf8').replace('c-1,promo,yahoo,2026-03-03T10:00:00Z,5000', 'c-1,promo,yahoo,2026-03-03T10:00:00Z,-5000');
    const post = (q: string) => app.request(`/api/ingest?name=bad.csv${q}`, { method: 'POST', body: text, headers: { 'content-type': 'text/csv' } });
    const res = await post('');
    expect(res.status).toBe(422);
    const err = (await res.json()) as { error: { code: string; message: string; details: IngestBody } };
    expect(err.error.code).toBe('rejected');
    expect(err.error.details).toMatchObject({ source: 'bad.csv', status: 'rejected', read: 4, stored: 0, rejected: 1 });
    expect(err.error.details.rejections).toEqual([{ line: 3, reason: 'injected: must not be negative' }]);
    expect(err.error.message).toMatch(/line 3/);
    expect(await counts(db)).toEqual(EMPTY);

    const partial = await post('&skip_bad=true');
    expect(partial.status).toBe(200);
    expect(await partial.json()).toMatchObject({ status: 'partial', read: 4, stored: 3, rejected: 1, rejections: [{ line: 3 }] });
    expect(await counts(db)).toEqual({ ...EMPTY, sends: 3 });
  });

  it('a wrong kind, an empty body and a binary body → 400 with the reason, nothing stored', async () => {
    const app = appWith();
    const wrong = await app.request('/api/ingest?kind=sends', { method: 'POST', body: readFileSync(fixture('events.ndjson')), headers: { 'content-type': 'application/x-ndjson' } });
    expect(wrong.status).toBe(400);
    const w = (await wrong.json()) as ErrorBody;
    expect(w.error.message).toMatch(/events data, not sends/);
    expect(fieldsOf(w)).toEqual(['kind']);
    const empty = await app.request('/api/ingest', { method: 'POST', body: '', headers: { 'content-type': 'text/csv' } });
    expect(empty.status).toBe(400);
    expect(((await empty.json()) as ErrorBody).error.message).toMatch(/empty|no body/);
    const binary = await app.request('/api/ingest', { method: 'POST', body: new Uint8Array([0x1f, 0x8b, 8, 0, 0, 0, 0, 0]), headers: { 'content-type': 'application/octet-stream' } });
    expect(binary.status).toBe(400);
    expect(((await binary.json()) as ErrorBody).error.message).toMatch(/binary/);
    const badKind = await app.request('/api/ingest?kind=cats', { method: 'POST', body: 'a,b\n1,2\n', headers: { 'content-type': 'text/csv' } });
    expect(badKind.status).toBe(400);
    expect(fieldsOf((await badKind.json()) as ErrorBody)).toContain('kind');
    expect(await counts(db)).toEqual(EMPTY);
  });

  it('POST /api/events stores a JSON batch and rolls it up', async () => {
    const events = [
      goodEvent(1, { type: 'injection', timestamp: '2026-03-08T08:00:00Z', send_id: 'api-1' }),
      goodEvent(2, { type: 'delivery', timestamp: '2026-03-08T08:00:05Z', send_id: 'api-1' }),
      goodEvent(3, { type: 'complaint', timestamp: '2026-03-09T08:00:00Z', send_id: 'api-1' }),
    ];
    const app = appWith();
    const res = await app.request('/api/events', json({ events }));
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ kind: 'events', status: 'stored', read: 3, stored: 3, duplicate: 0 });
    expect(await sendRows(db)).toEqual([{
      send_id: 'api-1', provider: 'gmail', stream: 'promo', sent_at: '2026-03-08T08:00:00.000Z', injected: 1, delivered: 1,
      bounced_hard: 0, bounced_soft: 0, bounced_block: 0, complaints: 1, unsubscribes: 0, opens: 0, clicks: 0,
    }]);
    expect(await (await app.request('/api/events', json({ events }))).json()).toMatchObject({ stored: 0, duplicate: 3 });
  });

  it('POST /api/events with a bad event → 422 naming its position (line N = events[N-1]), nothing stored', async () => {
    const app = appWith();
    const res = await app.request('/api/events', json({ events: [goodEvent(1), goodEvent(2, { type: 'sent' }), goodEvent(3)] }));
    expect(res.status).toBe(422);
    const err = (await res.json()) as { error: { details: IngestBody } };
    expect(err.error.details.rejections).toEqual([{ line: 2, reason: expect.stringMatching(/^type: must be one of/) as unknown as string }]);
    expect(await counts(db)).toEqual(EMPTY);
    const empty = await app.request('/api/events', json({ events: [] }));
    expect(empty.status).toBe(400);
    expect(fieldsOf((await empty.json()) as ErrorBody)).toContain('events');
    const notJson = await app.request('/api/events', { method: 'POST', body: '{"events": [', headers: { 'content-type': 'application/json' } });
    expect(notJson.status).toBe(400);
    expect(await counts(db)).toEqual(EMPTY);
  });
});

describe('conventions', () => {
  it('GET /api/openapi.json describes the routes', async () => {
    const res = await appWith().request('/api/openapi.json');
    expect(res.status).toBe(200);
    const doc = (await res.json()) as { openapi: string; paths: Record<string, Record<string, unknown>> };
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths['/api/incidents'] ?? {}).sort()).toEqual(['get', 'post']);
    expect(Object.keys(doc.paths['/api/incidents/{id}'] ?? {}).sort()).toEqual(['get', 'patch']);
    expect(Object.keys(doc.paths['/api/ingest'] ?? {})).toContain('post');
    expect(Object.keys(doc.paths['/api/events'] ?? {})).toContain('post');
    expect(Object.keys(doc.paths['/api/health'] ?? {})).toContain('get');
  });

  it('GET /api/health answers', async () => {
    const res = await appWith().request('/api/health');
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'ok' });
  });

  it('an unknown API route → 404 with the JSON error shape', async () => {
    for (const [method, path] of [['GET', '/api/nothing'], ['POST', '/api/incidents/inc-1/explode'], ['DELETE', '/api/incidents']]) {
      const res = await appWith().request(path ?? '', { method });
      expect(res.status, `${method} ${path}`).toBe(404);
      expect(res.headers.get('content-type')).toMatch(/application\/json/);
      const body = (await res.json()) as ErrorBody;
      expect(body.error.code).toBe('not_found');
      expect(typeof body.error.message).toBe('string');
      expect('details' in body.error).toBe(true);
    }
  });
});

describe('auth with REBOUND_TOKENS', () => {
  const VIEWER = 'viewer-token-0123456789';
  const EDITOR = 'editor-token-0123456789';
  const ADMIN = 'admin-token-01234567890';
  const TOKENS = { REBOUND_TOKENS: `viewer:${VIEWER},editor:${EDITOR},admin:${ADMIN}` };
  const bearer = (t: string) => ({ authorization: `Bearer ${t}` });

  it('no token → 401, a wrong token → 401, on reads and writes alike', async () => {
    const app = appWith(TOKENS);
    for (const headers of [{}, bearer('not-a-real-token-at-all'), { authorization: VIEWER }, bearer(`${VIEWER}x`)]) {
      const get = await app.request('/api/incidents', { headers });
      expect(get.status, JSON.stringify(headers)).toBe(401);
      expect(((await get.json()) as ErrorBody).error.code).toBe('unauthorized');
      expect((await app.request('/api/incidents', json(INCIDENT, headers))).status).toBe(401);
    }
    expect(await counts(db)).toEqual(EMPTY);
  });

  it('a viewer reads (200) but cannot write (403, nothing stored)', async () => {
    const app = appWith(TOKENS);
    expect((await app.request('/api/incidents', { headers: bearer(VIEWER) })).status).toBe(200);
    expect((await app.request('/api/openapi.json', { headers: bearer(VIEWER) })).status).toBe(200);
    const post = await app.request('/api/incidents', json(INCIDENT, bearer(VIEWER)));
    expect(post.status).toBe(403);
    expect(((await post.json()) as ErrorBody).error.code).toBe('forbidden');
    const ingest = await app.request('/api/ingest', { method: 'POST', body: readFileSync(fixture('sends.csv')), headers: { 'content-type': 'text/csv', ...bearer(VIEWER) } });
    expect(ingest.status).toBe(403);
    expect((await app.request('/api/events', json({ events: [goodEvent(1)] }, bearer(VIEWER)))).status).toBe(403);
    expect(await counts(db)).toEqual(EMPTY);
  });

  it('an editor writes (201/200); an admin too; the viewer then reads what they wrote', async () => {
    const app = appWith(TOKENS);
    const created = await app.request('/api/incidents', json(INCIDENT, bearer(EDITOR)));
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as IncidentBody;
    const patched = await app.request(`/api/incidents/${id}`, { method: 'PATCH', headers: { 'content-type': 'application/json', ...bearer(EDITOR) }, body: JSON.stringify({ notes: 'x' }) });
    expect(patched.status).toBe(200);
    const ingest = await app.request('/api/ingest', { method: 'POST', body: readFileSync(fixture('sends.csv')), headers: { 'content-type': 'text/csv', ...bearer(EDITOR) } });
    expect(ingest.status).toBe(200);
    expect((await app.request('/api/incidents', json(INCIDENT, bearer(ADMIN)))).status).toBe(201);
    const view = await app.request(`/api/incidents/${id}`, { headers: bearer(VIEWER) });
    expect(view.status).toBe(200);
    expect(((await view.json()) as IncidentBody).notes).toBe('x');
    expect(await counts(db)).toEqual({ ...EMPTY, sends: 4, incidents: 2 });
  });

  it('without tokens (local use) every caller may write', async () => {
    expect((await appWith().request('/api/incidents', json(INCIDENT))).status).toBe(201);
  });
});

describe('configuration', () => {
  const variableOf = (env: Record<string, string>): string | null => {
    try {
      loadConfig(env);
      return null;
    } catch (err) {
      if (err instanceof ConfigError) {
        expect(err.message.startsWith(`${err.variable}: `)).toBe(true);
        return err.variable;
      }
      throw err;
    }
  };

  it('HOST=0.0.0.0 without tokens is refused, naming HOST; with tokens it is allowed', () => {
    expect(variableOf({ HOST: '0.0.0.0' })).toBe('HOST');
    expect(() => loadConfig({ HOST: '0.0.0.0' })).toThrow(/HOST/);
    expect(variableOf({ HOST: '0.0.0.0', REBOUND_TOKENS: 'admin:0123456789abcdef0123' })).toBeNull();
    expect(loadConfig({ HOST: '0.0.0.0', REBOUND_TOKENS: 'admin:0123456789abcdef0123' }).host).toBe('0.0.0.0');
  });

  it('a bad PORT is named', () => {
    expect(variableOf({ PORT: 'eighty' })).toBe('PORT');
    expect(variableOf({ PORT: '70000' })).toBe('PORT');
    expect(variableOf({ PORT: '-1' })).toBe('PORT');
    expect(variableOf({ PORT: '8080.5' })).toBe('PORT');
    expect(loadConfig({ PORT: '9000' }).port).toBe(9000);
  });

  it('bad tokens are named (unknown role, too short)', () => {
    expect(variableOf({ REBOUND_TOKENS: 'root:0123456789abcdef0123' })).toBe('REBOUND_TOKENS');
    expect(variableOf({ REBOUND_TOKENS: 'viewer:short' })).toBe('REBOUND_TOKENS');
    expect(variableOf({ REBOUND_TOKENS: 'viewer0123456789abcdef' })).toBe('REBOUND_TOKENS');
  });

  it('defaults: 127.0.0.1:8787, ./data/rebound.duckdb, no tokens', () => {
    expect(loadConfig({})).toMatchObject({ host: '127.0.0.1', port: 8787, dbPath: './data/rebound.duckdb', tokens: null });
  });
});
