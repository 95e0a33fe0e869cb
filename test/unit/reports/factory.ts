// Hand-made report models for the unit tests: small, with every field set, so a test changes only what it is about.
import type { ReportIncident, ReportModel, ReportSeries } from '../../../server/reports/model.ts';
import { RESPONSE_STEPS } from '#shared/schema/incidents.ts';
import type { RecoveryPoint } from '#shared/schema/recovery.ts';

export function point(at: string, value: number, over: Partial<RecoveryPoint> = {}): RecoveryPoint {
  return {
    send_id: `s-${at}`, at, numerator: Math.round(value * 10_000), denominator: 10_000, value, lower: 0.0004, upper: 0.0009,
    p_value: 0.5, q_value: 0.5, verdict: 'ok', provisional: false, ...over,
  };
}

export function series(over: Partial<ReportSeries> = {}): ReportSeries {
  return {
    metric: 'complaint_rate', label: 'Complaint rate', stream: 'promo', provider: 'gmail', status: 'degraded',
    baseline: { rate: 0.0006, lower: 0.0004, upper: 0.0009, observations: 28 },
    week: { observations: 2, numerator: 60, denominator: 20_000, value: 0.003 },
    change: 4, dips: 2, severe: 1, first_dip_at: '2026-03-02T09:00:00.000Z', recovered_at: null, time_to_recover_hours: null,
    points: [
      point('2026-03-02T09:00:00.000Z', 0.004, { verdict: 'severe' }),
      point('2026-03-03T09:00:00.000Z', 0.002, { verdict: 'dip', provisional: true }),
    ],
    ...over,
  };
}

export function incident(over: Partial<ReportIncident> = {}): ReportIncident {
  return {
    id: 'inc-1', title: 'Promo to the old list', kind: 'suppression_list_send', severity: 'high',
    occurred_at: '2026-03-02T08:00:00.000Z', occurred_label: 'Mon 2 Mar 2026, 09:00 Europe/Berlin', contained_label: null,
    resolved_at: null, resolved_label: null, status: 'degraded', headline: 'Still degraded after 1 day: Complaint rate at Gmail (promo)',
    days_since: 1, time_to_recover_hours: null,
    checklist: RESPONSE_STEPS.map((s, i) => ({ ...s, kind_specific: false, due_at: null, owner: i === 0 ? 'ana' : null, done_at: i === 0 ? '2026-03-02T10:00:00.000Z' : null, done_label: i === 0 ? 'Mon 2 Mar 2026' : null })),
    checklist_done: 1, demo: false, series: [series()], ...over,
  };
}

export function model(over: Partial<ReportModel> = {}): ReportModel {
  return {
    version: 1, week: '2026-W10', time_zone: 'Europe/Berlin', start: '2026-03-01T23:00:00.000Z', end: '2026-03-08T23:00:00.000Z',
    as_of: '2026-03-08T22:59:59.999Z', complete: true, period_label: 'Mon 2 Mar 2026 – Sun 8 Mar 2026 (Europe/Berlin)',
    generated_at: '2026-03-09T07:00:00.000Z', generated_label: 'Mon 9 Mar 2026, 08:00 Europe/Berlin',
    incidents: [incident()], watch: [], ...over,
  };
}
