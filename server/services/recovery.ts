// The recovery evaluation use cases: evaluate one incident now, evaluate every incident that is due, and read
// the recovery JSON (docs/data-formats.md) (incident + stored evaluation).
import type { Incident } from '#shared/schema/incidents.ts';
import type { Evaluation } from '#shared/schema/recovery.ts';
import type { Services } from '../context.ts';
import { loadEvaluation, saveEvaluation } from '../store/evaluations.ts';
import { lastDataChange } from '../store/ingest-runs.ts';
import { listIncidents } from '../store/incidents.ts';
import { runAlerts } from '../alerts/run.ts';
import { deliverDue, type DeliveryResult } from '../notify/outbox.ts';
import { computeEvaluation } from './evaluation.ts';
import { showIncident } from './incidents.ts';
import type { WatchRun } from '#shared/schema/suspects.ts';
import { watchRun } from './watch.ts';

const DAY_MS = 86_400_000;

export type Recovery = { incident: Incident } & Evaluation;

/** Evaluates now and stores the result as the incident's current evaluation. */
export async function evaluateOne(s: Services, incident: Incident): Promise<Evaluation> {
  const result = await computeEvaluation(s, incident, s.now());
  await saveEvaluation(s.db, incident.id, result);
  return result;
}

/** Open incidents, and resolved ones still inside their monitoring window, are evaluated on each run. */
export function isDue(incident: Incident, now: Date): boolean {
  const windowEnd = Date.parse(incident.occurred_at) + incident.monitor_days * DAY_MS;
  return incident.resolved_at === null || now.getTime() <= windowEnd;
}

export interface EvaluateRunSummary {
  evaluated: { id: string; status: string }[];
  failed: { id: string; error: string }[];
  alerts: { notifications: number; emails: number; posts: number; unaddressed: number };
  /** The watch over every stream (docs/watch.md); null when it is off or the run named one incident. */
  watch: (WatchRun & { raised: string[]; open: string[] }) | null;
  /** Why the watch failed, when it did (the incidents' evaluations stand). */
  watchError: string | null;
  delivery: DeliveryResult;
}

export async function evaluateDue(s: Services, only?: string): Promise<EvaluateRunSummary> {
  const now = s.now();
  const incidents = only ? [await showIncident(s.db, only)] : (await listIncidents(s.db, { limit: 10_000 })).filter((i) => isDue(i, now));
  const summary: EvaluateRunSummary = {
    evaluated: [], failed: [], alerts: { notifications: 0, emails: 0, posts: 0, unaddressed: 0 }, watch: null, watchError: null,
    delivery: { sent: 0, retrying: 0, failed: 0 },
  };
  for (const incident of incidents) {
    try {
      const e = await evaluateOne(s, incident);
      summary.evaluated.push({ id: incident.id, status: e.status });
      // The rules run after every evaluation (docs/alerts.md), so the CLI and the scheduler alert alike.
      const a = await runAlerts(s, incident, e);
      summary.alerts.notifications += a.notifications;
      summary.alerts.emails += a.emails;
      summary.alerts.posts += a.posts;
      summary.alerts.unaddressed += a.unaddressed;
    } catch (err) {
      // One incident's failure must not stop the others; it is reported in the run's summary.
      summary.failed.push({ id: incident.id, error: err instanceof Error ? err.message : String(err) });
    }
  }
  // The watch looks at everything, so a run about one incident (`rebound evaluate --incident`) leaves it alone.
  if (!only && s.config.watch) {
    try {
      const w = await watchRun(s, s.config.watch);
      summary.watch = { ...w.run, raised: w.raised, open: w.open.map((x) => x.id) };
      summary.alerts.notifications += w.alerts.notifications;
      summary.alerts.emails += w.alerts.emails;
      summary.alerts.posts += w.alerts.posts;
      summary.alerts.unaddressed += w.alerts.unaddressed;
    } catch (err) {
      summary.watchError = err instanceof Error ? err.message : String(err);
    }
  }
  // Deliver at once what this run enqueued (and anything still due); failures stay queued for the outbox job.
  summary.delivery = await deliverDue(s);
  return summary;
}

/**
 * Every table the recovery answer is computed from: the incident (its row, checklist steps, named and apology
 * sends), its stored evaluation, the record of data changes that says whether that evaluation is current, and
 * the data a fresh evaluation reads. Annotations and recipient lists are not part of it. The read cache keys the
 * answer by these tables' versions (docs/performance.md).
 */
export const RECOVERY_INPUTS = ['incidents', 'incident_steps', 'incident_sends', 'evaluations', 'evaluation_parts', 'ingest_runs', 'sends', 'seed_tests', 'reputation'] as const;

/**
 * The recovery JSON (docs/data-formats.md): the stored evaluation while it is current, else a fresh one — after an ingest or an
 * edit of the incident a reader should not wait for the next scheduled run to see the new data. A read never
 * writes: the fresh evaluation is stored by the next evaluation run, not here.
 */
export async function recoveryOf(s: Services, id: string): Promise<Recovery> {
  const incident = await showIncident(s.db, id);
  const stored = await loadEvaluation(s.db, id);
  const changed = Math.max(Date.parse(incident.updated_at), Date.parse((await lastDataChange(s.db)) ?? '1970-01-01T00:00:00Z'));
  const evaluation = stored && Date.parse(stored.evaluated_at) >= changed ? stored : await computeEvaluation(s, incident, s.now());
  return { incident, status: evaluation.status, evaluated_at: evaluation.evaluated_at, series: evaluation.series };
}
