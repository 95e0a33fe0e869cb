// The incidents API in-process (docs/incidents.md, docs/api.md): create, show, list, update, and bad input naming the field.
import { describe, expect, it } from 'vitest';
import { counts } from './helpers.ts';
import { appOver, perTestStore, type ErrorBody, type IncidentBody, json, INCIDENT, fieldsOf, EMPTY } from './api-support.ts';

const store = perTestStore('api');
const appWith = (env: Record<string, string> = {}) => appOver(store.current(), env);

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
    expect((await counts(store.current())).incidents).toBe(1);
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
      expect(await counts(store.current())).toEqual(EMPTY);
    });
  }

  it('POST with bad JSON → 400 naming the body, nothing stored', async () => {
    const res = await appWith().request('/api/incidents', { method: 'POST', body: '{"title": "x",', headers: { 'content-type': 'application/json' } });
    expect(res.status).toBe(400);
    const err = (await res.json()) as ErrorBody;
    expect(err.error.code).toBe('bad_request');
    expect(err.error.message).toMatch(/JSON/);
    expect(fieldsOf(err)).toEqual(['body']);
    expect(await counts(store.current())).toEqual(EMPTY);
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
    // One step twice in one PATCH: which change is meant is unknowable, so it is refused naming the field, and
    // nothing changes.
    const twice = await app.request(`/api/incidents/${inc.id}`, {
      method: 'PATCH', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ checklist: [{ step: 'create_a_plan', owner: '' }, { step: 'create_a_plan', owner: null }] }),
    });
    expect(twice.status).toBe(400);
    expect(JSON.stringify(await twice.json())).toMatch(/checklist.*names a step more than once/);
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
    expect(await counts(store.current())).toEqual(EMPTY);
  });
});

