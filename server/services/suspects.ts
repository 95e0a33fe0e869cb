// Suspect use cases shared by the API and the CLI (docs/watch.md): list, show, declare (through the incidents
// service, so a declared suspect is an incident like any other) and dismiss (who and why).
import { incidentCreate, type Incident } from '#shared/schema/incidents.ts';
import type { Suspect, SuspectDeclare, SuspectDismiss, SuspectList, SuspectStatus } from '#shared/schema/suspects.ts';
import { isProvider, type Provider } from '#shared/providers.ts';
import type { Services } from '../context.ts';
import { ApiError, parseWith } from '../errors.ts';
import { getSuspect, lastWatchRun, listSuspects, markDeclared, markDismissed } from '../store/suspects.ts';
import { changeIncident, createIncident } from './incidents.ts';

/** The tables a suspects answer is read from: the read cache keys it by their versions. */
export { SUSPECT_INPUTS } from '../store/suspects.ts';

// Incident titles are at most 200 characters (shared/schema/incidents.ts).
const TITLE_MAX = 200;
const SUSPECTED = 'Suspected: ';

export async function suspectsOf(s: Services, f: { status?: SuspectStatus; limit?: number } = {}): Promise<SuspectList> {
  const [suspects, last_run] = await Promise.all([listSuspects(s.db, f), lastWatchRun(s.db)]);
  return { suspects, last_run };
}

export async function showSuspect(s: Services, id: string): Promise<Suspect> {
  const found = await getSuspect(s.db, id);
  if (!found) throw new ApiError('not_found', `no suspect ${id}`, { field: 'id' });
  return found;
}

function stillOpen(sus: Suspect): void {
  if (sus.status === 'open') return;
  const what = sus.status === 'declared' ? `was declared as incident ${sus.incident_id ?? ''}`.trim() : `was dismissed by ${sus.dismissed?.by ?? 'someone'}`;
  throw new ApiError('conflict', `suspect ${sus.id} ${what}; only an open suspect can be declared or dismissed`, { field: 'id' });
}

// Declaring writes two things (the incident, then the suspect's status) through two services; one declaration at a
// time in this process, so two clicks on "Declare" cannot make two incidents of one suspect.
let declaring: Promise<unknown> = Promise.resolve();

/**
 * Turns an open suspect into an incident: occurred_at its first dip, its streams and providers, the watch's
 * baseline length; the incident's checklist starts with its owner on "Own the problem" when one is named.
 */
export function declareSuspect(s: Services, id: string, input: SuspectDeclare): Promise<{ suspect: Suspect; incident: Incident }> {
  const work = async () => {
    const sus = await showSuspect(s, id);
    stillOpen(sus);
    const severe = sus.evidence.some((e) => e.points.some((p) => p.verdict === 'severe'));
    const providers = sus.providers.filter(isProvider) as Provider[];
    const title = input.title ?? `${SUSPECTED}${sus.summary}`.slice(0, TITLE_MAX);
    let incident = await createIncident(s.db, parseWith(incidentCreate, {
      title,
      kind: input.kind ?? 'other',
      severity: input.severity ?? (severe ? 'high' : 'medium'),
      occurred_at: sus.first_seen_at,
      streams: sus.streams,
      ...(providers.length > 0 ? { providers } : {}),
      ...(s.config.watch ? { baseline_days: s.config.watch.baselineDays } : {}),
      notes: input.notes ?? `Declared from suspect ${sus.id}: ${sus.summary}.`,
    }));
    if (input.owner) incident = await changeIncident(s.db, incident.id, { checklist: [{ step: 'own_the_problem', owner: input.owner }] });
    const marked = await s.db.transaction((tx) => markDeclared(tx, id, incident.id, s.now().toISOString()));
    if (!marked) throw new ApiError('conflict', `suspect ${id} changed while it was being declared; incident ${incident.id} was created`, { field: 'id' });
    return { suspect: await showSuspect(s, id), incident };
  };
  const next = declaring.then(work, work);
  declaring = next.catch(() => undefined);
  return next;
}

export async function dismissSuspect(s: Services, id: string, input: SuspectDismiss): Promise<Suspect> {
  const sus = await showSuspect(s, id);
  stillOpen(sus);
  const done = await s.db.transaction((tx) => markDismissed(tx, id, input.by, input.reason, s.now().toISOString()));
  if (!done) stillOpen(await showSuspect(s, id));
  return showSuspect(s, id);
}
