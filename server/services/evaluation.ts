// One incident's evaluation from the store's data (docs/statistics.md): what the recovery answer, the evaluation
// run, the watch's suspects and the weekly report all compute. Its own file so that the recovery use cases and the
// watch both depend on it rather than on each other.
import { coversAllStreams } from '#shared/kinds.ts';
import type { Incident } from '#shared/schema/incidents.ts';
import type { Evaluation } from '#shared/schema/recovery.ts';
import { evaluateIncident } from '#shared/stats/evaluate.ts';
import type { Services } from '../context.ts';
import { sendsInScope, seedTestsInScope } from '../store/observations.ts';
import { reputationInScope } from '../store/reputation.ts';
import { buildSeries } from './series.ts';

const DAY_MS = 86_400_000;

/** What an evaluation needs of an incident (the watch evaluates a suspect's series the same way: docs/watch.md). */
export type EvaluationScope = Pick<Incident, 'occurred_at' | 'baseline_days' | 'monitor_days' | 'streams' | 'providers'>;

/**
 * The evaluation of an incident as of `asOf`, from the store's data, without saving it: the weekly report uses it
 * to say what was true at the end of a past week.
 */
export async function computeEvaluation(s: Services, incident: EvaluationScope, asOf: Date): Promise<Evaluation> {
  const occurred = Date.parse(incident.occurred_at);
  // "*": every stream with observations in the windows, and every reputation subject.
  const all = coversAllStreams(incident.streams);
  const scope = {
    streams: all ? null : incident.streams,
    providers: incident.providers,
    from: new Date(occurred - incident.baseline_days * DAY_MS).toISOString(),
    to: new Date(Math.min(occurred + incident.monitor_days * DAY_MS, asOf.getTime())).toISOString(),
  };
  // Reputation rows are per domain or IP: the incident's streams and the IPs SNDS_IP_STREAMS maps to them.
  const ipStreams = s.config.sources.sndsIpStreams;
  const subjects = all ? null : [...incident.streams, ...Object.keys(ipStreams).filter((ip) => incident.streams.includes(ipStreams[ip] ?? ''))];
  const [sends, seeds, reputation] = await Promise.all([
    sendsInScope(s.db, scope), seedTestsInScope(s.db, scope), reputationInScope(s.db, { subjects, from: scope.from, to: scope.to }),
  ]);
  return evaluateIncident({
    occurred_at: incident.occurred_at,
    baseline_days: incident.baseline_days,
    monitor_days: incident.monitor_days,
    series: buildSeries(sends, seeds, reputation, { streams: incident.streams, providers: incident.providers, ipStreams }),
    now: asOf,
  });
}
