// A store with a known recovery for the report tests: four weeks of baseline from Monday 5 Jan 2026, then an
// incident at 00:00 UTC on Monday 2 Feb (2026-W06) that raises Gmail complaints on the newsletter for six
// daily sends (2–7 Feb) and then ends, so the series recovers on the 8 Feb send. Three weeks of data after.
import { Readable } from 'node:stream';
import { loadConfig, type Config } from '../../server/config.ts';
import type { Services } from '../../server/context.ts';
import { ingestStream } from '../../server/ingest/ingest.ts';
import { createIncident } from '../../server/services/incidents.ts';
import { Db } from '../../server/store/db.ts';
import { incidentCreate, type Incident } from '#shared/schema/incidents.ts';
import { DEFAULT_STREAMS, generateScenario, type Scenario, type SendSummary } from '#shared/scenario.ts';
import { tempDir } from './helpers.ts';

export const START = '2026-01-05T00:00:00Z';
export const OCCURRED = '2026-02-02T00:00:00Z';
/** Monday of 2026-W09, 08:00 UTC: W06–W08 are over. */
export const NOW = new Date('2026-02-23T08:00:00Z');
const NEWSLETTER = DEFAULT_STREAMS.find((s) => s.stream === 'newsletter');
if (!NEWSLETTER) throw new Error('the scenario has no newsletter stream');

export const scenario: Scenario = generateScenario({
  seed: 7,
  start: START,
  baselineDays: 28,
  postDays: 21,
  streams: [NEWSLETTER],
  incidents: [{ stream: 'newsletter', providers: ['gmail'], metrics: ['complaint_rate'], peak: 8, decay: 0.85, sends: 6 }],
});

export interface Fixture {
  s: Services; incident: Incident; old: Incident; config: Config; dbPath: string;
  /** Releases the store (for a CLI process to open it) but keeps the file. */
  closeDb: () => void;
  /** Releases the store and removes it. */
  close: () => void;
}

/** The store, on a temp DuckDB file; `config` as the server would have it with TZ_REPORTS = `timeZone`. */
export async function reportFixture(timeZone = 'UTC', env: Record<string, string> = {}): Promise<Fixture> {
  const tmp = tempDir('rebound-reports-');
  const dbPath = tmp.path('store.duckdb');
  const db = await Db.open(dbPath);
  const config = { ...loadConfig({ REBOUND_DB: dbPath, TZ_REPORTS: timeZone, ...env }) };
  const s: Services = { db, config, now: () => NOW, localToken: null };
  const rows = Readable.from(scenario.sends.map((r) => `${JSON.stringify(r)}\n`));
  const loaded = await ingestStream(db, 'scenario.ndjson', rows, { kind: 'sends', format: 'ndjson' });
  if (loaded.rejected > 0) throw new Error('scenario rejected');
  const incident = await createIncident(db, incidentCreate.parse({
    title: '=cmd| "old" <list>: newsletter sent to the wrong segment', kind: 'wrong_segment', severity: 'high', occurred_at: OCCURRED,
    streams: ['newsletter'], providers: ['gmail'],
  }));
  // Resolved long before the weeks the tests report on: never in those reports.
  const old = await createIncident(db, incidentCreate.parse({
    title: 'Old incident', kind: 'other', severity: 'low', occurred_at: '2025-10-01T00:00:00Z', resolved_at: '2025-10-10T00:00:00Z', streams: ['newsletter'],
  }));
  let open = true;
  const closeDb = () => {
    if (open) db.close();
    open = false;
  };
  return { s, incident, old, config, dbPath, closeDb, close: () => { closeDb(); tmp.cleanup(); } };
}

/** Independent of the report code: Σ complaints / Σ delivered of Gmail newsletter sends in [from, to). */
export function pooledComplaints(from: string, to: string): { numerator: number; denominator: number; rate: number } {
  const inRange = (r: SendSummary) => r.stream === 'newsletter' && r.provider === 'gmail' && r.sent_at >= from && r.sent_at < to;
  const rows = scenario.sends.filter(inRange);
  const numerator = rows.reduce((a, r) => a + r.complaints, 0);
  const denominator = rows.reduce((a, r) => a + r.delivered, 0);
  return { numerator, denominator, rate: numerator / denominator };
}
