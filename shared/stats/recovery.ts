// Series and incident recovery state (docs/statistics.md). Pure: the points come in with their verdicts and provisional
// flags already decided.
import type { SeriesStatus } from '../schema/recovery.ts';
import type { Verdict } from './verdict.ts';

export type IncidentStatus = SeriesStatus;

// Recovered: 3 consecutive ok observations after the last dip (docs/statistics.md).
export const RECOVERY_RUN = 3;
const HOUR_MS = 3_600_000;

export interface RecoveryPoint {
  at: string;
  verdict: Verdict;
  provisional: boolean;
}

export interface SeriesRecovery {
  status: SeriesStatus;
  first_dip_at: string | null;
  recovered_at: string | null;
  time_to_recover_hours: number | null;
}

/** The points in time order: each time parsed once, and no sort at all when they come in order (the evaluation's do). */
function byTime<P extends RecoveryPoint>(points: readonly P[]): P[] {
  const times = points.map((p) => Date.parse(p.at));
  let ordered = true;
  for (let i = 1; i < times.length && ordered; i++) ordered = (times[i - 1] as number) <= (times[i] as number);
  if (ordered) return [...points];
  // Stable like Array.prototype.sort on the parsed times.
  return points.map((_, i) => i).sort((a, b) => (times[a] as number) - (times[b] as number)).map((i) => points[i] as P);
}

/**
 * State machine over the tested points (any order; sorted here by time).
 * - A dip or severe point counts even when provisional: complaints and unsubscribes only ever grow, so a
 *   provisional dip can only get worse.
 * - A provisional ok point does not count (docs/statistics.md: it never counts towards recovery), so it is skipped.
 * - insufficient_data: the baseline had < 5 observations, or nothing has been tested yet (no evidence).
 * - unaffected: no dip. degraded: the latest counted point is a dip. recovering: a dip, then 1–2 ok points.
 * - recovered: RECOVERY_RUN consecutive ok points after the last dip; recovered_at is the first of them.
 */
export function seriesRecovery(points: readonly RecoveryPoint[], occurredAt: string, sufficientBaseline: boolean): SeriesRecovery {
  const sorted = byTime(points);
  const dips = sorted.filter((p) => p.verdict !== 'ok');
  const firstDipAt = dips[0]?.at ?? null;
  const none = { first_dip_at: firstDipAt, recovered_at: null, time_to_recover_hours: null };
  if (!sufficientBaseline || sorted.length === 0) return { status: 'insufficient_data', ...none };
  const counted = sorted.filter((p) => p.verdict !== 'ok' || !p.provisional);
  let lastDip = -1;
  for (let i = counted.length - 1; i >= 0; i--) {
    if (counted[i]?.verdict !== 'ok') {
      lastDip = i;
      break;
    }
  }
  if (lastDip < 0) return { status: 'unaffected', ...none };
  const okAfter = counted.length - 1 - lastDip;
  if (okAfter === 0) return { status: 'degraded', ...none };
  if (okAfter < RECOVERY_RUN) return { status: 'recovering', ...none };
  const recoveredAt = counted[lastDip + 1]?.at ?? null;
  if (recoveredAt === null) return { status: 'recovering', ...none };
  const hours = (Date.parse(recoveredAt) - Date.parse(occurredAt)) / HOUR_MS;
  return { status: 'recovered', first_dip_at: firstDipAt, recovered_at: recoveredAt, time_to_recover_hours: hours };
}

// Incident status is the worst of its series (docs/statistics.md: degraded > recovering > recovered > unaffected).
// insufficient_data ranks below unaffected: a series without a baseline carries no evidence either way. An
// incident with no series, or only insufficient_data series, is `insufficient_data` — we cannot say it is
// unaffected when nothing could be measured.
const SEVERITY_ORDER: Readonly<Record<SeriesStatus, number>> = {
  insufficient_data: 0,
  unaffected: 1,
  recovered: 2,
  recovering: 3,
  degraded: 4,
};

export function incidentStatus(statuses: readonly SeriesStatus[]): IncidentStatus {
  let worst: SeriesStatus = 'insufficient_data';
  for (const s of statuses) if (SEVERITY_ORDER[s] > SEVERITY_ORDER[worst]) worst = s;
  return worst;
}
