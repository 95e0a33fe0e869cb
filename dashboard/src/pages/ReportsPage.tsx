// Weekly recovery reports (docs/reports.md): the stored weeks with their HTML, CSV and PDF, and generating a week on demand
// (the previous week by default). Downloads carry the bearer token when the server requires one.
import { useState, type FormEvent, type MouseEvent } from 'react';
import { ApiFailure } from '../api/client.ts';
import { downloadReport, generateReport, needsTokenDownload, REPORT_DOWNLOADS, reportUrl, useReportsQuery, type ReportDownloadFormat, type StoredReport } from '../api/reports.ts';
import { Empty, ErrorBox, Loading } from '../components/States.tsx';
import { count, dateTime } from '../format.ts';
import { formatIsoWeek, ISO_WEEK, previousIsoWeek } from '#shared/iso-week.ts';

const FORMAT_LABELS: Record<ReportDownloadFormat, string> = { html: 'HTML', csv: 'CSV', pdf: 'PDF' };
const KB = 1024;

function FileLink({ week, format, size }: { week: string; format: ReportDownloadFormat; size?: number }) {
  const [error, setError] = useState<string | null>(null);
  const onClick = (e: MouseEvent<HTMLAnchorElement>) => {
    // Without a token the browser follows the link itself; with one, the file is fetched with the token.
    if (!needsTokenDownload()) return;
    e.preventDefault();
    setError(null);
    downloadReport(week, format).catch((err: unknown) => setError(err instanceof Error ? err.message : String(err)));
  };
  return (
    <span className="file-link">
      <a href={reportUrl(week, format)} onClick={onClick} {...(format === 'html' ? { target: '_blank', rel: 'noopener' } : { download: '' })} aria-label={`${FORMAT_LABELS[format]} report for ${week}`}>
        {FORMAT_LABELS[format]}
      </a>
      {size !== undefined && <span className="muted small"> {count(Math.max(1, Math.round(size / KB)))} KB</span>}
      {error && <span className="field-error" role="alert">{error}</span>}
    </span>
  );
}

function groupByWeek(reports: readonly StoredReport[]): { week: string; files: StoredReport[] }[] {
  const weeks = new Map<string, StoredReport[]>();
  for (const r of reports) weeks.set(r.week, [...(weeks.get(r.week) ?? []), r]);
  return [...weeks.entries()].sort(([a], [b]) => b.localeCompare(a)).map(([week, files]) => ({ week, files }));
}

function StoredReports() {
  const reports = useReportsQuery();
  if (reports.status === 'loading') return <Loading what="the reports" />;
  if (reports.status === 'error') return <ErrorBox what="the reports" error={reports.error} retryKey={['reports']} />;
  const weeks = groupByWeek(reports.data.reports);
  if (weeks.length === 0) return <Empty><p>No report stored yet. The weekly job stores one every Monday; generate a finished week above to store it now.</p></Empty>;
  return (
    <div className="table-wrap">
      <table className="reports-table">
        <caption className="sr-only">Stored weekly reports, newest first</caption>
        <thead><tr><th scope="col">Week</th><th scope="col">Generated</th><th scope="col">Time zone</th><th scope="col">Files</th></tr></thead>
        <tbody>
          {weeks.map(({ week, files }) => {
            const first = files[0];
            return (
              <tr key={week} data-week={week}>
                <th scope="row">{week}</th>
                <td>{dateTime(first?.generated_at)}</td>
                <td>{first?.time_zone ?? '—'}</td>
                <td>
                  <div className="files">
                  {REPORT_DOWNLOADS.filter((f) => files.some((x) => x.format === f)).map((f) => (
                    <FileLink key={f} week={week} format={f} size={files.find((x) => x.format === f)?.size} />
                  ))}
                  </div>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

type Phase = { kind: 'idle' } | { kind: 'busy' } | { kind: 'done'; week: string } | { kind: 'error'; message: string };

function Generate() {
  // The previous week by the UTC calendar: the server places it in TZ_REPORTS, which differs only in the hours
  // around Monday midnight.
  const [week, setWeek] = useState(() => formatIsoWeek(previousIsoWeek(new Date(), 'UTC')));
  const [refresh, setRefresh] = useState(false);
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const [invalid, setInvalid] = useState<string | null>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const w = week.trim();
    if (!ISO_WEEK.test(w)) {
      setInvalid('Enter an ISO week, e.g. 2026-W09.');
      return;
    }
    setInvalid(null);
    setPhase({ kind: 'busy' });
    try {
      await generateReport(w, refresh);
      setPhase({ kind: 'done', week: w });
    } catch (err) {
      if (err instanceof ApiFailure && err.code === 'validation_failed') setInvalid(err.message);
      setPhase({ kind: 'error', message: err instanceof Error ? err.message : String(err) });
    }
  };

  return (
    <section className="panel" aria-labelledby="generate-title">
      <h2 id="generate-title">Generate a week</h2>
      <form className="form" onSubmit={(e) => void submit(e)} noValidate>
        <div className="field-row">
          <div className={`field week-field ${invalid ? 'has-error' : ''}`}>
            <label htmlFor="report-week">ISO week</label>
            <input id="report-week" type="week" value={week} onChange={(e) => setWeek(e.target.value)} placeholder="2026-W09"
              aria-invalid={invalid ? true : undefined} aria-describedby={invalid ? 'report-week-error' : 'report-week-help'} />
            <p id="report-week-help" className="help">Monday to Sunday; the previous week by default.</p>
            {invalid && <p id="report-week-error" className="field-error">{invalid}</p>}
          </div>
          <label className="checkbox"><input type="checkbox" checked={refresh} onChange={(e) => setRefresh(e.target.checked)} /> Rebuild from the current data</label>
        </div>
        <div className="actions">
          <button type="submit" className="primary" disabled={phase.kind === 'busy'}>{phase.kind === 'busy' ? 'Generating…' : 'Generate report'}</button>
          {phase.kind === 'busy' && <span className="muted small" role="status">Building HTML, CSV and PDF…</span>}
        </div>
      </form>
      {phase.kind === 'done' && (
        <div className="notice ok" role="status">
          <strong>Report for {phase.week} ready:</strong> {REPORT_DOWNLOADS.map((f) => <FileLink key={f} week={phase.week} format={f} />)}
          <p className="muted small">A week that is over is stored and listed below; the current week is built afresh on every request.</p>
        </div>
      )}
      {phase.kind === 'error' && <div className="error-box" role="alert"><strong>Could not generate the report.</strong> {phase.message}</div>}
    </section>
  );
}

export default function ReportsPage() {
  return (
    <main className="page" id="main">
      <h1>Reports</h1>
      <p className="muted">Per incident open or resolved in the last four weeks: each series against its baseline, the dips, the status and the time to recover.</p>
      <Generate />
      <section className="panel" aria-labelledby="stored-title">
        <h2 id="stored-title">Stored reports</h2>
        <StoredReports />
      </section>
    </main>
  );
}
