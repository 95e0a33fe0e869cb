// The weekly report as CSV: one row per incident × series, for spreadsheets and BI tools. RFC 4180 (CRLF line
// ends, quotes doubled), UTF-8 without a BOM; each cell encoded by server/csv-cell.ts (quoted when it holds a
// comma, semicolon, quote or line break; guarded against formula injection).
//
// Columns (stable: new ones are only ever appended):
//   week                  ISO week, e.g. 2026-W09
//   week_start, week_end  the week's bounds [start, end) as RFC 3339 in the report's zone
//   time_zone             the IANA zone of the report
//   incident_id, incident_title, incident_severity
//   incident_status       worst series status at the end of the week
//   occurred_at, resolved_at   RFC 3339 in the report's zone; resolved_at empty while open
//   checklist_done        response checklist items done (six steps plus the kind's own items)
//   metric, stream, provider   the series (metric ids as in docs/statistics.md)
//   series_status         insufficient_data | unaffected | degraded | recovering | recovered
//   baseline_rate, baseline_lower, baseline_upper   the baseline level and its 95% band, fractions (0.003 = 0.3%)
//   baseline_observations
//   week_observations, week_numerator, week_denominator
//   week_rate             rates: week_numerator / week_denominator (pooled); ratios: mean; levels: worst
//   change_relative       (week_rate − baseline_rate) / baseline_rate, a fraction (1.5 = +150%)
//   dips_this_week, severe_this_week   observations of the week with a dip / severe verdict
//   first_dip_at, recovered_at         RFC 3339 in the report's zone, empty when none
//   time_to_recover_hours              recovered_at − occurred_at, empty unless recovered
// Rates are fractions with full precision; an empty cell means "not applicable" (null in the recovery JSON, docs/data-formats.md).
import type { ReportModel } from './model.ts';
import { csvField } from '../csv-cell.ts';
import { isoInZone } from './format.ts';

export const CSV_COLUMNS = [
  'week', 'week_start', 'week_end', 'time_zone', 'incident_id', 'incident_title', 'incident_severity', 'incident_status',
  'occurred_at', 'resolved_at', 'checklist_done', 'metric', 'stream', 'provider', 'series_status',
  'baseline_rate', 'baseline_lower', 'baseline_upper', 'baseline_observations',
  'week_observations', 'week_numerator', 'week_denominator', 'week_rate', 'change_relative',
  'dips_this_week', 'severe_this_week', 'first_dip_at', 'recovered_at', 'time_to_recover_hours',
] as const;
export type CsvColumn = (typeof CSV_COLUMNS)[number];
type Cell = string | number | null;

export function reportRows(m: ReportModel): Record<CsvColumn, Cell>[] {
  const tz = m.time_zone;
  const at = (iso: string | null): string | null => (iso === null ? null : isoInZone(new Date(iso), tz));
  return m.incidents.flatMap((i) => i.series.map((s) => ({
    week: m.week, week_start: at(m.start), week_end: at(m.end), time_zone: tz,
    incident_id: i.id, incident_title: i.title, incident_severity: i.severity, incident_status: i.status,
    occurred_at: at(i.occurred_at), resolved_at: at(i.resolved_at), checklist_done: i.checklist_done,
    metric: s.metric, stream: s.stream, provider: s.provider, series_status: s.status,
    baseline_rate: s.baseline.rate, baseline_lower: s.baseline.lower, baseline_upper: s.baseline.upper,
    baseline_observations: s.baseline.observations,
    week_observations: s.week.observations, week_numerator: s.week.numerator, week_denominator: s.week.denominator,
    week_rate: s.week.value, change_relative: s.change,
    dips_this_week: s.dips, severe_this_week: s.severe,
    first_dip_at: at(s.first_dip_at), recovered_at: at(s.recovered_at), time_to_recover_hours: s.time_to_recover_hours,
  })));
}

export function renderCsv(m: ReportModel): string {
  const lines = [CSV_COLUMNS.join(',')];
  for (const row of reportRows(m)) lines.push(CSV_COLUMNS.map((c) => csvField(row[c])).join(','));
  return `${lines.join('\r\n')}\r\n`;
}
