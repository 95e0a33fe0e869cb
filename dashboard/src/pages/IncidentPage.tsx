// One incident: header, the recovery as small multiples by metric (filters in the URL) with the timeline's
// annotations and the apology send on every chart, the sortable series table, the response checklist and notes,
// the affected audience, the timeline and (for editors) the apology check.
import { useMemo } from 'react';
import { coversAllStreams, streamsText } from '#shared/kinds.ts';
import type { MetricId } from '#shared/metrics.ts';
import { useAnnotationsQuery } from '../api/annotations.ts';
import { useIncidentQuery, useRecoveryQuery, type RecoveryResponse } from '../api/hooks.ts';
import { Annotations } from '../components/Annotations.tsx';
import { ApologyCheck } from '../components/ApologyCheck.tsx';
import { AudiencePanel } from '../components/audience/AudiencePanel.tsx';
import type { ChartAnnotation } from '../components/charts/RecoveryChart.tsx';
import { apologyMark, filterSeries, groupSeries, type LineBy } from '../components/charts/groups.ts';
import { SmallMultiples } from '../components/charts/SmallMultiples.tsx';
import { Checklist } from '../components/Checklist.tsx';
import { IncidentHeader } from '../components/IncidentHeader.tsx';
import { ProviderStatusPanel } from '../components/ProviderStatusPanel.tsx';
import { Notes } from '../components/Notes.tsx';
import { RANGES, RecoveryFilters, type FilterValues } from '../components/RecoveryFilters.tsx';
import { SeriesTable, type SortDir } from '../components/SeriesTable.tsx';
import { ErrorBox, Loading } from '../components/States.tsx';
import { Link, useSearchParams } from '../router.tsx';
import { useSession } from '../session.tsx';
import { useMediaQuery } from '../useMediaQuery.ts';

const DAY_MS = 86_400_000;
const DIPPED: ReadonlySet<string> = new Set(['degraded', 'recovering', 'recovered']);
// Below this width two chart columns get too narrow to read; the CSS switches to one column and shorter charts.
const NARROW_QUERY = '(max-width: 900px)';
const NO_ANNOTATIONS: readonly ChartAnnotation[] = [];

function Recovery({ recovery, occurredAt, annotations, apologySendId }: { recovery: RecoveryResponse; occurredAt: string; annotations: readonly ChartAnnotation[]; apologySendId: string | null }) {
  const [params, setParams] = useSearchParams();
  const compact = useMediaQuery(NARROW_QUERY);
  const values: FilterValues = {
    range: params.get('range') ?? '',
    metric: params.get('metric') ?? '',
    stream: params.get('stream') ?? '',
    provider: params.get('provider') ?? '',
    lines: params.get('lines') === 'stream' ? 'stream' : 'provider',
  };
  const sort = params.get('sort') ?? 'status';
  const dir: SortDir = params.get('dir') === 'asc' ? 'asc' : 'desc';
  const days = RANGES.find((r) => r.value === values.range)?.days ?? null;
  const from = days === null ? null : Date.parse(recovery.evaluated_at) - days * DAY_MS;

  const filtered = useMemo(
    () => filterSeries(recovery.series, { metric: values.metric || null, stream: values.stream || null, provider: values.provider || null, from }),
    [recovery.series, values.metric, values.stream, values.provider, from],
  );
  const groups = useMemo(() => groupSeries(filtered, values.lines as LineBy), [filtered, values.lines]);
  // From every series, not the filtered ones: the line stands at the same moment on every chart.
  const apology = useMemo(() => apologyMark(recovery.series, apologySendId), [recovery.series, apologySendId]);
  // The table opens on the series that dipped: with dozens of series, the unaffected ones bury the story.
  const showAll = params.get('all') === 'true';
  const affected = filtered.filter((s) => DIPPED.has(s.status));
  const tableRows = showAll ? filtered : affected;
  const metrics = [...new Set(recovery.series.map((s) => s.metric))] as MetricId[];
  const streams = [...new Set(recovery.series.map((s) => s.stream))].sort();
  const providers = [...new Set(recovery.series.map((s) => s.provider))].sort();

  if (recovery.series.length === 0) {
    return (
      <p className="empty" role="status">
        No series to evaluate yet: there are no sends of {streamsText(recovery.incident.streams)} around the incident. Load send summaries on the <Link to="/data">data page</Link>.
      </p>
    );
  }
  return (
    <>
      <section aria-labelledby="charts-title">
        <h2 id="charts-title">Recovery by metric</h2>
        <RecoveryFilters values={values} metrics={metrics} streams={streams} providers={providers} onChange={setParams} />
        <SmallMultiples groups={groups} occurredAt={occurredAt} annotations={annotations} apology={apology} compact={compact} />
      </section>
      <section aria-labelledby="series-title">
        <h2 id="series-title">Series <span className="muted small">{tableRows.length} of {recovery.series.length}</span></h2>
        <p className="actions">
          <label className="checkbox">
            <input type="checkbox" checked={showAll} onChange={(e) => setParams({ all: e.target.checked ? 'true' : null })} />
            Also list series without a dip ({filtered.length - affected.length})
          </label>
        </p>
        <SeriesTable series={tableRows} sort={sort} dir={dir} onSort={(c, d) => setParams({ sort: c, dir: d })} />
      </section>
    </>
  );
}

export default function IncidentPage({ id }: { id: string }) {
  const { canEdit } = useSession();
  const incident = useIncidentQuery(id);
  const recovery = useRecoveryQuery(id);
  const timeline = useAnnotationsQuery(id);
  // The charts draw without annotations until (or unless) they load; the timeline panel shows their own state.
  const annotations = timeline.status === 'success' ? timeline.data.annotations : NO_ANNOTATIONS;

  if (incident.status === 'loading') return <main className="page" id="main"><Loading what="the incident" /></main>;
  if (incident.status === 'error') {
    return (
      <main className="page" id="main">
        <p><Link to="/">← All incidents</Link></p>
        {incident.error.status === 404 ? <h1>No incident {id}</h1> : <ErrorBox what="the incident" error={incident.error} retryKey={['incidents', 'one', id]} />}
      </main>
    );
  }
  const inc = incident.data;
  return (
    <main className="page" id="main">
      <p className="breadcrumb"><Link to="/">← All incidents</Link></p>
      <IncidentHeader incident={inc} recovery={recovery.status === 'success' ? recovery.data : null} canEdit={canEdit} />
      {recovery.status === 'loading' && <Loading what="the recovery evaluation" />}
      {recovery.status === 'error' && <ErrorBox what="the recovery evaluation" error={recovery.error} retryKey={['recovery', id]} />}
      {recovery.status === 'success' && <Recovery recovery={recovery.data} occurredAt={inc.occurred_at} annotations={annotations} apologySendId={inc.apology_send_id} />}
      {/* An incident of every stream is about every domain and range: the panel unscoped. */}
      <ProviderStatusPanel {...(coversAllStreams(inc.streams) ? {} : { streams: inc.streams })} />
      <div className="two-columns">
        <Checklist incident={inc} canEdit={canEdit} />
        <Notes key={inc.notes ?? ''} incident={inc} canEdit={canEdit} />
      </div>
      <AudiencePanel incident={inc} canEdit={canEdit} />
      <div className="two-columns">
        <Annotations incidentId={inc.id} canEdit={canEdit} />
        {canEdit ? <ApologyCheck incidentId={inc.id} /> : <section className="panel"><h2>Apology check</h2><p className="muted">Your role can read the incident but not run the apology check.</p></section>}
      </div>
    </main>
  );
}
