// What the mailbox providers say right now: Gmail's bulk-sender compliance per domain (Postmaster Tools v2) and
// the IP ranges Outlook.com lists (SNDS IP status). A domain that needs work and a blocked range are shown first,
// in the danger tone, with the requirement or reason spelled out. Given `streams` (the incident page), only the
// domains named like those streams and the ranges carrying them are shown, and nothing when there are none.
import { useComplianceQuery, useIpStatusQuery, type DomainCompliance, type IpStatusList } from '../api/sources.ts';
import { dateTime, humanize } from '../format.ts';
import { COMPLIANCE_REQUIREMENTS } from '#shared/schema/reputation-status.ts';
import { Empty, ErrorBox, Loading } from './States.tsx';

type Tone = 'ok' | 'warn' | 'bad' | 'none';
const STATUS: Record<string, { label: string; tone: Tone }> = {
  COMPLIANT: { label: 'Compliant', tone: 'ok' },
  NEEDS_WORK: { label: 'Needs work', tone: 'bad' },
  STATE_UNSPECIFIED: { label: 'Not stated', tone: 'none' },
};
const OVERALL: Record<DomainCompliance['overall'], { label: string; tone: Tone }> = {
  needs_work: { label: 'Non-compliant', tone: 'bad' }, compliant: { label: 'Compliant', tone: 'ok' }, unknown: { label: 'Unknown', tone: 'none' },
};
const requirementLabel = (r: string) => COMPLIANCE_REQUIREMENTS[r] ?? humanize(r.toLowerCase());
const Badge = ({ label, tone }: { label: string; tone: Tone }) => <span className={`badge tone-${tone}`}>{label}</span>;

function DomainRow({ d }: { d: DomainCompliance }) {
  const failing = d.requirements.filter((r) => r.status === 'NEEDS_WORK');
  return (
    <div className="subpanel" data-domain={d.domain}>
      <h3>{d.domain} <Badge {...OVERALL[d.overall]} /> <span className="muted small">checked {dateTime(d.checked_at)}</span></h3>
      {failing.length > 0 && (
        <p className="error-text" role="alert">
          Needs work: {failing.map((r) => `${requirementLabel(r.requirement)}${r.reason ? ` (${r.reason})` : ''}`).join('; ')}.
        </p>
      )}
      <div className="table-wrap">
        <table className="compliance-table">
          <caption className="sr-only">Compliance of {d.domain}</caption>
          <thead><tr><th scope="col">Requirement</th><th scope="col">Applies to</th><th scope="col">Status</th><th scope="col">Reason</th><th scope="col">Since</th></tr></thead>
          <tbody>
            {[...failing, ...d.requirements.filter((r) => r.status !== 'NEEDS_WORK')].map((r) => (
              <tr key={`${r.scope}:${r.requirement}`} data-requirement={r.requirement} data-status={r.status}>
                <td>{requirementLabel(r.requirement)}</td>
                <td>{r.scope_domain ?? (r.scope === 'domain' ? 'registrable domain' : d.domain)}</td>
                <td><Badge {...(STATUS[r.status] ?? { label: r.status, tone: 'none' })} /></td>
                <td>{r.reason ?? <span className="muted">—</span>}</td>
                <td>{dateTime(r.since)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

function IpRanges({ list }: { list: IpStatusList }) {
  return (
    <div className="table-wrap">
      <table className="ip-status-table">
        <caption className="sr-only">SNDS IP status</caption>
        <thead><tr><th scope="col">IP range</th><th scope="col">Status</th><th scope="col">Reason</th><th scope="col">Streams</th><th scope="col">Listed since</th></tr></thead>
        <tbody>
          {list.ranges.map((r) => (
            <tr key={`${r.first_ip}-${r.last_ip}`} data-range={`${r.first_ip}-${r.last_ip}`} className={r.blocked ? 'row-bad' : undefined}>
              <th scope="row">{r.first_ip === r.last_ip ? r.first_ip : `${r.first_ip} – ${r.last_ip}`}</th>
              <td>{r.blocked ? <Badge label="Blocked" tone="bad" /> : <Badge label="Listed, not blocked" tone="warn" />}</td>
              <td>{r.reason ?? <span className="muted">—</span>}</td>
              <td>{r.streams.length ? r.streams.join(', ') : <span className="muted">no mapped stream</span>}</td>
              <td>{dateTime(r.first_seen_at)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function ProviderStatusPanel({ streams }: { streams?: readonly string[] }) {
  const compliance = useComplianceQuery();
  const ipStatus = useIpStatusQuery();
  if (compliance.status === 'loading' || ipStatus.status === 'loading') return <Loading what="the providers' status" />;
  if (compliance.status === 'error') return <ErrorBox what="the compliance status" error={compliance.error} retryKey={['compliance']} />;
  if (ipStatus.status === 'error') return <ErrorBox what="the SNDS IP status" error={ipStatus.error} retryKey={['snds-ip-status']} />;
  const scoped = streams !== undefined;
  const domains = compliance.data.domains.filter((d) => !scoped || streams.includes(d.domain));
  const ranges = ipStatus.data.ranges.filter((r) => !scoped || r.streams.some((x) => streams.includes(x)));
  if (scoped && domains.length === 0 && ranges.length === 0) return null;
  const blocked = ranges.filter((r) => r.blocked).length;
  return (
    <section className="panel" aria-labelledby="provider-status-title" data-testid="provider-status">
      <h2 id="provider-status-title">What the providers say now</h2>
      <h3>Gmail bulk-sender compliance (Postmaster Tools)</h3>
      {domains.length === 0
        ? <Empty><p>{scoped ? 'No compliance status for a domain named like these streams.' : 'No compliance status pulled yet. It comes with the Postmaster Tools pull (docs/sources.md).'}</p></Empty>
        : domains.map((d) => <DomainRow key={d.domain} d={d} />)}
      <h3>Outlook.com IP status (SNDS){blocked > 0 && <> <Badge label={`${blocked} blocked`} tone="bad" /></>}</h3>
      {ipStatus.data.checked_at === null && ranges.length === 0
        ? <Empty><p>No SNDS IP status pulled yet. It comes with the SNDS pull (docs/sources.md).</p></Empty>
        : ranges.length === 0
          ? <p className="muted">No IP range is listed{scoped ? ' for these streams' : ''} (checked {dateTime(ipStatus.data.checked_at)}).</p>
          : <><p className="muted small">Checked {dateTime(ipStatus.data.checked_at)}.</p><IpRanges list={{ ...ipStatus.data, ranges }} /></>}
    </section>
  );
}
