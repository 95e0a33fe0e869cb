// `rebound pull ses` with the official AWS SDK pointed at a local endpoint (SES_API_ENDPOINT) that answers the
// SES v2 Deliverability dashboard calls in their documented response syntax (test/fixtures/sources/esp/README.md):
// daily domain ISP placement and completed predictive test reports as seed tests per provider; the checks every
// ESP pull passes (esp-suite.ts).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ProviderMap } from '../../../server/sources/esp/providers.ts';
import { domainPlacementSeeds, testReportSeeds } from '../../../server/sources/esp/ses/parse.ts';
import { fixture, type SeedRowOut } from '../helpers.ts';
import { backfillDays, DAY_MS } from './esp-helpers.ts';
import { espPullSuite } from './esp-suite.ts';
import { FakeEsp } from './fake-esp.ts';

const KEY_ID = 'AKIALOCALTEST0000000';
const SECRET = 'local-test-secret-key-000000000000000000';
const DOMAIN = 'news.example.com';
const ISPS: Record<string, string> = { Gmail: 'gmail', Hotmail: 'microsoft', Yahoo: 'yahoo', AOL: 'yahoo', Comcast: 'other' };
const DAYS = backfillDays(60);
const INCIDENT_DAY = DAYS[50] ?? '';
const epoch = (iso: string) => Date.parse(iso) / 1000;

/** The dashboard's daily raw counts for an ISP: chosen, deterministic; Gmail's inbox share falls from the incident on. */
function placement(day: string, isp: string): { inbox: number; spam: number } {
  const i = DAYS.indexOf(day);
  const k = isp.length;
  const total = 150 + ((i * k) % 40);
  const spam = isp === 'Gmail' && day >= INCIDENT_DAY ? Math.round(total * 0.55) : 8 + ((i + k) % 9);
  return { inbox: total - spam, spam };
}

const REPORTS = [
  { id: 'report-a', at: `${DAYS[30]}T10:15:00Z`, status: 'COMPLETED', isps: { Gmail: [92.5, 5, 2.5], Hotmail: [80, 15, 5] } },
  { id: 'report-old', at: new Date(Date.parse(`${DAYS[0]}T00:00:00Z`) - 10 * DAY_MS).toISOString(), status: 'COMPLETED', isps: { Gmail: [50, 50, 0] } },
  { id: 'report-b', at: `${DAYS[55]}T08:00:00Z`, status: 'COMPLETED', isps: { Gmail: [40, 55, 5] } },
  { id: 'report-c', at: `${DAYS[56]}T08:00:00Z`, status: 'IN_PROGRESS', isps: {} },
];

