// The apology check and timeline annotations through the HTTP API (in process, real DuckDB) and the CLI binary.
import { readFileSync } from 'node:fs';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.ts';
import { loadConfig } from '../../server/config.ts';
import type { Services } from '../../server/context.ts';
import type { Db } from '../../server/store/db.ts';
import { fixture, runCli, tempStore, write } from './helpers.ts';

const tmp = tempStore('rebound-apology-');
afterAll(() => tmp.cleanup());

const NOW = new Date('2026-03-10T12:00:00Z');
const MARKERS = { APOLOGY_BRAND_MARKERS: '<!-- brand:header -->, <div class="brand-footer">' };
let db: Db;
let n = 0;
beforeEach(async () => {
  db = await tmp.open(`apology-${++n}.duckdb`);
});
afterEach(() => db.close());

function appWith(env: Record<string, string> = MARKERS) {
  const services: Services = { db, config: loadConfig(env), now: () => NOW, localToken: null };
  return createApp(services);
}
type App = ReturnType<typeof appWith>;

interface ErrorBody { error: { code: string; message: string; details: unknown } }
interface Result { verdict: string; languages: string[]; findings: { rule: string; severity: string; evidence: string; fix: string }[] }
interface AnnotationBody { id: string; incident_id: string; at: string; kind: string; label: string; created_at: string }

const post = (body: unknown, type = 'application/json') => ({
  method: 'POST', body: typeof body === 'string' ? body : JSON.stringify(body), headers: { 'content-type': type },
});
const fieldsOf = (b: ErrorBody) => (Array.isArray(b.error.details) ? (b.error.details as { field: string }[]).map((d) => d.field) : [String((b.error.details as { field?: string } | null)?.field)]);

async function incident(app: App, kind: string): Promise<string> {
  const res = await app.request('/api/incidents', post({ title: `A ${kind} incident`, kind, severity: 'high', occurred_at: '2026-03-02T08:00:00Z', streams: ['promo'] }));
  expect(res.status).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

const GOOD_EN = {
  from: 'Acme Security <security@acme.example>', reply_to: 'help@acme.example', subject: 'Notification of Data Breach',
  text: "We're sorry. On March 2 an attacker copied the names and email addresses of 12,400 customers. Please change your password and enable two-factor authentication.",
  html: '<!-- brand:header --><p>We&rsquo;re sorry. On March 2 an attacker copied the names and email addresses of 12,400 customers. Please change your password and enable two-factor authentication.</p><div class="brand-footer">Acme</div>',
};

describe('POST /api/incidents/:id/apology/check', () => {
  it('checks a JSON draft in the context of a data breach: ok for a good one', async () => {
    const app = appWith();
    const id = await incident(app, 'data_breach');
    const res = await app.request(`/api/incidents/${id}/apology/check`, post(GOOD_EN));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ verdict: 'ok', languages: ['en'], findings: [] });
  });

  it('asks for protective steps only when personal data was exposed (the kind, or the body says so)', async () => {
    const app = appWith();
    const id = await incident(app, 'wrong_segment');
    const draft = { ...GOOD_EN, text: "We're sorry: we sent you an email meant for someone else.", html: null };
    const without = (await (await app.request(`/api/incidents/${id}/apology/check`, post(draft))).json()) as Result;
    expect(without.findings.map((f) => f.rule)).not.toContain('protective_steps');
    const flagged = (await (await app.request(`/api/incidents/${id}/apology/check`, post({ ...draft, personal_data_exposed: true }))).json()) as Result;
    expect(flagged.findings.find((f) => f.rule === 'protective_steps')?.severity).toBe('block');
    expect(flagged.verdict).toBe('block');
  });

  it('takes a raw message/rfc822 body', async () => {
    const app = appWith();
    const id = await incident(app, 'data_breach');
    const res = await app.request(`/api/incidents/${id}/apology/check`, post(readFileSync(fixture('apology-es.eml'), 'utf8'), 'message/rfc822'));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ verdict: 'ok', languages: ['es'], findings: [] });
  });

  it('blocks any apology for a send to a suppression list', async () => {
    const app = appWith();
    const id = await incident(app, 'suppression_list_send');
    const r = (await (await app.request(`/api/incidents/${id}/apology/check`, post(GOOD_EN))).json()) as Result;
    expect(r.verdict).toBe('block');
    expect(r.findings[0]).toMatchObject({ rule: 'suppression_list_send', severity: 'block' });
  });

  it('answers 404 for an unknown incident', async () => {
    const res = await appWith().request('/api/incidents/inc-999/apology/check', post(GOOD_EN));
    expect(res.status).toBe(404);
    expect(((await res.json()) as ErrorBody).error.code).toBe('not_found');
  });

  const BAD: [string, unknown, string][] = [
    ['no from', { ...GOOD_EN, from: undefined }, 'from'],
    ['no body', { ...GOOD_EN, text: '', html: null }, 'text'],
    ['a number as subject', { ...GOOD_EN, subject: 42 }, 'subject'],
    // The unknown key is named in the message (api.test.ts wants it in details too, once errors.ts names it there).
    ['an unknown field', { ...GOOD_EN, bcc: 'x@y.example' }, 'bcc'],
    ['personal_data_exposed as a string', { ...GOOD_EN, personal_data_exposed: 'yes' }, 'personal_data_exposed'],
  ];
  it.each(BAD)('answers 400 naming the field for %s', async (_what, body, field) => {
    const app = appWith();
    const id = await incident(app, 'data_breach');
    const res = await app.request(`/api/incidents/${id}/apology/check`, post(body));
    expect(res.status).toBe(400);
    const err = (await res.json()) as ErrorBody;
    expect(err.error.code).toBe('validation_failed');
    expect(err.error.message).toContain(field);
  });

  it('answers 400 naming the body for a message that is not RFC 5322, and for an empty request', async () => {
    const app = appWith();
    const id = await incident(app, 'data_breach');
    const eml = await app.request(`/api/incidents/${id}/apology/check`, post('just some words', 'message/rfc822'));
    expect(eml.status).toBe(400);
    expect(fieldsOf((await eml.json()) as ErrorBody)).toEqual(['body']);
    const empty = await app.request(`/api/incidents/${id}/apology/check`, { method: 'POST' });
    expect(empty.status).toBe(400);
    expect(fieldsOf((await empty.json()) as ErrorBody)).toContain('from');
  });
});

