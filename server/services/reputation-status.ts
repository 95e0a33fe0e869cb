// The providers' current-state lists as the API and dashboard show them: compliance grouped per domain with an
// overall verdict (any NEEDS_WORK makes the domain non-compliant), and the SNDS IP status list with the streams
// each range carries (SNDS_IP_STREAMS).
import type { Services } from '../context.ts';
import { streamsInRange } from '../sources/snds/ip-status.ts';
import { listCompliance, listIpStatus } from '../store/reputation-status.ts';
import { getSourceState } from '../store/sources.ts';
import type { DomainCompliance, IpStatusList } from '#shared/schema/reputation-status.ts';

export async function complianceOverview(s: Services): Promise<DomainCompliance[]> {
  const byDomain = new Map<string, DomainCompliance>();
  for (const r of await listCompliance(s.db)) {
    const { domain, ...req } = r;
    const d = byDomain.get(domain) ?? { domain, overall: 'unknown', checked_at: r.checked_at, requirements: [] };
    d.requirements.push(req);
    if (r.checked_at > d.checked_at) d.checked_at = r.checked_at;
    byDomain.set(domain, d);
  }
  for (const d of byDomain.values()) {
    const statuses = d.requirements.map((r) => r.status);
    d.overall = statuses.includes('NEEDS_WORK') ? 'needs_work' : statuses.length > 0 && statuses.every((x) => x === 'COMPLIANT') ? 'compliant' : 'unknown';
  }
  // Domains that need work first: what the page is for.
  return [...byDomain.values()].sort((a, b) => Number(b.overall === 'needs_work') - Number(a.overall === 'needs_work') || a.domain.localeCompare(b.domain));
}

export async function ipStatusOverview(s: Services): Promise<IpStatusList> {
  const ipStreams = s.config.sources.sndsIpStreams;
  const ranges = (await listIpStatus(s.db)).map((r) => ({ ...r, streams: streamsInRange(r.first_ip, r.last_ip, ipStreams) }));
  const state = await getSourceState(s.db, 'snds');
  return { checked_at: state?.last_ok_at ?? null, ranges };
}
