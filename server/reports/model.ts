// The weekly report's model: everything the HTML, CSV and PDF show, computed once (build.ts) and stored as
// JSON, so the three formats of one week always carry the same numbers. Times are RFC 3339 UTC; the `*_label`
// fields are the same times written in the report's zone ("Mon 2 Mar 2026, 08:00 Europe/Berlin").
import type { MetricId } from '#shared/metrics.ts';
import type { ChecklistItem, Incident } from '#shared/schema/incidents.ts';
import type { RecoveryPoint, SeriesStatus } from '#shared/schema/recovery.ts';

export const REPORT_MODEL_VERSION = 1;

export interface ReportSeries {
  metric: MetricId;
  label: string;
  stream: string;
  provider: string;
  /** Status at the end of the week (or now, for a week not over yet). */
  status: SeriesStatus;
  baseline: { rate: number | null; lower: number | null; upper: number | null; observations: number };
  /** The week's observations pooled: rates Σ numerators / Σ denominators; other metrics see build.ts. */
  week: { observations: number; numerator: number | null; denominator: number | null; value: number | null };
  /** (week − baseline) / baseline; null without both. Positive is higher, whichever way is worse. */
  change: number | null;
  /** Observations of the week with a dip or severe verdict, and of those the severe ones. */
  dips: number;
  severe: number;
  first_dip_at: string | null;
  recovered_at: string | null;
  time_to_recover_hours: number | null;
  /** Every tested observation from the incident to the end of the week: what the chart draws. */
  points: RecoveryPoint[];
}

export interface ReportIncident {
  id: string;
  title: string;
  kind: Incident['kind'];
  severity: Incident['severity'];
  occurred_at: string;
  occurred_label: string;
  contained_label: string | null;
  resolved_at: string | null;
  resolved_label: string | null;
  status: SeriesStatus;
  /** "Recovered after 4 days", "Still degraded after 9 days: …". */
  headline: string;
  /** Whole days from the incident to the end of the week (or now). */
  days_since: number;
  /** The incident's time to recover: its slowest series; null unless every affected series recovered. */
  time_to_recover_hours: number | null;
  checklist: (ChecklistItem & { done_label: string | null })[];
  checklist_done: number;
  demo: boolean;
  series: ReportSeries[];
}

export interface WatchItem { incident_id: string; incident_title: string; metric: MetricId; stream: string; provider: string; status: SeriesStatus; text: string }

export interface ReportModel {
  version: number;
  week: string;
  time_zone: string;
  start: string;
  end: string;
  /** The instant the numbers are as of: the week's end, or the generation time for a week not yet over. */
  as_of: string;
  complete: boolean;
  period_label: string;
  generated_at: string;
  generated_label: string;
  incidents: ReportIncident[];
  watch: WatchItem[];
}

/** Series whose recovery the report shows in detail (tables and charts): every one that dipped at all. */
export function isAffected(s: ReportSeries): boolean {
  return s.status === 'degraded' || s.status === 'recovering' || s.status === 'recovered' || s.dips > 0;
}

// Worst first, for tables and the watch list.
const STATUS_RANK: Readonly<Record<SeriesStatus, number>> = { degraded: 0, recovering: 1, recovered: 2, unaffected: 3, insufficient_data: 4 };
export const byStatus = (a: { status: SeriesStatus }, b: { status: SeriesStatus }): number => STATUS_RANK[a.status] - STATUS_RANK[b.status];