describe('/api/incidents/:id/annotations', () => {
  it('adds, lists in time order and deletes annotations', async () => {
    const app = appWith();
    const id = await incident(app, 'wrong_segment');
    const later = await app.request(`/api/incidents/${id}/annotations`, post({ at: '2026-03-03T09:00:00+01:00', kind: 'apology_sent', label: 'Apology sent to the affected segment' }));
    expect(later.status).toBe(201);
    const a = (await later.json()) as AnnotationBody;
    expect(a).toMatchObject({ incident_id: id, at: '2026-03-03T08:00:00.000Z', kind: 'apology_sent', label: 'Apology sent to the affected segment' });
    expect(a.id).toMatch(/^ann-\d+$/);
    await app.request(`/api/incidents/${id}/annotations`, post({ at: '2026-03-02T08:30:00Z', kind: 'campaign_paused', label: 'Paused in the ESP' }));

    const list = (await (await app.request(`/api/incidents/${id}/annotations`)).json()) as { annotations: AnnotationBody[] };
    expect(list.annotations.map((x) => x.kind)).toEqual(['campaign_paused', 'apology_sent']);

    expect((await app.request(`/api/incidents/${id}/annotations/${a.id}`, { method: 'DELETE' })).status).toBe(204);
    expect((await app.request(`/api/incidents/${id}/annotations/${a.id}`, { method: 'DELETE' })).status).toBe(404);
    const after = (await (await app.request(`/api/incidents/${id}/annotations`)).json()) as { annotations: AnnotationBody[] };
    expect(after.annotations.map((x) => x.kind)).toEqual(['campaign_paused']);
  });

  const BAD: [string, Record<string, unknown>, string][] = [
    ['an unknown kind', { at: '2026-03-02T08:30:00Z', kind: 'coffee_break', label: 'x' }, 'kind'],
    ['a time that is not RFC 3339', { at: 'yesterday', kind: 'other', label: 'x' }, 'at'],
    ['an empty label', { at: '2026-03-02T08:30:00Z', kind: 'other', label: '   ' }, 'label'],
    ['a label too long for a chart', { at: '2026-03-02T08:30:00Z', kind: 'other', label: 'x'.repeat(201) }, 'label'],
  ];
  it.each(BAD)('answers 400 naming the field for %s, storing nothing', async (_what, body, field) => {
    const app = appWith();
    const id = await incident(app, 'wrong_segment');
    const res = await app.request(`/api/incidents/${id}/annotations`, post(body));
    expect(res.status).toBe(400);
    expect(fieldsOf((await res.json()) as ErrorBody)).toContain(field);
    expect(await db.one<{ n: number }>('SELECT count(*) AS n FROM annotations')).toEqual({ n: 0 });
  });

  it('answers 404 for an unknown incident, storing nothing', async () => {
    const res = await appWith().request('/api/incidents/inc-999/annotations', post({ at: '2026-03-02T08:30:00Z', kind: 'other', label: 'x' }));
    expect(res.status).toBe(404);
    expect(await db.one<{ n: number }>('SELECT count(*) AS n FROM annotations')).toEqual({ n: 0 });
  });

  it('needs the editor role to write; a viewer may read', async () => {
    const tokens = { REBOUND_TOKENS: 'viewer:viewer-token-0123456789,editor:editor-token-0123456789' };
    const app = appWith(tokens);
    const auth = (t: string) => ({ authorization: `Bearer ${t}-token-0123456789` });
    const created = await app.request('/api/incidents', { ...post({ title: 't', kind: 'other', severity: 'low', occurred_at: '2026-03-02T08:00:00Z', streams: ['promo'] }), headers: { 'content-type': 'application/json', ...auth('editor') } });
    const id = ((await created.json()) as { id: string }).id;
    const body = { at: '2026-03-02T08:30:00Z', kind: 'fix_deployed', label: 'Segment filter fixed' };
    const asViewer = await app.request(`/api/incidents/${id}/annotations`, { ...post(body), headers: { 'content-type': 'application/json', ...auth('viewer') } });
    expect(asViewer.status).toBe(403);
    const asEditor = await app.request(`/api/incidents/${id}/annotations`, { ...post(body), headers: { 'content-type': 'application/json', ...auth('editor') } });
    expect(asEditor.status).toBe(201);
    expect((await app.request(`/api/incidents/${id}/annotations`, { headers: auth('viewer') })).status).toBe(200);
  });
});