let refused: RegExp | null = null;
let malformed = false;
const fake = new FakeEsp((url) => {
  const p = url.pathname;
  if (p === '/v2/email/deliverability-dashboard') {
    return { body: { DashboardEnabled: true, AccountStatus: 'ACTIVE', SubscriptionExpiryDate: epoch('2030-01-01T00:00:00Z'), ActiveSubscribedDomains: [{ Domain: DOMAIN, SubscriptionStartDate: epoch('2024-01-01T00:00:00Z'), InboxPlacementTrackingOption: { Global: true, TrackedIsps: Object.keys(ISPS) } }], PendingExpirationSubscribedDomains: [] } };
  }
  const stats = /^\/v2\/email\/deliverability-dashboard\/statistics-report\/([^/]+)$/.exec(p);
  if (stats) {
    const from = new Date(url.searchParams.get('StartDate') ?? '').toISOString().slice(0, 10);
    const to = new Date(url.searchParams.get('EndDate') ?? '').toISOString().slice(0, 10);
    if (decodeURIComponent(stats[1] ?? '') !== DOMAIN) return { status: 404, body: { message: 'domain not subscribed' }, headers: { 'x-amzn-errortype': 'NotFoundException' } };
    const DailyVolumes = DAYS.filter((d) => d >= from && d <= to).map((d) => ({
      StartDate: epoch(`${d}T00:00:00Z`),
      VolumeStatistics: { InboxRawCount: 0, SpamRawCount: 0, ProjectedInbox: 0, ProjectedSpam: 0 },
      DomainIspPlacements: Object.keys(ISPS).map((IspName) => {
        const x = placement(d, IspName);
        return { IspName, InboxRawCount: x.inbox, SpamRawCount: x.spam, InboxPercentage: (100 * x.inbox) / (x.inbox + x.spam), SpamPercentage: (100 * x.spam) / (x.inbox + x.spam) };
      }),
    }));
    if (malformed && DailyVolumes[3]?.DomainIspPlacements[1]) delete (DailyVolumes[3].DomainIspPlacements[1] as Partial<{ InboxRawCount: number }>).InboxRawCount;
    return { body: { OverallVolume: { VolumeStatistics: {}, DomainIspPlacements: [], ReadRatePercent: 20 }, DailyVolumes } };
  }
  const summary = (r: (typeof REPORTS)[number]) => ({ ReportId: r.id, ReportName: r.id, Subject: 'News', FromEmailAddress: `news@${DOMAIN}`, CreateDate: epoch(r.at), DeliverabilityTestStatus: r.status });
  if (p === '/v2/email/deliverability-dashboard/test-reports') {
    // Two pages: the NextToken of the first brings the second.
    return url.searchParams.get('NextToken') === 'page-2'
      ? { body: { DeliverabilityTestReports: REPORTS.slice(2).map(summary) } }
      : { body: { DeliverabilityTestReports: REPORTS.slice(0, 2).map(summary), NextToken: 'page-2' } };
  }
  const one = /^\/v2\/email\/deliverability-dashboard\/test-reports\/([^/]+)$/.exec(p);
  const r = REPORTS.find((x) => x.id === one?.[1]);
  if (r) {
    return { body: {
      DeliverabilityTestReport: summary(r), Message: '<p>News</p>', Tags: [],
      OverallPlacement: { InboxPercentage: 80, SpamPercentage: 15, MissingPercentage: 5, SpfPercentage: 100, DkimPercentage: 100 },
      IspPlacements: Object.entries(r.isps).map(([IspName, [inbox, spam, missing]]) => ({ IspName, PlacementStatistics: { InboxPercentage: inbox, SpamPercentage: spam, MissingPercentage: missing, SpfPercentage: 100, DkimPercentage: 100 } })),
    } };
  }
  return null;
}, (req, url) => {
  if (!String(req.headers.authorization ?? '').includes(`Credential=${KEY_ID}/`)) {
    return { status: 403, body: { message: 'The security token included in the request is invalid.' }, headers: { 'x-amzn-errortype': 'UnrecognizedClientException' } };
  }
  if (refused?.test(url.pathname)) return { status: 403, body: { message: 'not authorized to perform: ses:GetDomainStatisticsReport' }, headers: { 'x-amzn-errortype': 'AccessDeniedException' } };
  return null;
});

function expectedSeeds(): SeedRowOut[] {
  const out: SeedRowOut[] = [];
  for (const day of DAYS) {
    const by = new Map<string, { inbox: number; spam: number }>();
    for (const [isp, provider] of Object.entries(ISPS)) {
      const x = placement(day, isp);
      const prev = by.get(provider) ?? { inbox: 0, spam: 0 };
      by.set(provider, { inbox: prev.inbox + x.inbox, spam: prev.spam + x.spam });
    }
    for (const [provider, x] of by) out.push({ send_id: `${DOMAIN}/${day}`, provider, stream: DOMAIN, tested_at: `${day}T00:00:00.000Z`, seeds: x.inbox + x.spam, inbox: x.inbox, spam: x.spam, missing: 0 });
  }
  // Completed reports in the window, per 100 seeds: 92.5 % rounds to 93.
  const a = `${DOMAIN}/${DAYS[30]}`;
  out.push({ send_id: a, provider: 'gmail', stream: DOMAIN, tested_at: `${DAYS[30]}T10:15:00.000Z`, seeds: 100, inbox: 93, spam: 5, missing: 2 });
  out.push({ send_id: a, provider: 'microsoft', stream: DOMAIN, tested_at: `${DAYS[30]}T10:15:00.000Z`, seeds: 100, inbox: 80, spam: 15, missing: 5 });
  out.push({ send_id: `${DOMAIN}/${DAYS[55]}`, provider: 'gmail', stream: DOMAIN, tested_at: `${DAYS[55]}T08:00:00.000Z`, seeds: 100, inbox: 40, spam: 55, missing: 5 });
  return out.sort((x, y) => `${x.send_id}|${x.provider}|${x.tested_at}`.localeCompare(`${y.send_id}|${y.provider}|${y.tested_at}`));
}

