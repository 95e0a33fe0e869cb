// What every ESP pull test shares: a store with the ESP's variables, the real clock's complete days, a retry
// that records its waits instead of sleeping, the pull run in-process, and an incident declared after the
// backfill and evaluated against the pulled baseline.
import { incidentCreate } from '#shared/schema/incidents.ts';
import type { RecoverySeries as Series } from '#shared/schema/recovery.ts';
import { loadConfig } from '../../../server/config.ts';
import type { Services } from '../../../server/context.ts';
import { createIncident } from '../../../server/services/incidents.ts';
import { evaluateOne } from '../../../server/services/recovery.ts';
import { runEspPull, type EspPullSummary } from '../../../server/sources/esp/pull.ts';
import { espReader } from '../../../server/sources/esp/registry.ts';
import type { EspName } from '../../../server/sources/esp/types.ts';
import { Db } from '../../../server/store/db.ts';
import type { RetryOptions } from '../../../server/http/retry.ts';

export const DAY_MS = 86_400_000;

/** The complete UTC days a first pull reads: `backfill` days before today up to yesterday. */
export function backfillDays(backfill: number, now = new Date()): string[] {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const out: string[] = [];
  for (let t = today - backfill * DAY_MS; t < today; t += DAY_MS) out.push(new Date(t).toISOString().slice(0, 10));
  return out;
}

export async function espServices(env: Record<string, string>, path: string): Promise<Services> {
  const db = await Db.open(path);
  return { db, config: loadConfig({ REBOUND_DEMO: '0', ...env }), now: () => new Date(), localToken: null };
}

/** Two quick retries whose waits are recorded (a 429's Retry-After shows up here), not slept. */
export function recordingRetry(): { waits: number[]; retry: RetryOptions } {
  const waits: number[] = [];
  return { waits, retry: { retries: 2, baseDelayMs: 1, maxDelayMs: 1, sleep: async (ms) => void waits.push(ms) } };
}

export async function pull(s: Services, name: EspName, retry: RetryOptions): Promise<EspPullSummary> {
  const src = await espReader(s.config.sources.esp, name, retry);
  if (!src) throw new Error(`${name} is not configured in this test`);
  return runEspPull(s, src);
}

/** Declares an incident on `stream` at the start of `day` and evaluates it now: the series of one metric × provider. */
export async function evaluateIncident(s: Services, stream: string, day: string, metric: string, provider: string): Promise<Series | undefined> {
  const incident = await createIncident(s.db, incidentCreate.parse({
    title: `Pulled baseline check on ${stream}`, kind: 'other', severity: 'high', occurred_at: `${day}T00:00:00Z`, streams: [stream],
  }));
  const evaluation = await evaluateOne(s, incident);
  return evaluation.series.find((x) => x.metric === metric && x.provider === provider && x.stream === stream);
}

export async function sendCount(s: Services): Promise<number> {
  return (await s.db.one<{ n: number }>('SELECT count(*) AS n FROM sends'))?.n ?? 0;
}
