// The alert state machine of one rule × series, as a pure function of the series' points (docs/alerts.md):
// nothing → pending → firing → resolved, with hysteresis so one good send does not resolve a firing alert.
import { METRICS } from '#shared/metrics.ts';
import type { AlertRule, AlertState, NotificationKind } from '#shared/schema/alerts.ts';
import type { RecoveryPoint, RecoverySeries } from '#shared/schema/recovery.ts';

// A firing alert resolves after three consecutive mature good observations — the same evidence docs/statistics.md asks
// before it calls a series recovered, so an alert never resolves while its series is still "recovering".
export const RESOLVE_AFTER_OK = 3;
const HOUR_MS = 3_600_000;

export function inScope(rule: AlertRule, series: Pick<RecoverySeries, 'metric' | 'stream' | 'provider'>): boolean {
  return (
    rule.enabled &&
    (rule.metric === null || rule.metric === series.metric) &&
    (rule.streams === null || rule.streams.includes(series.stream)) &&
    (rule.providers === null || rule.providers.includes(series.provider))
  );
}

/** Does this observation meet the rule's condition? Threshold comparisons are inclusive (docs/statistics.md: "≥ 0.3%"). */
export function holds(rule: AlertRule, metric: RecoverySeries['metric'], p: RecoveryPoint): boolean {
  if (rule.condition === 'dip') return p.verdict !== 'ok';
  if (rule.condition === 'severe') return p.verdict === 'severe';
  if (rule.threshold === null) return false;
  return METRICS[metric].worse === 'higher' ? p.value >= rule.threshold : p.value <= rule.threshold;
}

export interface Desired {
  state: AlertState | null;
  /** The first point of the current bad run (when firing or pending), else the latest point. */
  anchor: RecoveryPoint | null;
  /** The latest point that met the condition. */
  latestBad: RecoveryPoint | null;
}

/**
 * Where the state machine should stand given every point so far. A provisional point that meets the condition
 * counts (complaints only grow, so a provisional crossing is real); a provisional good point does not count
 * towards resolution, since its numerator may still grow.
 */
export function desiredState(rule: AlertRule, series: RecoverySeries, previous: AlertState | null): Desired {
  const pts = [...series.points].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  let end = pts.length;
  while (end > 0 && pts[end - 1]?.provisional && !holds(rule, series.metric, pts[end - 1] as RecoveryPoint)) end--;
  let bad = 0;
  while (bad < end && holds(rule, series.metric, pts[end - 1 - bad] as RecoveryPoint)) bad++;
  let ok = 0;
  while (ok < end && !holds(rule, series.metric, pts[end - 1 - ok] as RecoveryPoint)) ok++;
  const latestBad = [...pts].reverse().find((p) => holds(rule, series.metric, p)) ?? null;
  const anchor = bad > 0 ? (pts[end - bad] ?? null) : (pts[end - 1] ?? null);
  if (bad >= rule.consecutive) return { state: 'firing', anchor, latestBad };
  if (previous === 'firing') return { state: ok >= RESOLVE_AFTER_OK ? 'resolved' : 'firing', anchor: ok >= RESOLVE_AFTER_OK ? (pts[end - ok] ?? null) : anchor, latestBad };
  if (bad > 0) return { state: 'pending', anchor, latestBad };
  return { state: previous === 'resolved' ? 'resolved' : null, anchor, latestBad };
}

/** The notification a move from `previous` to `next` owes, if any. */
export function notificationFor(
  previous: { state: AlertState; last_notified_at: string | null } | null,
  next: AlertState | null,
  repeatHours: number,
  now: Date,
): NotificationKind | null {
  const was = previous?.state ?? null;
  if (next === 'firing' && was !== 'firing') return 'firing';
  if (next === 'resolved' && was === 'firing') return 'resolved';
  if (next === 'firing' && was === 'firing') {
    const last = previous?.last_notified_at ? Date.parse(previous.last_notified_at) : 0;
    if (now.getTime() - last >= repeatHours * HOUR_MS) return 'reminder';
  }
  return null;
}
