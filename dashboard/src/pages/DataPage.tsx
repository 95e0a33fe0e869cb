// What has been loaded (streams, providers, the range of sends, the last ingest and its result), the pulled and
// pushed sources (admins can pull now), the webhook quarantine (editors), recent ingests, and a file upload for editors.
import { useDataSummaryQuery, useIngestRunsQuery, type IngestRun } from '../api/hooks.ts';
import { providerLabel } from '../components/charts/chartConfig.ts';
import { ProviderStatusPanel } from '../components/ProviderStatusPanel.tsx';
import { QuarantinePanel } from '../components/QuarantinePanel.tsx';
import { SourcesPanel } from '../components/SourcesPanel.tsx';
import { Empty, ErrorBox, Loading } from '../components/States.tsx';
import { UploadForm } from '../components/UploadForm.tsx';
import { count, dateTime, humanize } from '../format.ts';
import { useSession } from '../session.tsx';

// The last few runs say whether loading works; the full history is in the API.
const RUNS_SHOWN = 10;

function RunStatus({ run }: { run: IngestRun }) {
  return <span className={`badge run-${run.status}`}>{humanize(run.status)}</span>;
}

function Summary() {
  const summary = useDataSummaryQuery();
  if (summary.status === 'loading') return <Loading what="the data summary" />;
  if (summary.status === 'error') return <ErrorBox what="the data summary" error={summary.error} retryKey={['data']} />;
  const d = summary.data;
  return (
    <section className="panel" aria-labelledby="summary-title">
      <h2 id="summary-title">What is loaded</h2>
      <dl className="facts">
        <div><dt>Sends</dt><dd>{count(d.counts.sends)} <span className="muted small">({count(d.counts.send_rows)} send × provider rows)</span></dd></div>
        <div><dt>Events</dt><dd>{count(d.counts.events)}</dd></div>
        <div><dt>Seed tests</dt><dd>{count(d.counts.seed_tests)}</dd></div>
        <div><dt>Sends from</dt><dd>{dateTime(d.sends_from)}</dd></div>
        <div><dt>Sends to</dt><dd>{dateTime(d.sends_to)}</dd></div>
        <div><dt>Providers</dt><dd>{d.providers.length ? d.providers.map(providerLabel).join(', ') : '—'}</dd></div>
        <div>
          <dt>Last ingest</dt>
          <dd>{d.last_run ? <><RunStatus run={d.last_run} /> {d.last_run.source}, {dateTime(d.last_run.finished_at)}</> : <span className="muted">none yet</span>}</dd>
        </div>
      </dl>
      {d.streams.length === 0 ? (
        <Empty><p>Nothing loaded yet. Upload send summaries, events or seed tests below, or use <code>npx rebound ingest FILE</code>.</p></Empty>
      ) : (
        <div className="table-wrap">
          <table>
            <caption className="sr-only">Streams</caption>
            <thead><tr><th scope="col">Stream</th><th scope="col">Providers</th><th scope="col" className="num">Sends</th><th scope="col">First send</th><th scope="col">Last send</th></tr></thead>
            <tbody>
              {d.streams.map((s) => (
                <tr key={s.stream}><td>{s.stream}</td><td>{s.providers.map(providerLabel).join(', ')}</td><td className="num">{count(s.sends)}</td><td>{dateTime(s.first_sent_at)}</td><td>{dateTime(s.last_sent_at)}</td></tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function Runs() {
  const runs = useIngestRunsQuery(RUNS_SHOWN);
  if (runs.status === 'loading') return <Loading what="recent ingests" />;
  if (runs.status === 'error') return <ErrorBox what="recent ingests" error={runs.error} retryKey={['data']} />;
  if (runs.data.runs.length === 0) return <Empty><p>No ingests yet.</p></Empty>;
  return (
    <div className="table-wrap">
      <table className="runs">
        <caption className="sr-only">Recent ingests</caption>
        <thead><tr><th scope="col">Finished</th><th scope="col">Source</th><th scope="col">Kind</th><th scope="col">Result</th><th scope="col" className="num">Read</th><th scope="col" className="num">Stored</th><th scope="col" className="num">Duplicate</th><th scope="col" className="num">Rejected</th></tr></thead>
        <tbody>
          {runs.data.runs.map((r) => (
            <tr key={r.id}>
              <td>{dateTime(r.finished_at)}</td><td>{r.source}</td><td>{r.kind ?? '—'}</td><td><RunStatus run={r} />{r.error && <div className="muted small">{r.error}</div>}</td>
              <td className="num">{count(r.rows_read)}</td><td className="num">{count(r.rows_stored)}</td><td className="num">{count(r.rows_duplicate)}</td><td className="num">{count(r.rows_rejected)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export default function DataPage() {
  const { canEdit, role } = useSession();
  return (
    <main className="page" id="main">
      <h1>Data</h1>
      <Summary />
      <SourcesPanel canPull={role === 'admin'} />
      <ProviderStatusPanel />
      <QuarantinePanel canRead={canEdit} />
      {canEdit ? <UploadForm /> : <p className="muted">Your role can read the data but not load files.</p>}
      <section className="panel" aria-labelledby="runs-title">
        <h2 id="runs-title">Recent ingests</h2>
        <Runs />
      </section>
    </main>
  );
}
