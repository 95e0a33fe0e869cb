// A GET never writes to the store. Every GET in the OpenAPI description (so a route added later is covered
// without editing this test) is called on a store with the demo data set, its path parameters filled with real
// values (every incident; a finished week with data and the week under way), and each enumerated query value
// tried in turn; the digest of every table's rows must be the same after each call as before it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.ts';
import { loadConfig } from '../../server/config.ts';
import type { Services } from '../../server/context.ts';
import { seedDemoIfEmpty } from '../../server/demo/seed.ts';
import { formatIsoWeek, isoWeekOf } from '#shared/iso-week.ts';
import type { Db } from '../../server/store/db.ts';
import { digestAllTables } from '../support/store-digest.ts';
import { tempStore } from './helpers.ts';

interface Param { name: string; in: string; required?: boolean; schema?: { enum?: string[] } }
interface OpenApi { paths: Record<string, Partial<Record<string, { parameters?: Param[] }>>> }

const NOW = new Date('2026-03-18T12:00:00Z');
const DAY_MS = 86_400_000;
const tmp = tempStore();
let db: Db;
let app: ReturnType<typeof createApp>;
let incidentIds: string[] = [];

const weekOf = (ms: number): string => {
  const d = new Date(ms);
  return formatIsoWeek(isoWeekOf({ year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() }));
};

beforeAll(async () => {
  db = await tmp.open('demo.duckdb');
  const s: Services = { db, config: loadConfig({ REBOUND_DEMO: '1' }), now: () => NOW, localToken: null };
  expect(await seedDemoIfEmpty(s)).not.toBeNull();
  app = createApp(s);
  // Something in every table a GET reads: a timeline note and a recipient list on the demo incident.
  incidentIds = (await db.all<{ id: string }>('SELECT id FROM incidents ORDER BY id')).map((r) => r.id);
  const id = incidentIds[0] ?? '';
  const note = await app.request(`/api/incidents/${id}/annotations`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ at: '2026-03-02T10:00:00Z', kind: 'other', label: 'Paused the promo.' }) });
  expect(note.status, await note.clone().text()).toBeLessThan(300);
  const list = await app.request(`/api/incidents/${id}/lists/suppression`, { method: 'PUT', headers: { 'content-type': 'text/plain' }, body: 'a@example.com\nb@example.org\n' });
  expect(list.status, await list.clone().text()).toBeLessThan(300);
}, 120_000);
afterAll(tmp.cleanup);

/** Every concrete URL to call for one documented GET path. */
function urlsFor(path: string, params: Param[]): string[] {
  const values: Record<string, string[]> = {
    id: [...incidentIds, 'inc-does-not-exist'],
    week: [weekOf(NOW.getTime() - 7 * DAY_MS), weekOf(NOW.getTime()), '1999-W52', '0000-W01'],
  };
  let paths = [path];
  for (const p of params.filter((x) => x.in === 'path')) {
    const options = values[p.name];
    if (!options) throw new Error(`no test values for the path parameter {${p.name}} of ${path}: add some`);
    paths = paths.flatMap((base) => options.map((v) => base.replace(`{${p.name}}`, encodeURIComponent(v))));
  }
  // The defaults, then each enumerated value of each query parameter on its own.
  const queries = [''];
  for (const q of params.filter((x) => x.in === 'query')) for (const v of q.schema?.enum ?? []) queries.push(`?${q.name}=${encodeURIComponent(v)}`);
  return paths.flatMap((base) => queries.map((q) => `${base}${q}`));
}

describe('GET never writes', () => {
  it('no GET of the OpenAPI description changes any table', async () => {
    const doc = (await (await app.request('/api/openapi.json')).json()) as OpenApi;
    const gets = Object.entries(doc.paths).filter(([, ops]) => ops['get']);
    expect(gets.length).toBeGreaterThanOrEqual(15);
    const before = await digestAllTables(db);
    const changed: string[] = [];
    let calls = 0;
    for (const [path, ops] of gets) {
      for (const url of urlsFor(path, ops['get']?.parameters ?? [])) {
        const res = await app.request(url);
        // The live event stream never ends: its first event is the answer, then it is let go.
        if (res.headers.get('content-type')?.startsWith('text/event-stream')) {
          const reader = res.body?.getReader();
          await reader?.read();
          await reader?.cancel();
        } else await res.arrayBuffer();
        calls++;
        expect(res.status, `${url}: ${res.status}`).toBeLessThan(500);
        const after = await digestAllTables(db);
        const tables = Object.keys(after).filter((t) => after[t] !== before[t]);
        if (tables.length > 0) {
          changed.push(`${url} changed ${tables.join(', ')}`);
          Object.assign(before, after);
        }
      }
    }
    console.log(`GET never writes: ${calls} calls over ${gets.length} documented GET routes`);
    expect(changed).toEqual([]);
  }, 300_000);
});
