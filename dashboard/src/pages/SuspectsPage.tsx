// Suspected incidents (docs/watch.md): dips no declared incident explains, found by the watch on every evaluation
// run. Each suspect: its sentence, where and since when, its evidence charts, and for editors the two answers —
// declare it as an incident (then open it) or dismiss it saying who and why. Refreshed by the live stream.
import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { INCIDENT_KINDS } from '#shared/schema/incidents.ts';
import type { Suspect } from '#shared/schema/suspects.ts';
import { metricLabel, providerName } from '#shared/format.ts';
import { declareSuspect, dismissSuspect, useSuspectsQuery } from '../api/suspects.ts';
import { groupSeries } from '../components/charts/groups.ts';
import { SmallMultiples } from '../components/charts/SmallMultiples.tsx';
import { Empty, ErrorBox, Loading } from '../components/States.tsx';
import { dateTime, humanize } from '../format.ts';
import { Link, navigate } from '../router.tsx';
import { useSession } from '../session.tsx';
import { useMediaQuery } from '../useMediaQuery.ts';
import { messageOf, useSubmit } from '../useSubmit.ts';

const NARROW_QUERY = '(max-width: 900px)';
const NO_ANNOTATIONS = [] as const;

const STATUS_TONE: Record<Suspect['status'], string> = { open: 'tone-bad', declared: 'tone-warn', dismissed: 'tone-none' };

function StatusLine({ s }: { s: Suspect }) {
  if (s.status === 'declared') return <p>Declared as incident {s.incident_id ? <Link to={`/incidents/${encodeURIComponent(s.incident_id)}`}>{s.incident_id}</Link> : null} on {dateTime(s.declared_at)}.</p>;
  if (s.status === 'dismissed' && s.dismissed) return <p>Dismissed by {s.dismissed.by} on {dateTime(s.dismissed.at)}: “{s.dismissed.reason}”</p>;
  return null;
}

