// The watch (docs/watch.md): on every evaluation run, every stream × provider × metric against its own trailing
// baseline (shared/watch/evaluate.ts), its unexplained dips grouped into suspects (shared/watch/group.ts) and
// matched to the suspects already stored (shared/watch/reconcile.ts), in one transaction with the run's record.
import type { Incident } from '#shared/schema/incidents.ts';
import type { RecoverySeries } from '#shared/schema/recovery.ts';
import type { Suspect, WatchRun } from '#shared/schema/suspects.ts';
import { watchEvaluate, type DeclaredWindow } from '#shared/watch/evaluate.ts';
import { continueGroup, groupDips, memberKey, type SuspectGroup } from '#shared/watch/group.ts';
import { reconcile } from '#shared/watch/reconcile.ts';
import type { WatchSettings } from '#shared/watch/settings.ts';
import { ALL_STREAMS } from '#shared/kinds.ts';
import type { Services } from '../context.ts';
import { listIncidents } from '../store/incidents.ts';
import { sendsInScope, seedTestsInScope } from '../store/observations.ts';
import { reputationInScope } from '../store/reputation.ts';
import { getSuspect, insertSuspect, knownSuspects, openSuspectIds, saveEvidence, saveWatchRun, streamsOnlyFrom, updateSuspect } from '../store/suspects.ts';
import { DEMO_SOURCE_PREFIX } from './demo-names.ts';
import { buildSeries } from './series.ts';
import { computeEvaluation } from './evaluation.ts';
import { isProvider } from '#shared/providers.ts';
import { runAlerts, type AlertRunSummary } from '../alerts/run.ts';
import { incidentStatus } from '#shared/stats/recovery.ts';

const HOUR_MS = 3_600_000;
// Every incident the store holds, as the evaluation run lists them: more than any team declares.
const ALL_INCIDENTS = 100_000;

export interface WatchRunSummary {
  run: WatchRun;
  /** Ids of the suspects this run raised. */
  raised: string[];
  /** Every open suspect after the run, with the evidence this run gave it (what the alert rules look at). */
  open: Suspect[];
  /** What the alert rules made of the open suspects' evidence. */
  alerts: AlertRunSummary;
}

const declaredWindow = (i: Incident): DeclaredWindow => ({ streams: i.streams, providers: i.providers, occurred_at: i.occurred_at, monitor_days: i.monitor_days });

/** The watch's evaluation of the store as of `now`: every series, and the run's figures. Reads only. */
export async function watchStore(s: Services, settings: WatchSettings, now: Date) {
  const to = now.toISOString();
  const baselineFrom = new Date(now.getTime() - settings.windowHours * HOUR_MS - settings.baselineDays * 86_400_000).toISOString();
  const scope = { streams: null, providers: null, from: baselineFrom, to };
  const [sends, seeds, reputation, incidents] = await Promise.all([
    sendsInScope(s.db, scope), seedTestsInScope(s.db, scope), reputationInScope(s.db, { subjects: null, from: baselineFrom, to }),
    listIncidents(s.db, { limit: ALL_INCIDENTS }),
  ]);
  const series = buildSeries(sends, seeds, reputation, { streams: [ALL_STREAMS], providers: null, ipStreams: s.config.sources.sndsIpStreams });
  return watchEvaluate({ series, incidents: incidents.map(declaredWindow), now, settings });
}

const DAY_MS = 86_400_000;

/**
 * An open suspect's evidence as the incident it would be: its member series evaluated from the first dip to now
 * against the baseline before it — what declaring it would show — so its charts tell the whole story since the first
 * dip, its series have a status (degraded, recovering, recovered), and its alerts resolve as an incident's do (the
 * run's window alone is too short to hold three mature observations of complaints). Stored with the suspect.
 */
async function sinceFirstDip(s: Services, sus: Suspect, settings: WatchSettings, now: Date): Promise<Suspect> {
  const days = Math.max(1, Math.ceil((now.getTime() - Date.parse(sus.first_seen_at)) / DAY_MS));
  const providers = sus.providers.filter(isProvider);
  const evaluation = await computeEvaluation(s, {
    occurred_at: sus.first_seen_at, baseline_days: settings.baselineDays, monitor_days: days, streams: sus.streams,
    providers: providers.length > 0 ? providers : null,
  }, now);
  const members = new Set(sus.evidence.map(memberKey));
  const evidence = evaluation.series.filter((e) => members.has(memberKey(e)));
  if (evidence.length === 0) return sus;
  await s.db.transaction((tx) => saveEvidence(tx, sus.id, evidence));
  return { ...sus, evidence };
}

