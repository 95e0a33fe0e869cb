// Builds the weekly report's model from the store. Each incident is evaluated as of the end of the week (or now,
// for a week not over), without saving: a report of a past week must say what was true then, come out the same
// however often it is regenerated, and must not replace the current evaluation the dashboard shows.
import { METRICS } from '#shared/metrics.ts';
import type { Incident } from '#shared/schema/incidents.ts';
import type { Evaluation, RecoverySeries } from '#shared/schema/recovery.ts';
import { RECOVERY_RUN } from '#shared/stats/recovery.ts';
import type { Services } from '../context.ts';
import { listIncidents } from '../store/incidents.ts';
import { computeEvaluation } from '../services/evaluation.ts';
import { duration } from '#shared/format.ts';
import { dateInZone, formatValue, hoursBetween, providerLabel, timeInZone } from './format.ts';
import { byStatus, isAffected, REPORT_MODEL_VERSION, type ReportIncident, type ReportModel, type ReportSeries, type WatchItem } from './model.ts';
import type { WeekBounds } from '#shared/iso-week.ts';

const DAY_MS = 86_400_000;
// docs/reports.md: the report covers incidents open, or resolved in the last four weeks.
export const LOOKBACK_DAYS = 28;
// Headlines name at most this many series; the table lists them all.
const HEADLINE_SERIES = 3;
// Every incident, not a page of them: the report must not drop one silently.
const ALL_INCIDENTS = 100_000;

/** Open at the week's end, or resolved within the four weeks before it; and declared before it ended. */
export function inReport(i: Incident, bounds: WeekBounds): boolean {
  const end = bounds.end.getTime();
  if (Date.parse(i.occurred_at) >= end) return false;
  return i.resolved_at === null || Date.parse(i.resolved_at) >= end - LOOKBACK_DAYS * DAY_MS;
}


/** The week's observations as one number: pooled for rates; the mean for ratios; the worst level for ordinals. */
function pooled(r: RecoverySeries, inWeek: RecoverySeries['points']): ReportSeries['week'] {
  const def = METRICS[r.metric];
  if (inWeek.length === 0) return { observations: 0, numerator: null, denominator: null, value: null };
  if (def.kind === 'rate') {
    const numerator = inWeek.reduce((a, p) => a + (p.numerator ?? 0), 0);
    const denominator = inWeek.reduce((a, p) => a + (p.denominator ?? 0), 0);
    return { observations: inWeek.length, numerator, denominator, value: denominator > 0 ? numerator / denominator : null };
  }
  const values = inWeek.map((p) => p.value);
  const value = def.kind === 'ratio' ? values.reduce((a, v) => a + v, 0) / values.length : def.worse === 'lower' ? Math.min(...values) : Math.max(...values);
  return { observations: inWeek.length, numerator: null, denominator: null, value };
}

export function summarizeSeries(r: RecoverySeries, bounds: WeekBounds): ReportSeries {
  const start = bounds.start.getTime();
  const end = bounds.end.getTime();
  const points = r.points.filter((p) => Date.parse(p.at) < end);
  const inWeek = points.filter((p) => Date.parse(p.at) >= start);
  const week = pooled(r, inWeek);
  const base = r.baseline.rate;
  return {
    metric: r.metric, label: METRICS[r.metric].label, stream: r.stream, provider: r.provider, status: r.status,
    baseline: { rate: base, lower: r.baseline.lower, upper: r.baseline.upper, observations: r.baseline.observations },
    week,
    change: week.value !== null && base !== null && base !== 0 ? (week.value - base) / base : null,
    dips: inWeek.filter((p) => p.verdict !== 'ok').length,
    severe: inWeek.filter((p) => p.verdict === 'severe').length,
    first_dip_at: r.first_dip_at, recovered_at: r.recovered_at, time_to_recover_hours: r.time_to_recover_hours,
    points,
  };
}

const seriesName = (s: ReportSeries): string => `${s.label} at ${providerLabel(s.provider)} (${s.stream})`;
const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

