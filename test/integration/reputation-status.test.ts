// The providers' current-state lists (docs/sources.md): Postmaster Tools v2 compliance status, pulled per domain beside
// domainStats, and the SNDS IP status list, pulled with the data export — against local fakes answering the
// documented formats (test/fixtures/sources/README.md cites each page), malformed and refused answers included.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Services } from '../../server/context.ts';
import { pullPostmaster } from '../../server/sources/postmaster/pull.ts';
import { pullSnds } from '../../server/sources/snds/pull.ts';
import { getSourceState } from '../../server/store/sources.ts';
import type { DomainCompliance, IpStatusList } from '#shared/schema/reputation-status.ts';
import type { FakeReputationApis } from './fake-reputation-apis.ts';
import { tempDir } from './helpers.ts';
import { appFor, FAKE_POSTMASTER_TOKEN, FAKE_SNDS_KEY, FAST_RETRY, NOW, reputationFakes, servicesWith, sourceFixture, tableCount } from './sources-helpers.ts';

const tmp = tempDir();
const KEY = FAKE_SNDS_KEY;
const TOKEN = FAKE_POSTMASTER_TOKEN;
const LATER = new Date(NOW.getTime() + 86_400_000);
const fakes = reputationFakes(tmp);
let fake: FakeReputationApis;
let base: string;
let s: Services;
let n = 0;

beforeEach(async () => {
  ({ fake, base } = fakes);
  fake.requests.length = 0;
  fake.compliance = sourceFixture('postmaster-v2-compliance.json');
  fake.sndsIpStatusBody = sourceFixture('snds-ipstatus.csv');
  s = await servicesWith({
    POSTMASTER_ACCESS_TOKEN: TOKEN, POSTMASTER_API_ENDPOINT: base, SNDS_KEY: KEY, SNDS_API_ENDPOINT: `${base}/snds`,
    SNDS_IP_STREAMS: '203.0.113.8=news.example.com,198.51.100.4=promo.example.com,192.0.2.1=other.example.com',
  }, `status-${++n}`, tmp);
});
afterEach(() => s.db.close());

const postmaster = () => {
  const pm = s.config.sources.postmaster;
  if (!pm) throw new Error('postmaster not configured');
  return pm;
};
const snds = () => {
  const c = s.config.sources.snds;
  if (!c) throw new Error('snds not configured');
  return c;
};
const compliance = async (): Promise<DomainCompliance[]> =>
  ((await (await appFor(s).request('/api/sources/compliance')).json()) as { domains: DomainCompliance[] }).domains;
const ipStatus = async (): Promise<IpStatusList> => (await (await appFor(s).request('/api/sources/snds-ip-status')).json()) as IpStatusList;
const complianceRows = async () => (await s.db.one<{ n: number }>('SELECT count(*) AS n FROM postmaster_compliance'))?.n ?? 0;

describe('Postmaster Tools compliance status', () => {
  it('is read per domain with the domain stats, and a domain needing work says so and why', async () => {
    expect(await pullPostmaster(s, postmaster(), FAST_RETRY)).toMatch(/compliance of 1 domain\(s\), needs work: news\.example\.com/);
    const req = fake.requests.find((r) => r.path.endsWith('/complianceStatus'));
    expect(req).toMatchObject({ method: 'GET', path: '/v2/domains/news.example.com/complianceStatus' });
    expect(req?.headers.authorization).toBe(`Bearer ${TOKEN}`);
    const [d] = await compliance();
    expect(d).toMatchObject({ domain: 'news.example.com', overall: 'needs_work', checked_at: NOW.toISOString() });
    const by = new Map(d?.requirements.map((r) => [`${r.scope}:${r.requirement}`, r]));
    expect(by.get('domain:SPF')).toMatchObject({ status: 'COMPLIANT', scope_domain: 'example.com' });
    expect(by.get('subdomain:USER_REPORTED_SPAM_RATE')).toMatchObject({ status: 'NEEDS_WORK', scope_domain: 'news.example.com' });
    expect(by.get('subdomain:ONE_CLICK_UNSUBSCRIBE')).toMatchObject({ status: 'NEEDS_WORK', reason: 'NO_UNSUB_PROMO_SPAM_REPORTS' });
    // The table row says nothing (status left out = STATE_UNSPECIFIED); the verdict says COMPLIANT and wins.
    expect(by.get('subdomain:HONOR_UNSUBSCRIBE')).toMatchObject({ status: 'COMPLIANT', reason: null });
    expect(d?.requirements).toHaveLength(9);
  });

  it('keeps "since" while a status holds, restarts it on a change, and drops a requirement no longer listed', async () => {
    await pullPostmaster(s, postmaster(), FAST_RETRY);
    const fixed = JSON.parse(sourceFixture('postmaster-v2-compliance.json')) as { subdomainComplianceData: { rowData: { requirement: string; status: unknown }[] } };
    fixed.subdomainComplianceData.rowData = fixed.subdomainComplianceData.rowData
      .filter((r) => r.requirement !== 'DMARC_ALIGNMENT')
      .map((r) => (r.requirement === 'USER_REPORTED_SPAM_RATE' ? { ...r, status: { status: 'COMPLIANT' } } : r));
    fake.compliance = JSON.stringify(fixed);
    await pullPostmaster({ ...s, now: () => LATER }, postmaster(), FAST_RETRY);
    const by = new Map((await compliance())[0]?.requirements.map((r) => [r.requirement, r]));
    expect(by.get('SPF')).toMatchObject({ since: NOW.toISOString(), checked_at: LATER.toISOString() });
    expect(by.get('USER_REPORTED_SPAM_RATE')).toMatchObject({ status: 'COMPLIANT', since: LATER.toISOString() });
    expect(by.has('DMARC_ALIGNMENT')).toBe(false);
    expect(by.get('ONE_CLICK_UNSUBSCRIBE')?.since).toBe(NOW.toISOString());
  });

  it('refuses a malformed answer naming where, and stores nothing of the run', async () => {
    fake.compliance = sourceFixture('postmaster-v2-compliance-malformed.json');
    await expect(pullPostmaster(s, postmaster(), FAST_RETRY)).rejects.toThrow(/news\.example\.com: complianceData\.rowData\[1\]\.status must be a ComplianceStatus object/);
    expect(await tableCount(s.db, 'reputation')).toBe(0);
    expect(await complianceRows()).toBe(0);
    expect(await getSourceState(s.db, 'postmaster')).toMatchObject({ failures: 1, last_error: expect.stringMatching(/rowData\[1\]/) });
  });

  it('refuses an answer for another domain, and one that is not JSON', async () => {
    fake.compliance = JSON.stringify({ name: 'domains/evil.example.net/complianceStatus', complianceData: {} });
    await expect(pullPostmaster(s, postmaster(), FAST_RETRY)).rejects.toThrow(/name is "domains\/evil\.example\.net\/complianceStatus"/);
    fake.compliance = '<html>Sign in</html>';
    await expect(pullPostmaster(s, postmaster(), FAST_RETRY)).rejects.toThrow(/getComplianceStatus answered something that is not JSON/);
    expect(await complianceRows()).toBe(0);
  });

  it('stores the day statistics when Google refuses the compliance status (403), and says so', async () => {
    fake.compliance = 403;
    expect(await pullPostmaster(s, postmaster(), FAST_RETRY)).toMatch(/compliance refused for news\.example\.com/);
    expect(await tableCount(s.db, 'reputation')).toBeGreaterThan(0);
    expect(await compliance()).toEqual([]);
  });
});

