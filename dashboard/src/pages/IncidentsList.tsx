// The incidents list: status as word and colour, kind, severity, streams, age, the worst series right now and
// the time to recover, filtered by status and stream (both in the URL).
import type { ReactNode } from 'react';
import { ALL_STREAMS, coversAllStreams, streamsText } from '#shared/kinds.ts';
import type { Incident } from '#shared/schema/incidents.ts';
import { useIncidentsQuery, useRecoveriesQuery, type RecoveryOutcome } from '../api/hooks.ts';
import type { QueryState } from '../api/query.ts';
import { STATUS_STYLE } from '../components/charts/chartConfig.ts';
import { Empty, ErrorBox, Loading } from '../components/States.tsx';
import { StatusBadge } from '../components/StatusBadge.tsx';
import { age, dateTime, duration, humanize } from '../format.ts';
import { overallRecovery, seriesName, latestVsBaseline, worstSeries } from '../components/recovery.ts';
import { Link, useSearchParams } from '../router.tsx';
import { useSession } from '../session.tsx';

// Enough for months of incidents; older ones are a CLI or API query away.
const LIST_LIMIT = 100;
const STATUS_OPTIONS = Object.keys(STATUS_STYLE) as (keyof typeof STATUS_STYLE)[];

/** The row's cells: status first (what a reader scans for), then the incident's own cells, then the recovery. */
function RecoveryCells({ outcome, incident }: { outcome: RecoveryOutcome | undefined | 'loading'; incident: ReactNode }) {
  if (outcome === 'loading' || outcome === undefined) return <><td><span className="muted">Evaluating…</span></td>{incident}<td /><td /></>;
  if (!outcome.ok) return <><td><span className="muted" title={outcome.error.message}>Not evaluated</span></td>{incident}<td className="muted">—</td><td className="muted">—</td></>;
  const r = outcome.recovery;
  const worst = worstSeries(r.series);
  const overall = overallRecovery(r);
  return (
    <>
      <td><StatusBadge status={r.status} /></td>
      {incident}
      <td>{worst ? <><div>{seriesName(worst)}</div><div className="muted small">{latestVsBaseline(worst)}</div></> : <span className="muted">no series</span>}</td>
      <td>{overall.kind === 'recovered' ? duration(overall.hours) : <span className="muted">{overall.label}</span>}</td>
    </>
  );
}

function statusOf(recoveries: QueryState<Record<string, RecoveryOutcome>>, id: string): string | null {
  if (recoveries.status !== 'success') return null;
  const o = recoveries.data[id];
  return o?.ok ? o.recovery.status : null;
}

export function IncidentsList() {
  const [params, setParams] = useSearchParams();
  const status = params.get('status');
  const stream = params.get('stream');
  const openOnly = params.get('open') === 'true';
  const { canEdit } = useSession();
  const incidents = useIncidentsQuery({ open: openOnly, limit: LIST_LIMIT });
  const ids = incidents.status === 'success' ? incidents.data.incidents.map((i) => i.id) : [];
  const recoveries = useRecoveriesQuery(ids);

  let body;
  if (incidents.status === 'loading') body = <Loading what="incidents" />;
  else if (incidents.status === 'error') body = <ErrorBox what="incidents" error={incidents.error} retryKey={['incidents']} />;
  else if (incidents.data.incidents.length === 0) {
    body = (
      <Empty>
        <p>No incidents yet{openOnly ? ' that are open' : ''}.</p>
        {canEdit && <p><Link to="/incidents/new">Declare an incident</Link> when something goes wrong, or load data on the <Link to="/data">data page</Link>.</p>}
      </Empty>
    );
  } else {
    const all = incidents.data.incidents;
    const streams = [...new Set(all.flatMap((i) => i.streams))].filter((s) => s !== ALL_STREAMS).sort();
    // An incident of every stream is listed under each stream's filter.
    const shown = all.filter((i: Incident) => (!stream || coversAllStreams(i.streams) || i.streams.includes(stream)) && (!status || statusOf(recoveries, i.id) === status));
    body = (
      <>
        <div className="filters" role="group" aria-label="Filters">
          <label>Status <select value={status ?? ''} onChange={(e) => setParams({ status: e.target.value })}>
            <option value="">All</option>
            {STATUS_OPTIONS.map((s) => <option key={s} value={s}>{STATUS_STYLE[s].label}</option>)}
          </select></label>
          <label>Stream <select value={stream ?? ''} onChange={(e) => setParams({ stream: e.target.value })}>
            <option value="">All</option>
            {streams.map((s) => <option key={s} value={s}>{s}</option>)}
          </select></label>
          <label className="checkbox"><input type="checkbox" checked={openOnly} onChange={(e) => setParams({ open: e.target.checked ? 'true' : null })} /> Open only</label>
          <span className="muted small" role="status">{shown.length} of {all.length} shown</span>
        </div>
        {status && recoveries.status === 'loading' ? <Loading what="statuses" /> : shown.length === 0 ? (
          <Empty><p>No incident matches these filters.</p><button type="button" className="link-button" onClick={() => setParams({ status: null, stream: null })}>Clear filters</button></Empty>
        ) : (
          <div className="table-wrap">
            <table className="incidents-table">
              <thead>
                <tr>
                  <th scope="col">Status</th><th scope="col">Incident</th><th scope="col">Streams</th><th scope="col">Occurred</th>
                  <th scope="col">Worst series now</th><th scope="col">Time to recover</th>
                </tr>
              </thead>
              <tbody>
                {shown.map((i) => (
                  <tr key={i.id}>
                    <RecoveryCells
                      outcome={recoveries.status === 'success' ? recoveries.data[i.id] : 'loading'}
                      incident={
                        <>
                          <td>
                            <Link to={`/incidents/${encodeURIComponent(i.id)}`} className="incident-link">{i.title}</Link>
                            {i.demo && <span className="badge demo">Demo</span>}
                            <div className="small">
                              {humanize(i.kind)} · <span className={`severity severity-${i.severity}`}>{humanize(i.severity)}</span>
                              {i.resolved_at ? <span className="muted"> · resolved {dateTime(i.resolved_at)}</span> : null}
                            </div>
                          </td>
                          <td>{streamsText(i.streams)}</td>
                          <td><time dateTime={i.occurred_at} title={dateTime(i.occurred_at)}>{age(i.occurred_at)}</time></td>
                        </>
                      }
                    />
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </>
    );
  }

  return (
    <main className="page" id="main">
      <div className="page-title">
        <h1>Incidents</h1>
        {canEdit && <Link to="/incidents/new" className="button primary">Declare incident</Link>}
      </div>
      {body}
    </main>
  );
}
