// The SES pull, with the official AWS SDK (@aws-sdk/client-sesv2; SES_API_ENDPOINT points it elsewhere, as
// tests do): the Deliverability dashboard's subscribed domains (GetDeliverabilityDashboardOptions), each
// domain's daily ISP placement (GetDomainStatisticsReport, in pieces of at most 30 days), and the completed
// predictive test reports created in the window (ListDeliverabilityTestReports, GetDeliverabilityTestReport).
// The SDK's own retries are off (maxAttempts 1): every call goes through the shared retry, which obeys a 429's
// Retry-After as the other ESPs' do.
import {
  GetDeliverabilityDashboardOptionsCommand, GetDeliverabilityTestReportCommand, GetDomainStatisticsReportCommand,
  ListDeliverabilityTestReportsCommand, SESv2Client,
} from '@aws-sdk/client-sesv2';
import { DEFAULT_RETRY, HttpStatusError, withRetry, type RetryOptions } from '../../../http/retry.ts';
import { EspAnswerError, retryAfterMs } from '../http.ts';
import { daysOf } from '../pull.ts';
import { ProviderMap } from '../providers.ts';
import type { DayWindow, EspRead, EspReader, PulledSeed } from '../types.ts';
import type { SesConfig } from './config.ts';
import { domainPlacementSeeds, testReportSeeds } from './parse.ts';

// Days a statistics report is asked for at once: the dashboard keeps daily volumes in month-sized reports.
const REPORT_DAYS = 30;
const PAGE_SIZE = 1000;
const DAY_MS = 86_400_000;
// Credentials that are refused, as against permissions that are missing.
const BAD_CREDENTIALS = /^(UnrecognizedClient|InvalidClientTokenId|SignatureDoesNotMatch|InvalidSignature|ExpiredToken|MissingAuthenticationToken)/;

interface SdkError { name?: string; message?: string; $metadata?: { httpStatusCode?: number }; $response?: { headers?: Record<string, string> } }

/** An SDK failure as the shared retry and the run summary understand it: the HTTP status, and what it means. */
function asHttpError(err: unknown, action: string): Error {
  const e = (typeof err === 'object' && err !== null ? err : {}) as SdkError;
  const status = e.$metadata?.httpStatusCode;
  if (status === undefined) return err instanceof Error ? err : new Error(String(err));
  if (status === 401 || status === 403) {
    const why = BAD_CREDENTIALS.test(e.name ?? '')
      ? 'the AWS credentials are not valid (AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or the profile or role in use)'
      : `the credentials lack the IAM permission ses:${action}`;
    return new HttpStatusError(status, `SES refused ${action} (HTTP ${status}, ${e.name ?? 'error'}): ${why}`);
  }
  if (status >= 200 && status < 300) return new EspAnswerError(`SES ${action} answered something the SDK could not read: ${e.message ?? 'unreadable'}`);
  return new HttpStatusError(status, `SES answered HTTP ${status} on ${action}`, status === 429 ? retryAfterMs(e.$response?.headers?.['retry-after'] ?? null) : null);
}

export function sesReader(c: SesConfig, retry: RetryOptions = DEFAULT_RETRY): EspReader {
  const client = new SESv2Client({
    region: c.region, maxAttempts: 1, ...(c.endpoint ? { endpoint: c.endpoint } : {}), ...(c.credentials ? { credentials: c.credentials } : {}),
  });
  const call = <T>(action: string, send: () => Promise<T>): Promise<T> => withRetry(async () => {
    try {
      return await send();
    } catch (err) {
      throw asHttpError(err, action);
    }
  }, retry);
  return {
    name: 'ses',
    window: c,
    async read(w: DayWindow): Promise<EspRead> {
      const providers = new ProviderMap();
      const seeds: PulledSeed[] = [];
      const options = await call('GetDeliverabilityDashboardOptions', () => client.send(new GetDeliverabilityDashboardOptionsCommand({})));
      if (!options.DashboardEnabled) throw new Error('SES: the Deliverability dashboard is not enabled on this account, so there is no placement to pull');
      const domains = (options.ActiveSubscribedDomains ?? []).map((d) => d.Domain).filter((d): d is string => !!d);
      const days = daysOf(w);
      for (const domain of domains) {
        for (let i = 0; i < days.length; i += REPORT_DAYS) {
          const first = days[i] ?? w.from;
          const last = days[Math.min(i + REPORT_DAYS, days.length) - 1] ?? w.to;
          const report = await call('GetDomainStatisticsReport', () => client.send(new GetDomainStatisticsReportCommand({
            Domain: domain, StartDate: new Date(`${first}T00:00:00Z`), EndDate: new Date(`${last}T00:00:00Z`),
          })));
          seeds.push(...domainPlacementSeeds(report, domain, providers));
        }
      }
      const from = Date.parse(`${w.from}T00:00:00Z`);
      const until = Date.parse(`${w.to}T00:00:00Z`) + DAY_MS;
      let next: string | undefined;
      do {
        const page = await call('ListDeliverabilityTestReports', () => client.send(new ListDeliverabilityTestReportsCommand({ PageSize: PAGE_SIZE, NextToken: next })));
        for (const r of page.DeliverabilityTestReports ?? []) {
          const at = r.CreateDate?.getTime();
          if (!r.ReportId || r.DeliverabilityTestStatus !== 'COMPLETED' || at === undefined || at < from || at >= until) continue;
          const id = r.ReportId;
          seeds.push(...testReportSeeds(await call('GetDeliverabilityTestReport', () => client.send(new GetDeliverabilityTestReportCommand({ ReportId: id }))), providers));
        }
        next = page.NextToken;
      } while (next);
      return { sends: [], seeds, unknownProviders: providers.unknown };
    },
  };
}