describe('SNDS IP status list', () => {
  it('is pulled with the data export; blocked ranges come first, with the streams whose IPs they hold', async () => {
    expect(await pullSnds(s, snds(), FAST_RETRY)).toMatch(/IP status: 3 range\(s\) listed, 2 blocked/);
    expect(fake.requests.some((r) => r.path === `/snds/ipStatus.aspx?key=${KEY}`)).toBe(true);
    const list = await ipStatus();
    expect(list.checked_at).toBe(NOW.toISOString());
    expect(list.ranges.map((r) => [r.first_ip, r.last_ip, r.blocked, r.streams])).toEqual([
      ['198.51.100.0', '198.51.100.15', true, ['promo.example.com']],
      ['203.0.113.8', '203.0.113.8', true, ['news.example.com']],
      ['203.0.113.7', '203.0.113.7', false, []],
    ]);
    expect(list.ranges[1]?.reason).toBe('Blocked due to user complaints or other evidence of spamming');
  });

  it('keeps first_seen_at across pulls, and an empty list clears it', async () => {
    await pullSnds(s, snds(), FAST_RETRY);
    await pullSnds({ ...s, now: () => LATER }, snds(), FAST_RETRY);
    expect((await ipStatus()).ranges.every((r) => r.first_seen_at === NOW.toISOString() && r.checked_at === LATER.toISOString())).toBe(true);
    fake.sndsIpStatusBody = '';
    expect(await pullSnds(s, snds(), FAST_RETRY)).toMatch(/0 range\(s\) listed/);
    expect((await ipStatus()).ranges).toEqual([]);
  });

  it('refuses a malformed list naming the line, and stores nothing of the run', async () => {
    fake.sndsIpStatusBody = sourceFixture('snds-ipstatus-malformed.csv');
    await expect(pullSnds(s, snds(), FAST_RETRY)).rejects.toThrow(/SNDS ipStatus line 2: the range 203\.0\.113\.9–203\.0\.113\.1 ends before it starts/);
    expect(await tableCount(s.db, 'reputation')).toBe(0);
    expect((await ipStatus()).ranges).toEqual([]);
    expect(await getSourceState(s.db, 'snds')).toMatchObject({ failures: 1 });
  });

  it('stores the data export when the list is not available to the key (a web page instead), keeping the stored list', async () => {
    await pullSnds(s, snds(), FAST_RETRY);
    const before = await tableCount(s.db, 'reputation');
    fake.sndsIpStatusBody = '<!DOCTYPE html><html><body>Sign in</body></html>';
    expect(await pullSnds({ ...s, now: () => LATER }, snds(), FAST_RETRY)).toMatch(/IP status: not available \(SNDS answered a web page, not its IP status list\); the stored list is kept$/);
    expect(await tableCount(s.db, 'reputation')).toBe(before);
    expect((await ipStatus()).ranges).toHaveLength(3);
    expect(await getSourceState(s.db, 'snds')).toMatchObject({ failures: 0 });
  });
});