const env = (base: string) => ({ SES_API_ENDPOINT: base, SES_REGION: 'us-east-1', AWS_ACCESS_KEY_ID: KEY_ID, AWS_SECRET_ACCESS_KEY: SECRET });
espPullSuite({
  name: 'ses', fake, days: DAYS, lateness: 3, expected: () => [], expectedSeeds, env,
  badKey: (base) => ({ ...env(base), AWS_ACCESS_KEY_ID: 'AKIAANOTHERKEY000000' }),
  invalidKey: /HTTP 403, UnrecognizedClientException\): the AWS credentials are not valid/,
  refuse: (path) => void (refused = path), malform: (on) => void (malformed = on),
  laterPath: /statistics-report/, scope: /HTTP 403, AccessDeniedException\): the credentials lack the IAM permission ses:GetDomainStatisticsReport/,
  malformed: /GetDomainStatisticsReport \(news\.example\.com\) answered a malformed DailyVolumes\[3\]\.DomainIspPlacements\[1\]\.InboxRawCount/,
  incident: { stream: DOMAIN, day: INCIDENT_DAY, metric: 'inbox_placement_rate', provider: 'gmail', baseline: 29, points: 11 },
  cliOutput: /0 send summaries and 243 seed test\(s\) read.*provider names stored as other: Comcast \(60\)/,
});

describe('the documented answers', () => {
  it('read as the response syntax shows them (after the SDK has read them)', () => {
    const report = JSON.parse(readFileSync(fixture('sources/esp/ses-domain-statistics-report.json'), 'utf8')) as { DailyVolumes: { StartDate: number | Date }[] };
    for (const d of report.DailyVolumes) d.StartDate = new Date(Number(d.StartDate) * 1000);
    expect(domainPlacementSeeds(report, DOMAIN, new ProviderMap())).toEqual([
      { stream: DOMAIN, provider: 'gmail', send_id: `${DOMAIN}/2024-01-01`, tested_at: '2024-01-01T00:00:00Z', seeds: 200, inbox: 180, spam: 20, missing: 0 },
      { stream: DOMAIN, provider: 'microsoft', send_id: `${DOMAIN}/2024-01-01`, tested_at: '2024-01-01T00:00:00Z', seeds: 40, inbox: 30, spam: 10, missing: 0 },
    ]);
    const test = JSON.parse(readFileSync(fixture('sources/esp/ses-test-report.json'), 'utf8')) as { DeliverabilityTestReport: { CreateDate: number | Date } };
    test.DeliverabilityTestReport.CreateDate = new Date(Number(test.DeliverabilityTestReport.CreateDate) * 1000);
    expect(testReportSeeds(test, new ProviderMap()).map((x) => [x.provider, x.seeds, x.inbox, x.spam, x.missing, x.tested_at])).toEqual([
      ['gmail', 100, 93, 5, 2, '2024-01-01T10:30:00.000Z'], ['microsoft', 100, 80, 15, 5, '2024-01-01T10:30:00.000Z'],
    ]);
  });
});
