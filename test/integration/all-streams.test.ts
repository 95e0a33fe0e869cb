// An incident of every stream (`"streams": ["*"]`): an IP pool, a sending domain or the whole account went bad.
// It is evaluated exactly as an incident naming each stream with data would be, its audience is every stream's
// first-day sends, "*" cannot be mixed with named streams, and it reads "all streams" wherever streams are shown.
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateScenario } from '#shared/scenario.ts';
import { incidentCreate, type Incident } from '#shared/schema/incidents.ts';
import { incidentTable } from '../../server/cli/print.ts';
import { loadConfig } from '../../server/config.ts';
import type { Services } from '../../server/context.ts';
import { ingestStream } from '../../server/ingest/ingest.ts';
import { incidentSends } from '../../server/services/audience.ts';
import { createIncident } from '../../server/services/incidents.ts';
import { computeEvaluation } from '../../server/services/evaluation.ts';
import type { Db } from '../../server/store/db.ts';
import { appOver, INCIDENT, json, type ErrorBody } from './api-support.ts';
import { tempStore } from './helpers.ts';

const DAY = 86_400_000;
const STREAMS = ['news.example.com', 'promo.example.com', 'txn.example.com'];
const sc = generateScenario({
  seed: 5,
  start: '2026-01-01T00:00:00Z',
  baselineDays: 28,
  postDays: 10,
  streams: STREAMS.map((stream, i) => ({ stream, size: 50_000 * (i + 1), hour: 6 + i, cv: 0.1, rates: { hard: 0.002, soft: 0.006, block: 0.002, complaint: 0.0004, unsubscribe: 0.002, inbox: 0.9 } })),
  // An IP pool went on a blocklist: every stream's block rate jumps.
  incidents: STREAMS.map((stream) => ({ stream, metrics: ['block_rate'], peak: 6, decay: 0.6, sends: 3 })),
});
const AS_OF = new Date(Date.parse(sc.occurred_at) + 12 * DAY);

const tmp = tempStore('rebound-all-streams-');
let db: Db;
let s: Services;
let all: Incident;
let named: Incident;

beforeAll(async () => {
  db = await tmp.open();
  s = { db, config: loadConfig({}), now: () => AS_OF, localToken: null };
  await ingestStream(db, 'sends.ndjson', Readable.from(sc.sends.map((r) => `${JSON.stringify(r)}\n`)), { kind: 'sends', format: 'ndjson' });
  const base = { title: 'Shared IP pool listed', kind: 'infrastructure', severity: 'high', occurred_at: sc.occurred_at };
  all = await createIncident(db, incidentCreate.parse({ ...base, streams: ['*'] }));
  named = await createIncident(db, incidentCreate.parse({ ...base, streams: STREAMS }));
}, 120_000);
afterAll(tmp.cleanup);

describe('an incident of every stream', () => {
  it('is stored as declared, "*" and nothing else', () => {
    expect(all.streams).toEqual(['*']);
  });

  it('is evaluated over every stream with data, as one naming each of them is', async () => {
    const [a, b] = await Promise.all([computeEvaluation(s, all, AS_OF), computeEvaluation(s, named, AS_OF)]);
    expect(new Set(a.series.map((x) => x.stream))).toEqual(new Set(STREAMS));
    expect(a.series.length).toBe(b.series.length);
    expect(a.series).toEqual(b.series);
    expect(a.series.filter((x) => x.metric === 'block_rate' && x.first_dip_at !== null).map((x) => x.stream)).toEqual(expect.arrayContaining(STREAMS));
  });

  it('reaches every stream\'s sends of its first day (the audience guard)', async () => {
    const [a, b] = await Promise.all([incidentSends(db, all), incidentSends(db, named)]);
    expect(a.ids.length).toBeGreaterThan(0);
    expect(a).toEqual(b);
  });

  it('reads "all streams" in the CLI\'s list', () => {
    expect(incidentTable([all])).toContain('all streams');
  });
});

describe('declaring it through the API', () => {
  it('accepts ["*"] and refuses "*" among named streams, naming the field and storing nothing', async () => {
    const app = appOver(db);
    const before = ((await (await app.request('/api/incidents')).json()) as { incidents: unknown[] }).incidents.length;
    const ok = await app.request('/api/incidents', json({ ...INCIDENT, streams: ['*'] }));
    expect(ok.status).toBe(201);
    expect(((await ok.json()) as Incident).streams).toEqual(['*']);
    const bad = await app.request('/api/incidents', json({ ...INCIDENT, streams: ['*', 'news.example.com'] }));
    expect(bad.status).toBe(400);
    const body = (await bad.json()) as ErrorBody;
    expect(body.error.details).toEqual([{ field: 'streams', message: '"*" stands for every stream: give it alone, not with named streams' }]);
    const after = ((await (await app.request('/api/incidents')).json()) as { incidents: unknown[] }).incidents.length;
    expect(after).toBe(before + 1);
  });
});
