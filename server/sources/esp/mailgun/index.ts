// The Mailgun pull: per sending domain (MAILGUN_DOMAINS), POST /v1/analytics/metrics by day and recipient
// provider (dimensions `time` and `recipient_provider`), filtered to the domain, paged with skip/limit until the
// answer's total. HTTP basic auth with user `api` and the API key (Mailgun API reference, Authentication).
// Plain fetch: the official mailgun.js wraps this call in its own client (form-data, its own errors) without
// the rate limit's Retry-After; one POST with a JSON body needs none of it.
import type { RetryOptions } from '../../../http/retry.ts';
import { requestJson, type EspClient } from '../http.ts';
import { ProviderMap } from '../providers.ts';
import type { DayWindow, EspRead, EspReader, PulledSend } from '../types.ts';
import type { MailgunConfig } from './config.ts';
import { METRICS, metricsPage } from './parse.ts';

const PATH = '/v1/analytics/metrics';
// Items a page; a day × provider is one item, so a 60-day backfill of one domain is a page or two.
const PAGE = 300;
const DAY_NAMES = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** The RFC 2822 date Mailgun's start and end take, in UTC. */
export function rfc2822(iso: string): string {
  const d = new Date(iso);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${DAY_NAMES[d.getUTCDay()]}, ${p(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +0000`;
}

export function mailgunReader(c: MailgunConfig, retry?: RetryOptions): EspReader {
  const client: EspClient = {
    label: 'Mailgun', base: c.endpoint, retry,
    headers: { authorization: `Basic ${Buffer.from(`api:${c.apiKey}`).toString('base64')}` },
    refusal: (status) => status === 401
      ? 'the API key is not valid (MAILGUN_API_KEY; a domain sending key cannot read analytics, an account API key can)'
      : 'the API key\'s role cannot read analytics (Mailgun, API Security: a key with the Analyst, Developer or Admin role)',
  };
  return {
    name: 'mailgun',
    window: c,
    async read(w: DayWindow): Promise<EspRead> {
      const providers = new ProviderMap();
      const sends: PulledSend[] = [];
      for (const domain of c.domains) {
        for (let skip = 0; ; skip += PAGE) {
          const body = await requestJson(client, PATH, {
            json: {
              start: rfc2822(`${w.from}T00:00:00Z`), end: rfc2822(`${w.to}T23:59:59Z`), resolution: 'day',
              dimensions: ['time', 'recipient_provider'], metrics: METRICS,
              filter: { AND: [{ attribute: 'domain', comparator: '=', values: [{ label: domain, value: domain }] }] },
              include_subaccounts: true, pagination: { sort: 'time:asc', skip, limit: PAGE },
            },
          });
          const page = metricsPage(body, domain, providers);
          sends.push(...page.sends);
          if (skip + PAGE >= page.total || page.sends.length === 0) break;
        }
      }
      return { sends, seeds: [], unknownProviders: providers.unknown };
    },
  };
}
