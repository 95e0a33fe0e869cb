// The larger store of the reads benchmark: the demo holds one incident on two streams; this one holds twelve
// incidents over eight streams (one to three streams each), with seed tests, every incident evaluated — so the
// readers spread over several answers of 150–500 KB instead of one.
import { Readable } from 'node:stream';
import { generateScenario, type StreamSpec } from '#shared/scenario.ts';
import { incidentCreate } from '#shared/schema/incidents.ts';
import { loadConfig } from '../server/config.ts';
import type { Services } from '../server/context.ts';
import { ingestStream } from '../server/ingest/ingest.ts';
import { createIncident } from '../server/services/incidents.ts';
import { evaluateOne } from '../server/services/recovery.ts';
import { Db } from '../server/store/db.ts';

const DAY_MS = 86_400_000;
const BASELINE_DAYS = 28;
const POST_DAYS = 30;
const STREAMS = ['news', 'promo', 'billing', 'welcome', 'digest', 'winback', 'alerts', 'surveys'];
const INCIDENTS = 12;

export const LARGER_STORE = `${INCIDENTS} incidents over ${STREAMS.length} streams × 5 providers, ${BASELINE_DAYS + POST_DAYS} days of daily sends with seed tests`;

const streamSpec = (stream: string, i: number): StreamSpec => ({
  stream, size: 50_000 + 25_000 * i, hour: 6 + i, cv: 0.1,
  rates: { hard: 0.002, soft: 0.008, block: 0.002, complaint: 0.0005, unsubscribe: 0.002, inbox: 0.9 },
});

/** Builds the store at `path` and returns its incident ids. */
export async function buildLargerStore(path: string): Promise<string[]> {
  const now = Date.now();
  const sc = generateScenario({
    seed: 17,
    start: new Date(Math.floor((now - (BASELINE_DAYS + POST_DAYS + 1) * DAY_MS) / DAY_MS) * DAY_MS).toISOString(),
    baselineDays: BASELINE_DAYS,
    postDays: POST_DAYS,
    streams: STREAMS.map(streamSpec),
    incidents: STREAMS.slice(0, 4).map((stream) => ({ stream, metrics: ['hard_bounce_rate', 'complaint_rate'], peak: 6, decay: 0.6, sends: 6 })),
    seedTests: true,
  });
  const db = await Db.open(path);
  try {
    const s: Services = { db, config: loadConfig({}), now: () => new Date(), localToken: null };
    const ndjson = (rows: object[]) => Readable.from(rows.map((r) => `${JSON.stringify(r)}\n`));
    await ingestStream(db, 'larger:sends.ndjson', ndjson(sc.sends), { kind: 'sends', format: 'ndjson' });
    await ingestStream(db, 'larger:seeds.ndjson', ndjson(sc.seedTests), { kind: 'seeds', format: 'ndjson' });
    const ids: string[] = [];
    for (let i = 0; i < INCIDENTS; i++) {
      const streams = STREAMS.filter((_, k) => (k + i) % STREAMS.length < 1 + (i % 3));
      const incident = await createIncident(db, incidentCreate.parse({
        title: `Incident ${i + 1} on ${streams.join(', ')}`, kind: 'wrong_segment', severity: 'high', occurred_at: sc.occurred_at, streams,
      }));
      ids.push(incident.id);
      await evaluateOne(s, incident);
    }
    return ids;
  } finally {
    db.close();
  }
}
