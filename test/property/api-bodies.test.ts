// API bodies at scale (docs/security.md): random and adversarial JSON for incident create/update, alert rules, timeline
// annotations and apology drafts, through the real app (createApp + app.request) on a real DuckDB store. Each
// request is either refused cleanly — 4xx with the JSON error shape naming a field, and no table changed — or
// accepted, and then what the API reads back is exactly what was sent (after the documented trimming and
// normalisation). Never a 500.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkApology } from '#shared/apology/check.ts';
import { apologyDraft } from '#shared/apology/schema.ts';
import { PROVIDERS } from '#shared/providers.ts';
import { ANNOTATION_KINDS } from '#shared/schema/annotations.ts';
import { INCIDENT_KINDS, SEVERITIES, STEP_IDS } from '#shared/schema/incidents.ts';
import { METRIC_IDS } from '#shared/metrics.ts';
import { createApp } from '../../server/app.ts';
import { loadConfig } from '../../server/config.ts';
import type { Services } from '../../server/context.ts';
import { Db } from '../../server/store/db.ts';
import { tempDir } from '../integration/helpers.ts';
import { goodTime } from './ingest-model.ts';
import { anyText, check, deepArrayJson, deepObjectJson, hostileText, runs, tableCounts, wrongType } from './support.ts';

const tmp = tempDir('rebound-prop-api-');
afterAll(() => tmp.cleanup());
const CASES = runs(80);

type Json = Record<string, unknown>;
interface ErrorBody { error: { code: string; message: string; details: unknown } }

// ---- generators ------------------------------------------------------------------------------------------------------

/** A field that is usually legal, sometimes hostile text, sometimes another type, sometimes absent. */
function field<T>(good: fc.Arbitrary<T>, bad: fc.Arbitrary<unknown> = fc.oneof(hostileText(), wrongType)): fc.Arbitrary<unknown> {
  return fc.oneof({ weight: 24, arbitrary: good }, { weight: 1, arbitrary: bad }, { weight: 1, arbitrary: fc.constant(undefined) });
}
const text = (max: number) => fc.oneof({ weight: 12, arbitrary: anyText(40) }, { weight: 1, arbitrary: fc.constantFrom('x'.repeat(max), 'x'.repeat(max + 1), '  padded  ', '') });
const stream = anyText(30).filter((s) => s.trim() !== '' && !s.includes('\u0000'));
const time = goodTime.map((t) => t.text);
const badTime = fc.constantFrom('2026-02-30T00:00:00Z', 'yesterday', '2026-01-01', 1767225600, '+275760-09-13T00:00:00Z');
const days = fc.oneof({ weight: 6, arbitrary: fc.integer({ min: 1, max: 365 }) }, { weight: 1, arbitrary: fc.constantFrom(0, 366, 1.5, -0, 2 ** 53 + 1, 1e308, '28') });
// Path segments: all text a URL can carry (a lone surrogate cannot be percent-encoded at all).
const pathId = anyText(60).filter((s) => s !== '' && s !== '.' && s !== '..');
const extraKeys = fc.dictionary(fc.constantFrom('__proto__', 'constructor', 'prototype', 'id', 'created_at', 'builtin', 'demo_'), fc.oneof(hostileText(), wrongType), { maxKeys: 1, minKeys: 0 }).chain((d) => fc.oneof({ weight: 4, arbitrary: fc.constant({}) }, { weight: 1, arbitrary: fc.constant(d) }));

/** JSON text of an object with some keys possibly set through the text (so `__proto__` arrives as an own field). */
function jsonWith(obj: Json, extra: Json): string {
  const base = JSON.stringify(Object.fromEntries(Object.entries(obj).filter(([, v]) => v !== undefined)));
  const more = Object.keys(extra).map((k) => `${JSON.stringify(k)}:${JSON.stringify(extra[k]) ?? 'null'}`);
  return more.length === 0 ? base : base === '{}' ? `{${more.join(',')}}` : `{${more.join(',')},${base.slice(1)}`;
}
/** Bodies that are not the object a route expects at all. */
const junk = fc.constantFrom(deepArrayJson(10_000), deepObjectJson(10_000), deepArrayJson(100_000), '', 'null', '[]', '"text"', '42', '{', '{"a":1}}', 'NaN', '\u0000', '{"title":"\\ud800"}');
const body = (arb: fc.Arbitrary<Json>) => fc.oneof({ weight: 9, arbitrary: fc.tuple(arb, extraKeys).map(([o, e]) => ({ obj: o, text: jsonWith(o, e), extra: Object.keys(e).length > 0 })) }, { weight: 1, arbitrary: junk.map((t) => ({ obj: null, text: t, extra: true })) });

