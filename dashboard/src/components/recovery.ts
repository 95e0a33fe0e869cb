// What the list and header say about a recovery: the worst series right now and the overall time to recover.
import { METRICS } from '#shared/metrics.ts';
import type { RecoverySeries } from '#shared/schema/recovery.ts';
import type { RecoveryResponse } from '../api/hooks.ts';
import { STATUS_STYLE, VERDICT_STYLE, providerLabel } from './charts/chartConfig.ts';
import { metricValue } from '../format.ts';

const verdictRank = (s: RecoverySeries): number => {
  const last = s.points.at(-1);
  return last ? Object.keys(VERDICT_STYLE).indexOf(last.verdict) : -1;
};

/** The series to look at first: worst status, then the worst latest verdict, then the earliest dip. */
export function worstSeries(series: readonly RecoverySeries[]): RecoverySeries | null {
  const sorted = [...series].sort(
    (a, b) =>
      STATUS_STYLE[b.status].rank - STATUS_STYLE[a.status].rank ||
      verdictRank(b) - verdictRank(a) ||
      (a.first_dip_at ?? '\uffff').localeCompare(b.first_dip_at ?? '\uffff'),
  );
  return sorted[0] ?? null;
}

export function seriesName(s: RecoverySeries): string {
  return `${METRICS[s.metric].label} · ${s.stream} · ${providerLabel(s.provider)}`;
}

/** "0.45% (baseline 0.06%)": the series' latest value against its baseline. */
export function latestVsBaseline(s: RecoverySeries): string {
  const last = s.points.at(-1);
  if (!last) return 'no observations yet';
  return `${metricValue(s.metric, last.value)} (baseline ${metricValue(s.metric, s.baseline.rate)})`;
}

export type OverallRecovery =
  | { kind: 'recovered'; hours: number; at: string }
  | { kind: 'open'; label: string }
  | { kind: 'none'; label: string };

/** The incident has recovered when its worst series has: the last series to recover sets the time. */
export function overallRecovery(r: Pick<RecoveryResponse, 'status' | 'series'>): OverallRecovery {
  if (r.status === 'recovered') {
    let best: { hours: number; at: string } | null = null;
    for (const s of r.series) {
      if (s.time_to_recover_hours !== null && s.recovered_at && (!best || s.time_to_recover_hours > best.hours)) {
        best = { hours: s.time_to_recover_hours, at: s.recovered_at };
      }
    }
    if (best) return { kind: 'recovered', ...best };
  }
  if (r.status === 'degraded' || r.status === 'recovering') return { kind: 'open', label: 'not yet recovered' };
  if (r.status === 'unaffected') return { kind: 'none', label: 'no dip found' };
  return { kind: 'none', label: 'not enough baseline data' };
}