function DeclareForm({ s, onDone }: { s: Suspect; onDone: () => void }) {
  const [kind, setKind] = useState<(typeof INCIDENT_KINDS)[number]>('other');
  // The button that opened the form is gone: focus moves into the form, so a keyboard user is where they acted.
  const first = useRef<HTMLSelectElement>(null);
  useEffect(() => first.current?.focus(), []);
  const [owner, setOwner] = useState('');
  const { busy, error, run } = useSubmit<string | null>(null, messageOf);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void run(async () => {
      const { incident } = await declareSuspect(s.id, { kind, ...(owner.trim() ? { owner: owner.trim() } : {}) });
      onDone();
      navigate(`/incidents/${encodeURIComponent(incident.id)}`);
    });
  };
  return (
    <form className="form subpanel" onSubmit={submit} aria-label={`Declare ${s.id} as an incident`}>
      <p className="help">The incident starts at the first dip ({dateTime(s.first_seen_at)}) on {s.streams.join(', ')} at {s.providers.map(providerName).join(', ')}.</p>
      <div className="field-row">
        <div className="field">
          <label htmlFor={`${s.id}-kind`}>Kind</label>
          <select ref={first} id={`${s.id}-kind`} value={kind} onChange={(e) => setKind(e.target.value as (typeof INCIDENT_KINDS)[number])}>
            {INCIDENT_KINDS.map((k) => <option key={k} value={k}>{humanize(k)}</option>)}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${s.id}-owner`}>Owner (optional)</label>
          <input id={`${s.id}-owner`} value={owner} onChange={(e) => setOwner(e.target.value)} autoComplete="name" />
        </div>
      </div>
      <div className="actions">
        <button type="submit" className="primary" disabled={busy}>{busy ? 'Declaring…' : 'Declare incident'}</button>
        <button type="button" className="link-button" onClick={onDone}>Cancel</button>
      </div>
      {error && <p className="field-error" role="alert">{error}</p>}
    </form>
  );
}

function DismissForm({ s, onDone }: { s: Suspect; onDone: () => void }) {
  const [by, setBy] = useState('');
  const first = useRef<HTMLInputElement>(null);
  useEffect(() => first.current?.focus(), []);
  const [reason, setReason] = useState('');
  const { busy, error, run } = useSubmit<string | null>(null, messageOf);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void run(async () => {
      await dismissSuspect(s.id, { by, reason });
      onDone();
    });
  };
  return (
    <form className="form subpanel" onSubmit={submit} aria-label={`Dismiss ${s.id}`}>
      <div className="field-row">
        <div className="field">
          <label htmlFor={`${s.id}-by`}>Your name</label>
          <input ref={first} id={`${s.id}-by`} value={by} onChange={(e) => setBy(e.target.value)} required autoComplete="name" />
        </div>
        <div className="field">
          <label htmlFor={`${s.id}-reason`}>Why it is not an incident</label>
          <input id={`${s.id}-reason`} value={reason} onChange={(e) => setReason(e.target.value)} required placeholder="e.g. planned IP warm-up" />
        </div>
      </div>
      <div className="actions">
        <button type="submit" disabled={busy}>{busy ? 'Dismissing…' : 'Dismiss suspect'}</button>
        <button type="button" className="link-button" onClick={onDone}>Cancel</button>
      </div>
      {error && <p className="field-error" role="alert">{error}</p>}
    </form>
  );
}

function SuspectCard({ s, canEdit, compact, focused }: { s: Suspect; canEdit: boolean; compact: boolean; focused: boolean }) {
  const [action, setAction] = useState<'declare' | 'dismiss' | null>(null);
  const groups = useMemo(() => groupSeries(s.evidence, 'provider'), [s.evidence]);
  const titleId = `${s.id}-title`;
  useEffect(() => {
    if (focused) document.getElementById(s.id)?.scrollIntoView();
  }, [focused, s.id]);
  return (
    <article className="panel suspect" id={s.id} aria-labelledby={titleId} tabIndex={-1}>
      <h2 id={titleId} className="incident-title">
        <span className={`badge ${STATUS_TONE[s.status]}`}>{humanize(s.status)}</span> {s.summary}
      </h2>
      <dl className="facts">
        <div><dt>Suspect</dt><dd>{s.id}</dd></div>
        <div><dt>First dip</dt><dd>{dateTime(s.first_seen_at)}</dd></div>
        <div><dt>Latest dip</dt><dd>{dateTime(s.last_seen_at)}</dd></div>
        <div><dt>Streams</dt><dd>{s.streams.join(', ')}</dd></div>
        <div><dt>Providers</dt><dd>{s.providers.map(providerName).join(', ')}</dd></div>
        <div><dt>Metrics</dt><dd>{s.metrics.map(metricLabel).join(', ')}</dd></div>
      </dl>
      <StatusLine s={s} />
      {s.status === 'open' && canEdit && action === null && (
        <div className="actions">
          <button type="button" className="primary" onClick={() => setAction('declare')}>Declare as incident…</button>
          <button type="button" onClick={() => setAction('dismiss')}>Dismiss…</button>
        </div>
      )}
      {s.status === 'open' && !canEdit && <p className="muted small">Your role can read suspects; an editor can declare or dismiss them.</p>}
      {action === 'declare' && <DeclareForm s={s} onDone={() => setAction(null)} />}
      {action === 'dismiss' && <DismissForm s={s} onDone={() => setAction(null)} />}
      <h3>Evidence</h3>
      <SmallMultiples groups={groups} occurredAt={s.first_seen_at} annotations={NO_ANNOTATIONS} compact={compact} />
    </article>
  );
}

export default function SuspectsPage({ focus }: { focus: string | null }) {
  const { canEdit } = useSession();
  const compact = useMediaQuery(NARROW_QUERY);
  const [all, setAll] = useState(false);
  const q = useSuspectsQuery();
  return (
    <main className="page" id="main">
      <h1>Suspected incidents</h1>
      <p className="muted">
        Dips that no declared incident explains. Every evaluation run compares each stream, provider and metric with its
        own last four weeks; what moved together is one suspect.
      </p>
      {q.status === 'loading' && <Loading what="the suspects" />}
      {q.status === 'error' && <ErrorBox what="the suspects" error={q.error} retryKey={['suspects']} />}
      {q.status === 'success' && (() => {
        const shown = all ? q.data.suspects : q.data.suspects.filter((x) => x.status === 'open' || x.id === focus);
        const run = q.data.last_run;
        return (
          <>
            <p role="status" className="small">
              {run ? `Last watched ${dateTime(run.evaluated_at)}: ${run.watched.toLocaleString('en-US')} series, ${run.tested.toLocaleString('en-US')} observations since ${dateTime(run.from)}.` : 'The watch has not run yet: it runs with every evaluation.'}
            </p>
            <p className="actions">
              <label className="checkbox">
                <input type="checkbox" checked={all} onChange={(e) => setAll(e.target.checked)} />
                Also show declared and dismissed suspects ({q.data.suspects.filter((x) => x.status !== 'open').length})
              </label>
            </p>
            {shown.length === 0 ? (
              <Empty>No open suspects: every dip the watch sees is explained by a declared incident, or there is none.</Empty>
            ) : (
              shown.map((s) => <SuspectCard key={s.id} s={s} canEdit={canEdit} compact={compact} focused={s.id === focus} />)
            )}
          </>
        );
      })()}
    </main>
  );
}