const incidentBody = fc.record({
  title: field(text(200)), kind: field(fc.constantFrom(...INCIDENT_KINDS)), severity: field(fc.constantFrom(...SEVERITIES)),
  occurred_at: field(time, badTime), streams: field(fc.array(stream, { minLength: 1, maxLength: 4 }), fc.oneof(fc.constant([]), wrongType, fc.array(hostileText(), { minLength: 1, maxLength: 2 }))),
  providers: field(fc.array(fc.constantFrom(...PROVIDERS), { minLength: 1, maxLength: 3 }), fc.constantFrom([], ['Gmail'], 'gmail')),
  baseline_days: field(days), monitor_days: field(days), notes: field(text(16_384)), demo: field(fc.constant(false)),
}, { requiredKeys: [] }) as fc.Arbitrary<Json>;

const incidentPatch = fc.record({
  title: field(text(200)), severity: field(fc.constantFrom(...SEVERITIES)), notes: field(fc.oneof(text(16_384), fc.constant(null))),
  streams: field(fc.array(stream, { minLength: 1, maxLength: 3 })), contained_at: field(fc.oneof(time, fc.constant(null)), badTime),
  checklist: field(fc.array(fc.record({ step: fc.oneof(fc.constantFrom(...STEP_IDS), hostileText()), owner: field(fc.oneof(text(200), fc.constant(null))), done_at: field(fc.oneof(time, fc.constant(null)), badTime) }, { requiredKeys: ['step'] }), { maxLength: 3 })),
}, { requiredKeys: [] }) as fc.Arbitrary<Json>;

const email = fc.oneof({ weight: 4, arbitrary: fc.constantFrom('ops@example.com', 'a+b@sub.example.co.uk') }, { weight: 4, arbitrary: fc.emailAddress() }, { weight: 1, arbitrary: hostileText() });
const ruleBody = fc.record({
  name: field(text(200)), metric: field(fc.oneof(fc.constantFrom(...METRIC_IDS), fc.constant(null))), condition: field(fc.constantFrom('threshold', 'dip', 'severe')),
  threshold: field(fc.oneof(fc.double({ min: 0, max: 1, noNaN: true }), fc.constant(null)), fc.constantFrom(-0.1, 1e308, '0.3', Number.MAX_VALUE)),
  streams: field(fc.oneof(fc.array(stream, { minLength: 1, maxLength: 3 }), fc.constant(null))), providers: field(fc.oneof(fc.array(fc.constantFrom(...PROVIDERS), { minLength: 1, maxLength: 2 }), fc.constant(null))),
  consecutive: field(fc.integer({ min: 1, max: 50 }), fc.constantFrom(0, 51, 1.5, 1e308)), recipients: field(fc.array(email, { minLength: 1, maxLength: 3 })),
  repeat_hours: field(fc.integer({ min: 1, max: 720 })), enabled: field(fc.boolean()),
}, { requiredKeys: [] }) as fc.Arbitrary<Json>;

const annotationBody = fc.record({ at: field(time, badTime), kind: field(fc.constantFrom(...ANNOTATION_KINDS)), label: field(text(200)) }, { requiredKeys: [] }) as fc.Arbitrary<Json>;

const draftText = fc.oneof({ weight: 5, arbitrary: anyText(200) }, { weight: 1, arbitrary: fc.constantFrom('We are sorry. '.repeat(5000), 'may have '.repeat(20_000), 'a'.repeat(200_000), '<'.repeat(100_000), '<a '.repeat(50_000), '😀'.repeat(50_000), '!!'.repeat(50_000)) });
const apologyBody = fc.record({
  from: field(fc.oneof(fc.constantFrom('Support <support@example.com>', 'no-reply@example.com'), anyText(60))), reply_to: field(fc.oneof(anyText(60), fc.constant(null))),
  subject: field(anyText(120)), text: field(fc.oneof(draftText, fc.constant(null))), html: field(fc.oneof(draftText.map((t) => `<p>${t}</p>`), fc.constant(null))),
  personal_data_exposed: field(fc.boolean()),
}, { requiredKeys: [] }) as fc.Arbitrary<Json>;

// ---- the app ---------------------------------------------------------------------------------------------------------

