// A store that alerts on its next evaluation: three streams, each with a declared incident whose complaint rate at
// Gmail is 8× its baseline on every send since (the data ends while it still is), and two extra rules with their
// own recipients, so one `rebound evaluate` enqueues and delivers several emails. Dated relative to the real
// clock (the CLI evaluates "now"): the data ends more than a week ago, so every observation is mature.
import { Readable } from 'node:stream';
import { generateScenario } from '#shared/scenario.ts';
import { alertRuleCreate } from '#shared/schema/alerts.ts';
import { incidentCreate } from '#shared/schema/incidents.ts';
import { ingestStream } from '../server/ingest/ingest.ts';
import { createIncident } from '../server/services/incidents.ts';
import { insertRule } from '../server/store/alerts.ts';
import { Db } from '../server/store/db.ts';

const DAY_MS = 86_400_000;
const STREAMS = ['news', 'promo', 'billing'];
export const ALERT_ENV = { ALERT_FROM: 'deliverability@example.com', ALERT_TO: 'oncall@example.com', PUBLIC_URL: 'https://rebound.example.com' };

export async function buildAlertStore(path: string, now = Date.now()): Promise<{ incidents: string[] }> {
  const start = new Date(Math.floor((now - 40 * DAY_MS) / DAY_MS) * DAY_MS).toISOString();
  const sc = generateScenario({
    seed: 9,
    start,
    baselineDays: 28,
    postDays: 3,
    streams: STREAMS.map((stream, i) => ({ stream, size: 200_000, hour: 8 + i, cv: 0.1, rates: { hard: 0.002, soft: 0.008, block: 0.002, complaint: 0.0005, unsubscribe: 0.002, inbox: 0.9 } })),
    incidents: STREAMS.map((stream) => ({ stream, providers: ['gmail'], metrics: ['complaint_rate'], peak: 8, decay: 1, sends: 10 })),
  });
  const db = await Db.open(path);
  try {
    await ingestStream(db, 'scenario-sends.ndjson', Readable.from(sc.sends.map((r) => `${JSON.stringify(r)}\n`)), { kind: 'sends', format: 'ndjson' });
    const incidents: string[] = [];
    for (const stream of STREAMS) {
      const inc = await createIncident(db, incidentCreate.parse({
        title: `Wrong segment on ${stream}`, kind: 'wrong_segment', severity: 'high', occurred_at: sc.occurred_at, streams: [stream],
      }));
      incidents.push(inc.id);
    }
    await insertRule(db, alertRuleCreate.parse({ name: 'Complaint dips to the team', metric: 'complaint_rate', condition: 'dip', recipients: ['team@example.com'] }));
    await insertRule(db, alertRuleCreate.parse({ name: 'Gmail complaints to the lead', metric: 'complaint_rate', providers: ['gmail'], condition: 'threshold', threshold: 0.002, recipients: ['lead@example.com', 'cto@example.com'] }));
    return { incidents };
  } finally {
    db.close();
  }
}