function headline(status: ReportIncident['status'], series: ReportSeries[], days: number, ttr: number | null): string {
  const named = (st: ReportSeries['status']) => {
    const hit = series.filter((s) => s.status === st);
    const more = hit.length > HEADLINE_SERIES ? ` and ${hit.length - HEADLINE_SERIES} more` : '';
    return hit.slice(0, HEADLINE_SERIES).map(seriesName).join('; ') + more;
  };
  switch (status) {
    case 'degraded': return `Still degraded after ${plural(days, 'day')}: ${named('degraded')}`;
    case 'recovering': return `Still recovering after ${plural(days, 'day')}: ${named('recovering')}`;
    case 'recovered': return ttr === null ? 'Recovered' : `Recovered after ${duration(ttr)}`;
    case 'unaffected': return `No dips in ${series.length} series since the incident`;
    default: return 'Not enough baseline data to judge (fewer than 5 observations before the incident)';
  }
}

/** Clean, mature observations since the series' last dip: how far it is along the way to "recovered". */
function cleanSinceLastDip(s: ReportSeries): number {
  let n = 0;
  for (let i = s.points.length - 1; i >= 0; i--) {
    const p = s.points[i];
    if (!p || p.verdict !== 'ok') break;
    if (!p.provisional) n++;
  }
  return n;
}

function watchText(s: ReportSeries): string {
  const numbers = `this week ${formatValue(s.metric, s.week.value)} against a baseline of ${formatValue(s.metric, s.baseline.rate)}`;
  const dips = s.dips > 0 ? `, ${plural(s.dips, 'dip')}` : '';
  const next = s.status === 'degraded'
    ? 'the latest observation is still a dip'
    : `needs ${plural(Math.max(1, RECOVERY_RUN - cleanSinceLastDip(s)), 'more clean observation')} to count as recovered`;
  return `${seriesName(s)}: ${numbers}${dips}; ${next}.`;
}

function incidentReport(i: Incident, e: Evaluation, bounds: WeekBounds, asOf: Date): ReportIncident {
  const tz = bounds.timeZone;
  const series = e.series.map((r) => summarizeSeries(r, bounds)).sort(byStatus);
  const days = Math.max(0, Math.floor(hoursBetween(i.occurred_at, asOf) / 24));
  const recoveredTimes = series.filter(isAffected).map((s) => s.time_to_recover_hours);
  const ttr = e.status === 'recovered' && recoveredTimes.every((h) => h !== null) ? Math.max(...(recoveredTimes as number[])) : null;
  const label = (at: string | null) => (at === null ? null : timeInZone(new Date(at), tz));
  return {
    id: i.id, title: i.title, kind: i.kind, severity: i.severity, occurred_at: i.occurred_at,
    occurred_label: timeInZone(new Date(i.occurred_at), tz), contained_label: label(i.contained_at),
    resolved_at: i.resolved_at, resolved_label: label(i.resolved_at), status: e.status,
    headline: headline(e.status, series, days, ttr), days_since: days, time_to_recover_hours: ttr,
    checklist: i.checklist.map((c) => ({ ...c, done_label: c.done_at === null ? null : dateInZone(new Date(c.done_at), tz) })),
    checklist_done: i.checklist.filter((c) => c.done_at !== null).length,
    demo: i.demo,
    series,
  };
}

export async function buildReport(s: Services, bounds: WeekBounds): Promise<ReportModel> {
  const now = s.now();
  const complete = now.getTime() >= bounds.end.getTime();
  // Observations are kept up to the last millisecond of the week: the end instant is the next week's first.
  const asOf = complete ? new Date(bounds.end.getTime() - 1) : now;
  const incidents = (await listIncidents(s.db, { limit: ALL_INCIDENTS })).filter((i) => inReport(i, bounds));
  const reports: ReportIncident[] = [];
  for (const i of incidents) reports.push(incidentReport(i, await computeEvaluation(s, i, asOf), bounds, asOf));
  const watch: WatchItem[] = reports.flatMap((r) => r.series
    .filter((x) => x.status === 'degraded' || x.status === 'recovering')
    .map((x) => ({ incident_id: r.id, incident_title: r.title, metric: x.metric, stream: x.stream, provider: x.provider, status: x.status, text: watchText(x) })))
    .sort(byStatus);
  const tz = bounds.timeZone;
  const lastDay = new Date(bounds.end.getTime() - 1);
  return {
    version: REPORT_MODEL_VERSION, week: bounds.label, time_zone: tz,
    start: bounds.start.toISOString(), end: bounds.end.toISOString(), as_of: asOf.toISOString(), complete,
    period_label: `${dateInZone(bounds.start, tz)} – ${dateInZone(lastDay, tz)} (${tz})`,
    generated_at: now.toISOString(), generated_label: timeInZone(now, tz),
    incidents: reports, watch,
  };
}