describe('API bodies', () => {
  let s: Services;
  let app: ReturnType<typeof createApp>;
  let incidentId = '';
  beforeAll(async () => {
    s = { db: await Db.open(tmp.path('api.duckdb')), config: loadConfig({ REBOUND_DEMO: '0' }), now: () => new Date(), localToken: null };
    app = createApp(s);
    const res = await app.request('/api/incidents', {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'Base incident', kind: 'data_breach', severity: 'high', occurred_at: '2026-03-02T08:00:00Z', streams: ['promo'] }),
    });
    incidentId = ((await res.json()) as { id: string }).id;
  });
  afterAll(() => s.db.close());

  const send = (method: string, path: string, raw: string) => app.request(path, { method, headers: { 'content-type': 'application/json' }, body: raw });
  const get = async <T>(path: string): Promise<T> => (await app.request(path)).json() as Promise<T>;

  /** A refusal: 4xx, the error shape, a field named (400), and not one table changed. */
  async function refused(res: Response, before: Record<string, number>): Promise<void> {
    expect(res.status, await res.clone().text()).toBeLessThan(500);
    expect(res.status).toBeGreaterThanOrEqual(400);
    const e = (await res.json()) as ErrorBody;
    expect(typeof e.error.code).toBe('string');
    expect(e.error.message.length).toBeGreaterThan(0);
    if (res.status === 400) {
      const details = Array.isArray(e.error.details) ? (e.error.details as { field?: string }[]) : [e.error.details as { field?: string }];
      expect(details[0]?.field, e.error.message).toBeTruthy();
    }
    expect(await tableCounts(s.db)).toEqual(before);
  }
  const trimmed = (v: unknown) => (typeof v === 'string' ? v.trim() : v);
  const iso = (v: unknown) => (typeof v === 'string' ? new Date(v).toISOString() : v);

  it('incident create: 201 and read back exactly, or a clean 4xx', async () => {
    let created = 0;
    await check('api POST /api/incidents', body(incidentBody), CASES, async (b) => {
      const before = await tableCounts(s.db);
      const res = await send('POST', '/api/incidents', b.text);
      if (res.status !== 201) return refused(res, before);
      expect(b.extra, 'an unknown field was accepted').toBe(false);
      const inc = await get<Json>(`/api/incidents/${encodeURIComponent(String(((await res.json()) as Json).id))}`);
      const o = b.obj as Json;
      expect(inc.title).toBe(trimmed(o.title));
      expect(inc.notes).toBe(o.notes ?? null);
      expect(inc.streams).toEqual([...new Set(o.streams as string[])]);
      expect(inc.occurred_at).toBe(iso(o.occurred_at));
      expect(inc.providers).toEqual(o.providers ? [...new Set(o.providers as string[])] : null);
      created++;
    });
    console.log(`api POST /api/incidents: ${created} created and read back`);
  });

  it('incident update: 200 and read back, or a clean 4xx that leaves the incident as it was', async () => {
    let updated = 0;
    await check('api PATCH /api/incidents/:id', body(incidentPatch), CASES, async (b) => {
      const before = await tableCounts(s.db);
      const was = await get<Json>(`/api/incidents/${incidentId}`);
      const res = await send('PATCH', `/api/incidents/${incidentId}`, b.text);
      if (res.status !== 200) {
        await refused(res, before);
        const now = await get<Json>(`/api/incidents/${incidentId}`);
        expect(now).toEqual(was);
        return;
      }
      const inc = (await res.json()) as Json;
      const o = b.obj as Json;
      if (o.title !== undefined) expect(inc.title).toBe(trimmed(o.title));
      if (o.notes !== undefined) expect(inc.notes).toBe(o.notes);
      if (o.streams !== undefined) expect(inc.streams).toEqual([...new Set(o.streams as string[])]);
      if (o.contained_at !== undefined) expect(inc.contained_at).toBe(o.contained_at === null ? null : iso(o.contained_at));
      for (const item of (o.checklist as Json[] | undefined) ?? []) {
        const step = (inc.checklist as Json[]).find((x) => x.step === item.step);
        if (item.owner !== undefined) expect(step?.owner).toBe(item.owner === null ? null : trimmed(item.owner));
      }
      expect(await get<Json>(`/api/incidents/${incidentId}`)).toEqual(inc);
      updated++;
    });
    console.log(`api PATCH /api/incidents/:id: ${updated} updated and read back`);
  });

  it('alert rules: 201 and listed exactly, or a clean 4xx; updates and deletes of any id never 500', async () => {
    let created = 0;
    await check('api POST /api/alerts/rules', body(ruleBody), CASES, async (b) => {
      const before = await tableCounts(s.db);
      const res = await send('POST', '/api/alerts/rules', b.text);
      if (res.status !== 201) return refused(res, before);
      expect(b.extra).toBe(false);
      const rule = (await res.json()) as Json;
      const o = b.obj as Json;
      const listed = (await get<{ rules: Json[] }>('/api/alerts/rules')).rules.find((r) => r.id === rule.id);
      expect(listed).toEqual(rule);
      expect(rule.name).toBe(trimmed(o.name));
      expect(rule.recipients).toEqual(o.recipients);
      expect(rule.streams).toEqual(o.streams ?? null);
      // Change it with a random patch, then delete it: either works or is refused cleanly.
      const patch = await send('PATCH', `/api/alerts/rules/${encodeURIComponent(String(rule.id))}`, b.text);
      expect(patch.status).toBeLessThan(500);
      const del = await app.request(`/api/alerts/rules/${encodeURIComponent(String(rule.id))}`, { method: 'DELETE' });
      expect(del.status).toBe(204);
      created++;
    });
    await check('api DELETE /api/alerts/rules/:id (hostile ids)', pathId, runs(40), async (id) => {
      const before = await tableCounts(s.db);
      const res = await app.request(`/api/alerts/rules/${encodeURIComponent(id)}`, { method: 'DELETE' });
      await refused(res, before);
    });
    console.log(`api POST /api/alerts/rules: ${created} created, listed, patched and deleted`);
  });

  it('annotations: 201 and listed exactly, or a clean 4xx; any incident id in the path never 500s', async () => {
    let created = 0;
    await check('api POST /api/incidents/:id/annotations', body(annotationBody), CASES, async (b) => {
      const before = await tableCounts(s.db);
      const res = await send('POST', `/api/incidents/${incidentId}/annotations`, b.text);
      if (res.status !== 201) return refused(res, before);
      expect(b.extra).toBe(false);
      const a = (await res.json()) as Json;
      const o = b.obj as Json;
      expect(a.label).toBe(trimmed(o.label));
      expect(a.at).toBe(iso(o.at));
      const list = (await get<{ annotations: Json[] }>(`/api/incidents/${incidentId}/annotations`)).annotations;
      expect(list.find((x) => x.id === a.id)).toEqual(a);
      created++;
    });
    await check('api annotations under hostile incident ids', fc.tuple(pathId, annotationBody), runs(40), async ([id, o]) => {
      const before = await tableCounts(s.db);
      const path = `/api/incidents/${encodeURIComponent(id)}/annotations`;
      const res = await send('POST', path, JSON.stringify(o));
      if (id === incidentId) return;
      await refused(res, before);
      expect((await app.request(path)).status).toBeLessThan(500);
    });
    console.log(`api POST annotations: ${created} created and listed`);
  });

  it('apology drafts: a verdict in under 2 s, or a clean 4xx; JSON and message/rfc822 alike', async () => {
    let judged = 0;
    await check('api POST /api/incidents/:id/apology/check', body(apologyBody), CASES, async (b) => {
      const before = await tableCounts(s.db);
      const started = Date.now();
      const res = await send('POST', `/api/incidents/${incidentId}/apology/check`, b.text);
      expect(Date.now() - started, 'apology check too slow (regular-expression backtracking?)').toBeLessThan(2000);
      if (res.status !== 200) return refused(res, before);
      const r = (await res.json()) as { verdict: string; findings: { rule: string; evidence: string }[] };
      expect(['ok', 'warn', 'block']).toContain(r.verdict);
      for (const f of r.findings) expect(typeof f.evidence).toBe('string');
      judged++;
    });
    const eml = fc.tuple(anyText(80), fc.oneof(draftText, hostileText()), fc.constantFrom('7bit', 'base64', 'quoted-printable', '8bit', 'x-junk')).map(([subject, text, enc]) =>
      `From: Support <support@example.com>\r\nSubject: ${subject.replace(/[\r\n]/g, ' ')}\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: ${enc}\r\n\r\n${enc === 'base64' ? Buffer.from(text).toString('base64') : text}\r\n`);
    await check('api POST apology/check (message/rfc822)', fc.oneof({ weight: 4, arbitrary: eml }, { weight: 1, arbitrary: fc.oneof(hostileText(), junk) }), runs(40), async (raw) => {
      const before = await tableCounts(s.db);
      const res = await app.request(`/api/incidents/${incidentId}/apology/check`, { method: 'POST', headers: { 'content-type': 'message/rfc822' }, body: raw });
      if (res.status !== 200) return refused(res, before);
      judged++;
    });
    console.log(`api apology checks: ${judged} drafts judged`);
  }, 120_000);

  it('the apology rules on long hostile drafts directly: pure, fast, never throwing', async () => {
    await check('apology checkApology (direct)', fc.record({ subject: anyText(200), text: draftText, html: fc.option(draftText, { nil: null }) }), runs(60), async (d) => {
      const parsed = apologyDraft.safeParse({ from: 'Support <support@example.com>', ...d });
      if (!parsed.success) return;
      const started = Date.now();
      const a = checkApology(parsed.data, { incident_kind: 'data_breach', personal_data_exposed: true, brand_markers: ['<!-- brand -->'] });
      expect(Date.now() - started).toBeLessThan(2000);
      expect(checkApology(parsed.data, { incident_kind: 'data_breach', personal_data_exposed: true, brand_markers: ['<!-- brand -->'] })).toEqual(a);
    });
  }, 120_000);
});
