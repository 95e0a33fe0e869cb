// The data page's sources: each pulled (BigQuery, Postmaster Tools, SNDS, ESP metrics) or pushed (ESP webhooks) source with its
// last run, watermark, rows and last error; admins can run a pull now.
import { useState } from 'react';
import { pullSource, useSourcesQuery, type SourceInfo } from '../api/sources.ts';
import { count, dateTime, humanize } from '../format.ts';
import { Empty, ErrorBox, Loading } from './States.tsx';

const SOURCE_LABELS: Partial<Record<string, string>> = {
  bigquery: 'BigQuery warehouse', files: 'Local event files (DuckDB)', postmaster: 'Gmail Postmaster Tools', snds: 'Microsoft SNDS',
  sendgrid: 'SendGrid metrics', sparkpost: 'SparkPost metrics', postmark: 'Postmark outbound stats', mailgun: 'Mailgun analytics', ses: 'Amazon SES inbox placement',
};
const sourceLabel = (name: string) => SOURCE_LABELS[name] ?? (name.startsWith('webhook:') ? `${humanize(name.slice('webhook:'.length))} webhook` : humanize(name));

function health(s: SourceInfo): { label: string; tone: 'ok' | 'warn' | 'bad' | 'none' } {
  if (!s.configured) return { label: 'Not configured', tone: 'none' };
  if (s.last_run_at === null) return { label: 'No run yet', tone: 'none' };
  if (s.last_error && s.last_run_at !== s.last_ok_at) return { label: 'Failing', tone: 'bad' };
  return { label: 'OK', tone: 'ok' };
}

function PullButton({ source }: { source: SourceInfo }) {
  const [state, setState] = useState<{ busy: boolean; message: string | null; error: string | null }>({ busy: false, message: null, error: null });
  const pull = async () => {
    setState({ busy: true, message: null, error: null });
    try {
      const r = await pullSource(source.source);
      setState({ busy: false, message: r.summaries.join('; ') || 'Done.', error: null });
    } catch (err) {
      // The run is recorded either way: its own error is in the row's "Last error" once the list refreshes.
      setState({ busy: false, message: null, error: `The pull failed${err instanceof Error ? ` (${err.message})` : ''}.` });
    }
  };
  return (
    <>
      <button type="button" className="small-button" disabled={state.busy} onClick={() => void pull()} aria-label={`Pull ${sourceLabel(source.source)} now`}>{state.busy ? 'Pulling…' : 'Pull now'}</button>
      {state.message && <div className="small" role="status">{state.message}</div>}
      {state.error && <p className="field-error" role="alert">{state.error}</p>}
    </>
  );
}

export function SourcesPanel({ canPull }: { canPull: boolean }) {
  const sources = useSourcesQuery();
  let body;
  if (sources.status === 'loading') body = <Loading what="the sources" />;
  else if (sources.status === 'error') body = <ErrorBox what="the sources" error={sources.error} retryKey={['sources']} />;
  else if (sources.data.sources.length === 0) {
    body = <Empty><p>No source is configured. Files loaded here or with <code>npx rebound ingest</code> are the only data; see docs/sources.md to pull from a warehouse, Postmaster Tools, SNDS or an ESP's metrics, or to receive ESP webhooks.</p></Empty>;
  } else {
    body = (
      <div className="table-wrap">
        <table className="sources-table">
          <caption className="sr-only">Sources</caption>
          <thead>
            <tr>
              <th scope="col">Source</th><th scope="col">State</th><th scope="col">Last run</th><th scope="col">Watermark</th>
              <th scope="col" className="num">Rows (last / total)</th><th scope="col" className="num">Runs / failures</th><th scope="col">Last error</th>
              {canPull && <th scope="col"><span className="sr-only">Actions</span></th>}
            </tr>
          </thead>
          <tbody>
            {sources.data.sources.map((s) => {
              const h = health(s);
              return (
                <tr key={s.source} data-source={s.source}>
                  <th scope="row">{sourceLabel(s.source)}<div className="muted small">{s.kind}{s.schedule ? ` · cron ${s.schedule}` : ''}</div></th>
                  <td><span className={`badge tone-${h.tone}`}>{h.label}</span></td>
                  <td>{dateTime(s.last_run_at)}{s.last_ok_at && s.last_ok_at !== s.last_run_at && <div className="muted small">last ok {dateTime(s.last_ok_at)}</div>}</td>
                  <td>{s.watermark ? dateTime(s.watermark) : <span className="muted">—</span>}</td>
                  <td className="num">{count(s.last_rows)} / {count(s.total_rows)}</td>
                  <td className="num">{count(s.runs)} / {count(s.failures)}</td>
                  <td>{s.last_error ? <span className="error-text">{s.last_error}</span> : <span className="muted">none</span>}</td>
                  {canPull && <td>{s.kind === 'pull' && s.configured ? <PullButton source={s} /> : null}</td>}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    );
  }
  return (
    <section className="panel" aria-labelledby="sources-title">
      <h2 id="sources-title">Sources</h2>
      {body}
    </section>
  );
}
