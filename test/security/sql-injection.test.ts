// SQL only through parameters (docs/security.md, docs/architecture.md): SQL-injection payloads sent through every text field of every
// input — file records (sends, events, seeds, reputation), JSON event batches, incidents and their checklist,
// alert rules, annotations, apology drafts, ingest names — and through every path and query parameter. Afterwards
// every table still exists with exactly the expected counts, and every payload reads back verbatim.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.ts';
import { loadConfig } from '../../server/config.ts';
import type { Services } from '../../server/context.ts';
import { Db } from '../../server/store/db.ts';
import { tempDir } from '../integration/helpers.ts';
import { tableCounts } from '../property/support.ts';

const SQL_PAYLOADS = [
  "x'); DROP TABLE sends; --", "'; DELETE FROM events; --", "1' OR '1'='1", '"; DROP TABLE incidents; --', "x\\'; DROP TABLE alert_rules; --",
  '$1', '?', "%' OR 1=1 --", "'||(SELECT version())||'", "1); ATTACH '/tmp/rebound-pwn.db' AS pwn; --", "'; COPY sends TO '/tmp/rebound-leak.csv'; --",
  "x' UNION SELECT * FROM ingest_runs --", "🙂'; DROP TABLE annotations; --", "read_csv('/etc/passwd')", "'; PRAGMA database_list; --",
  "1;DROP TABLE reputation", "Robert'); DROP TABLE seed_tests;--", "x'::VARCHAR; CHECKPOINT; --",
];

const tmp = tempDir('rebound-sec-sql-');
let db: Db;
let app: ReturnType<typeof createApp>;
let tables: string[] = [];
let initial: Record<string, number> = {};

beforeAll(async () => {
  db = await Db.open(tmp.path('store.duckdb'));
  const s: Services = { db, config: loadConfig({ REBOUND_DEMO: '0' }), now: () => new Date('2026-03-10T12:00:00Z'), localToken: null };
  app = createApp(s);
  initial = await tableCounts(db);
  tables = Object.keys(initial);
});
afterAll(() => {
  db.close();
  tmp.cleanup();
});

const json = (method: string, path: string, body?: unknown, type = 'application/json') =>
  app.request(path, { method, headers: { 'content-type': type }, ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }) });
const enc = encodeURIComponent;

