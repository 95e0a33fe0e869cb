// The labelled demo data set: an empty store on `npm start` gets a realistic incident and its recovery, so a
// newcomer sees a meaningful dashboard at once. Everything goes through the same ingest and services as real
// data; the incident is marked demo and titled "[Demo] …". REBOUND_DEMO=0 turns it off.
import { Readable } from 'node:stream';
import { generateScenario, type IncidentSpec } from '#shared/scenario.ts';
import type { Services } from '../context.ts';
import { ingestStream } from '../ingest/ingest.ts';
import { DEMO_SOURCE_PREFIX } from '../services/demo-names.ts';
import { changeIncident, createIncident } from '../services/incidents.ts';
import { evaluateOne } from '../services/recovery.ts';
import { incidentCreate } from '#shared/schema/incidents.ts';

const DAY_MS = 86_400_000;
// Four weeks of baseline, then 16 days since the incident: long enough to show a recovery, short enough that
// one stream is still recovering.
const BASELINE_DAYS = 28;
const POST_DAYS = 16;
// Fixed, so every demo store shows the same story.
const DEMO_SEED = 20_260_302;

/**
 * The story: the spring promotion went to a suppression list from 2019. Hard bounces and blocks spike at every
 * provider for a few sends and recover; complaints at Gmail and Yahoo stay raised for two weeks, so that part is
 * still recovering (or degraded) when the demo opens.
 */
const DEMO_EFFECTS: IncidentSpec[] = [
  { stream: 'promotions', metrics: ['hard_bounce_rate', 'block_rate'], peak: 8, decay: 0.45, sends: 4 },
  { stream: 'promotions', providers: ['gmail', 'yahoo'], metrics: ['complaint_rate'], peak: 6, decay: 0.9, sends: 15 },
  { stream: 'newsletter', providers: ['microsoft'], metrics: ['block_rate'], startSend: 1, peak: 4, decay: 0.6, sends: 5 },
];

export async function isEmpty(s: Services): Promise<boolean> {
  const row = await s.db.one<{ n: number }>(
    `SELECT (SELECT count(*) FROM sends) + (SELECT count(*) FROM events) + (SELECT count(*) FROM incidents) AS n`,
  );
  return (row?.n ?? 0) === 0;
}

const ndjson = (rows: object[]) => Readable.from(rows.map((r) => `${JSON.stringify(r)}\n`));

/** Loads the demo when the store is empty; returns a one-line description, or null when it did nothing. */
export async function seedDemoIfEmpty(s: Services): Promise<string | null> {
  if (!(await isEmpty(s))) return null;
  const today = Math.floor(s.now().getTime() / DAY_MS) * DAY_MS;
  const scenario = generateScenario({
    seed: DEMO_SEED,
    start: new Date(today - (BASELINE_DAYS + POST_DAYS - 1) * DAY_MS).toISOString(),
    baselineDays: BASELINE_DAYS,
    postDays: POST_DAYS,
    incidents: DEMO_EFFECTS,
    seedTests: true,
  });
  // Sends in the future of today's clock would be odd in a demo: keep only what has "happened".
  const nowIso = s.now().toISOString();
  const sends = await ingestStream(s.db, `${DEMO_SOURCE_PREFIX}sends.ndjson`, ndjson(scenario.sends.filter((r) => r.sent_at <= nowIso)), { kind: 'sends', format: 'ndjson' });
  const seeds = await ingestStream(s.db, `${DEMO_SOURCE_PREFIX}seeds.ndjson`, ndjson(scenario.seedTests.filter((r) => r.tested_at <= nowIso)), { kind: 'seeds', format: 'ndjson' });
  const occurred = Date.parse(scenario.occurred_at);
  const incident = await createIncident(s.db, incidentCreate.parse({
    title: '[Demo] Spring promo sent to the 2019 suppression list',
    kind: 'suppression_list_send',
    severity: 'high',
    occurred_at: new Date(occurred + 8 * 3_600_000).toISOString(),
    contained_at: new Date(occurred + 14 * 3_600_000).toISOString(),
    streams: ['promotions', 'newsletter'],
    // The bad send itself, named, so the audience panel is about it and not about every send of that day.
    send_ids: [...new Set(scenario.sends
      .filter((r) => r.stream === 'promotions' && r.sent_at.slice(0, 10) === scenario.occurred_at.slice(0, 10))
      .map((r) => r.send_id))],
    baseline_days: BASELINE_DAYS,
    monitor_days: 30,
    notes: 'Demo data: generated, not real. The promotions send at 14:00 UTC went to an old suppression list; hard bounces, blocks and complaints rose at every provider. Start from here: the Gmail complaint series is still recovering.',
    demo: true,
  }));
  // The team has worked the playbook up to the plan; informing and watching are still open.
  const at = (hours: number) => new Date(occurred + hours * 3_600_000).toISOString();
  const worked = await changeIncident(s.db, incident.id, {
    checklist: [
      { step: 'own_the_problem', owner: 'Dana (deliverability lead)', done_at: at(9) },
      { step: 'put_out_the_fire', owner: 'Sam (lifecycle marketing)', done_at: at(14) },
      { step: 'stop_the_campaign', owner: 'Sam (lifecycle marketing)', done_at: at(14) },
      { step: 'reapply_suppression', owner: 'Priya (data engineering)', done_at: at(30) },
      { step: 'assess_the_damage', owner: 'Dana (deliverability lead)', done_at: at(36) },
      { step: 'create_a_plan', owner: 'Dana (deliverability lead)', done_at: at(48) },
      { step: 'no_apology', owner: 'Alex (marketing director)' },
      { step: 'proceed_carefully', owner: 'Dana (deliverability lead)' },
    ],
  });
  await evaluateOne(s, worked);
  return `${sends.stored} send summaries, ${seeds.stored} seed tests, incident ${incident.id}`;
}