/**
 * One run of the watch: evaluates, groups, and stores what it found — new suspects, the suspects it continues
 * (a dismissed or declared one keeps its status; its dips just stay attached to it), fresh evidence for every open
 * one — and its own record.
 */
export async function watchRun(s: Services, settings: WatchSettings): Promise<WatchRunSummary> {
  const now = s.now();
  const result = await watchStore(s, settings, now);
  const groups = groupDips(result.series, settings.groupHours);
  const current = new Map<string, RecoverySeries>(result.series.map((r) => [memberKey(r), r]));
  const since = new Date(Date.parse(result.from) - settings.groupHours * HOUR_MS).toISOString();
  const known = await knownSuspects(s.db, since);
  const matched = reconcile(known, groups, settings.groupHours);
  const continuing = new Map<string, SuspectGroup[]>();
  const fresh: SuspectGroup[] = [];
  for (const m of matched) {
    if (m.suspect) continuing.set(m.suspect.id, [...(continuing.get(m.suspect.id) ?? []), m.group]);
    else fresh.push(m.group);
  }
  // Open suspects get this run's evidence whether or not they dipped again: their charts show the way back, and
  // the alert rules resolve on it.
  const openIds = new Set([...(await openSuspectIds(s.db)), ...continuing.keys()]);
  const stamp = now.toISOString();
  const run: WatchRun = {
    evaluated_at: result.evaluated_at, from: result.from, to: result.to, baseline_from: result.baseline_from,
    watched: result.watched, tested: result.tested, dipped: groups.reduce((n, g) => n + g.members.length, 0),
  };
  const raised = await s.db.transaction(async (tx) => {
    for (const id of openIds) {
      const stored = await getSuspect(tx, id);
      if (!stored) continue;
      const members = stored.evidence.map(memberKey);
      const next = continueGroup({ ...stored, members }, continuing.get(id) ?? [], stored.status === 'open' ? current : new Map());
      // A declared or dismissed suspect is not reopened or re-described: it only keeps the dips that continue it.
      if (stored.status === 'open') await updateSuspect(tx, id, next, stamp);
      else await updateSuspect(tx, id, { ...stored, last_seen_at: next.last_seen_at, members }, stamp);
    }
    const ids: string[] = [];
    for (const g of fresh) ids.push(await insertSuspect(tx, g, stamp));
    await saveWatchRun(tx, run);
    return ids;
  });
  const open: Suspect[] = [];
  for (const id of new Set([...openIds, ...raised])) {
    const sus = await getSuspect(s.db, id);
    if (sus?.status === 'open') open.push(await sinceFirstDip(s, sus, settings, now));
  }
  // A suspect alerts through the alert rules like an incident's dip: the same state machine per rule × series,
  // keyed by the suspect's id, the same outbox. Once declared or dismissed it stops (the incident alerts instead).
  const alerts: AlertRunSummary = { notifications: 0, emails: 0, posts: 0, unaddressed: 0 };
  // Demo data must never page anyone: a suspect whose every stream holds only the demo's data stays quiet.
  const demoStreams = open.length > 0 ? await streamsOnlyFrom(s.db, DEMO_SOURCE_PREFIX, result.baseline_from) : new Set<string>();
  for (const sus of open) {
    const demo = sus.streams.every((st) => demoStreams.has(st));
    const a = await runAlerts(s, { id: sus.id, title: `Suspected: ${sus.summary}`, demo, subject: 'suspect' },
      { status: incidentStatus(sus.evidence.map((e) => e.status)), evaluated_at: run.evaluated_at, series: sus.evidence });
    alerts.notifications += a.notifications;
    alerts.emails += a.emails;
    alerts.posts += a.posts;
    alerts.unaddressed += a.unaddressed;
  }
  return { run, raised, open, alerts };
}