describe('SQL injection through every input', () => {
  let cases = 0;
  /** One injection attempt: never a server error. */
  async function attempt(res: Response | Promise<Response>, what: string): Promise<Response> {
    const r = await res;
    cases++;
    expect(r.status, `${what}: ${(await r.clone().text()).slice(0, 200)}`).toBeLessThan(500);
    return r;
  }

  it('stores every payload verbatim through the body fields, refuses it cleanly in parameters, and changes no table but as expected', async () => {
    const ids: { incident: string; rule: string; annotation: string }[] = [];
    for (const [i, p] of SQL_PAYLOADS.entries()) {
      // Files: send summaries (CSV), seed tests (CSV), reputation (NDJSON), with the payload as the ingest's name too.
      const sends = `send_id,stream,provider,sent_at,injected,delivered,bounced_hard,bounced_soft,bounced_block,complaints,unsubscribes\n"${p.replace(/"/g, '""')}#s","${p.replace(/"/g, '""')}",gmail,2026-03-01T10:00:00Z,100,90,1,1,1,1,1\n`;
      expect((await attempt(json('POST', `/api/ingest?name=${enc(p)}`, sends, 'text/csv'), 'sends')).status).toBe(200);
      const seeds = `send_id,stream,provider,tested_at,seeds,inbox,spam,missing\n"${p.replace(/"/g, '""')}#seed","${p.replace(/"/g, '""')}",yahoo,2026-03-01T11:00:00Z,10,8,1,1\n`;
      expect((await attempt(json('POST', '/api/ingest?kind=seeds&format=csv', seeds, 'text/csv'), 'seeds')).status).toBe(200);
      const rep = JSON.stringify({ date: '2026-03-01', subject: p, source: 'postmaster', metric: 'gmail_spam_rate', value: 0.001 });
      expect((await attempt(json('POST', '/api/ingest', `${rep}\n`, 'application/x-ndjson'), 'reputation')).status).toBe(200);
      // A JSON batch of events: every text field of an event.
      const event = { event_id: p, type: 'bounce', bounce_class: 'soft', timestamp: '2026-03-01T10:05:00Z', send_id: `${p}#e`, stream: p, recipient_domain: p, diagnostic: p, message_id: p };
      expect((await attempt(json('POST', '/api/events', { events: [event] }), 'events')).status).toBe(200);
      // An incident, its update and checklist owner, an annotation, an alert rule, an apology draft.
      const created = await attempt(json('POST', '/api/incidents', { title: p, kind: 'other', severity: 'low', occurred_at: '2026-03-01T09:00:00Z', streams: [p, `${p}#2`], notes: p }), 'incident');
      expect(created.status).toBe(201);
      const incident = ((await created.json()) as { id: string }).id;
      expect((await attempt(json('PATCH', `/api/incidents/${incident}`, { notes: `${p}!`, checklist: [{ step: 'own_the_problem', owner: p }] }), 'incident update')).status).toBe(200);
      const ann = await attempt(json('POST', `/api/incidents/${incident}/annotations`, { at: '2026-03-01T12:00:00Z', kind: 'other', label: p }), 'annotation');
      expect(ann.status).toBe(201);
      const rule = await attempt(json('POST', '/api/alerts/rules', { name: p, condition: 'dip', streams: [p], recipients: [`o'reilly+${i}@example.com`] }), 'rule');
      expect(rule.status).toBe(201);
      expect((await attempt(json('POST', `/api/incidents/${incident}/apology/check`, { from: `${p} <support@example.com>`, reply_to: p, subject: p, text: p, html: `<p>${p}</p>` }), 'apology')).status).toBe(200);
      ids.push({ incident, rule: ((await rule.json()) as { id: string }).id, annotation: ((await ann.json()) as { id: string }).id });

      // Path parameters: the payload as every id a route takes.
      for (const [method, path] of [
        ['GET', `/api/incidents/${enc(p)}`], ['PATCH', `/api/incidents/${enc(p)}`], ['GET', `/api/incidents/${enc(p)}/recovery`],
        ['GET', `/api/incidents/${enc(p)}/annotations`], ['POST', `/api/incidents/${enc(p)}/annotations`], ['DELETE', `/api/incidents/${incident}/annotations/${enc(p)}`],
        ['DELETE', `/api/incidents/${enc(p)}/annotations/${enc(p)}`], ['POST', `/api/incidents/${enc(p)}/apology/check`], ['PATCH', `/api/alerts/rules/${enc(p)}`],
        ['DELETE', `/api/alerts/rules/${enc(p)}`], ['GET', `/api/reports/${enc(p)}`], ['POST', `/api/sources/${enc(p)}/pull`], ['POST', `/api/webhooks/${enc(p)}`],
      ] as const) {
        const body = method === 'GET' || method === 'DELETE' ? undefined : method === 'PATCH' ? { title: 'x' } : { at: '2026-03-01T12:00:00Z', kind: 'other', label: 'x', from: 'a@b.c', text: 'sorry' };
        expect((await attempt(json(method, path, body), `${method} ${path}`)).status).toBeGreaterThanOrEqual(400);
      }
      // Query parameters.
      for (const path of [
        `/api/incidents?limit=${enc(p)}`, `/api/incidents?open=${enc(p)}`, `/api/alerts?limit=${enc(p)}`, `/api/outbox?limit=${enc(p)}`,
        `/api/ingest/runs?limit=${enc(p)}`, `/api/reports/2026-W09?format=${enc(p)}`, `/api/reports/2026-W09?paper=${enc(p)}`,
        `/api/reports/2026-W09?refresh=${enc(p)}`,
      ]) expect((await attempt(app.request(path), `GET ${path}`)).status).toBe(400);
      for (const [path, body, type] of [
        [`/api/ingest?kind=${enc(p)}`, sends, 'text/csv'], [`/api/ingest?format=${enc(p)}`, sends, 'text/csv'], [`/api/ingest?skip_bad=${enc(p)}`, sends, 'text/csv'],
        [`/api/events?skip_bad=${enc(p)}`, JSON.stringify({ events: [event] }), 'application/json'],
        [`/api/incidents/${incident}/apology/check?personal_data_exposed=${enc(p)}`, JSON.stringify({ from: 'a@b.c', text: 'sorry' }), 'application/json'],
        [`/api/evaluate?incident=${enc(p)}`, undefined, 'application/json'],
      ] as const) expect((await attempt(json('POST', path, body, type), `POST ${path}`)).status).toBeGreaterThanOrEqual(400);
      expect((await attempt(app.request('/api/incidents?limit=1;DROP TABLE incidents'), 'limit=1;DROP')).status).toBe(400);
    }

    // Every table is still there, with exactly what the requests stored.
    const n = SQL_PAYLOADS.length;
    const after = await tableCounts(db);
    expect(Object.keys(after)).toEqual(tables);
    expect(after).toMatchObject({
      events: n, sends: 2 * n, seed_tests: n, reputation: n, incidents: n, annotations: n,
      alert_rules: (initial.alert_rules ?? 0) + n, ingest_runs: 4 * n,
    });

    // And every payload reads back verbatim, through the API and from the store.
    for (const [i, p] of SQL_PAYLOADS.entries()) {
      const { incident, rule, annotation } = ids[i] ?? { incident: '', rule: '', annotation: '' };
      const inc = (await (await app.request(`/api/incidents/${incident}`)).json()) as { title: string; notes: string; streams: string[]; checklist: { step: string; owner: string | null }[] };
      expect(inc).toMatchObject({ title: p, notes: `${p}!`, streams: [p, `${p}#2`] });
      expect(inc.checklist.find((c) => c.step === 'own_the_problem')?.owner).toBe(p);
      const anns = (await (await app.request(`/api/incidents/${incident}/annotations`)).json()) as { annotations: { id: string; label: string }[] };
      expect(anns.annotations.find((a) => a.id === annotation)?.label).toBe(p);
      const rules = (await (await app.request('/api/alerts/rules')).json()) as { rules: { id: string; name: string; streams: string[] | null }[] };
      expect(rules.rules.find((r) => r.id === rule)).toMatchObject({ name: p, streams: [p] });
      expect(await db.one('SELECT stream FROM sends WHERE send_id = $1', [`${p}#s`])).toEqual({ stream: p });
      expect(await db.one('SELECT stream FROM seed_tests WHERE send_id = $1', [`${p}#seed`])).toEqual({ stream: p });
      expect(await db.one('SELECT subject FROM reputation WHERE subject = $1', [p])).toEqual({ subject: p });
      expect(await db.one('SELECT event_id, send_id, stream, diagnostic, message_id FROM events WHERE event_id = $1', [p]))
        .toEqual({ event_id: p, send_id: `${p}#e`, stream: p, diagnostic: p, message_id: p });
    }
    const runs = (await (await app.request('/api/ingest/runs?limit=500')).json()) as { runs: { source: string }[] };
    for (const p of SQL_PAYLOADS) expect(runs.runs.map((r) => r.source)).toContain(p);
    console.log(`sql injection: ${SQL_PAYLOADS.length} payloads, ${cases} requests, ${tables.length} tables intact`);
  }, 120_000);
});