describe('CLI', () => {
  it('rebound apology check prints findings and exits 1 on block; annotate and annotations round-trip', async () => {
    const store = tmp.path('cli.duckdb');
    const env = { REBOUND_DB: store, ...MARKERS };
    const incFile = write(tmp.path('inc.json'), JSON.stringify({ title: 'Breach', kind: 'data_breach', severity: 'critical', occurred_at: '2026-03-02T08:00:00Z', streams: ['promo'] }));
    const created = await runCli(['incident', 'create', '--json', incFile], { env });
    expect(created.code).toBe(0);
    const id = (JSON.parse(created.stdout) as { id: string }).id;

    const bad = await runCli(['apology', 'check', id, '--draft', fixture('apology-en-bad.json')], { env });
    expect(bad.code).toBe(1);
    expect(bad.stdout).toMatch(/^BLOCK/);
    expect(bad.stdout).toContain('no_reply');
    expect(bad.stdout).toContain('"Oops"');

    const good = await runCli(['apology', 'check', id, '--draft', fixture('apology-es.eml'), '--json'], { env });
    expect(good.code).toBe(0);
    expect(JSON.parse(good.stdout)).toEqual({ verdict: 'ok', languages: ['es'], findings: [] });

    const ann = await runCli(['annotate', id, '--kind', 'campaign_paused', '--at', '2026-03-02T09:00:00Z', '--label', 'Paused in the ESP'], { env });
    expect(ann.code).toBe(0);
    const badKind = await runCli(['annotate', id, '--kind', 'lunch', '--label', 'x'], { env });
    expect(badKind.code).toBe(2);
    const list = await runCli(['annotations', id], { env });
    expect(list.stdout).toContain('Campaign paused');
    expect(list.stdout).toContain('Paused in the ESP');
  });
});
