// The SendGrid pull: GET /v3/mailbox_providers/stats (daily, per mailbox provider, paged with limit/offset) and
// GET /v3/categories/stats for SENDGRID_CATEGORIES (daily, up to ten categories a request). Plain fetch, not the
// official @sendgrid/client: these are two GETs with a bearer key, and our own client keeps one retry policy
// (Retry-After included) and one error shape across the ESPs.
import type { RetryOptions } from '../../../http/retry.ts';
import { getJson, type EspClient } from '../http.ts';
import { ProviderMap } from '../providers.ts';
import type { DayWindow, EspRead, EspReader } from '../types.ts';
import type { SendgridConfig } from './config.ts';
import { categorySends, mailboxProviderSends } from './parse.ts';

// The stats endpoints return at most 500 items a request by default ("Advanced Stats" reference); a page of
// days shorter than this is the last one.
const PAGE = 500;
// "You may include up to 10 different categories" (categories/stats reference).
const CATEGORIES_PER_REQUEST = 10;

// Scopes as SendGrid's API key permissions list names them.
const SCOPES: Record<string, string> = {
  '/v3/mailbox_providers/stats': 'mailbox_providers.stats.read',
  '/v3/categories/stats': 'categories.stats.read',
};

export function sendgridReader(c: SendgridConfig, retry?: RetryOptions): EspReader {
  const client: EspClient = {
    label: 'SendGrid', base: c.endpoint, headers: { authorization: `Bearer ${c.apiKey}` }, retry,
    refusal: (status, path) => status === 401
      ? 'the API key is not valid (SENDGRID_API_KEY)'
      : `the API key lacks the ${SCOPES[path] ?? 'stats.read'} scope (SendGrid, Settings → API Keys → Restricted Access → Stats)`,
  };
  return {
    name: 'sendgrid',
    window: c,
    async read(w: DayWindow): Promise<EspRead> {
      const providers = new ProviderMap();
      const base = { start_date: w.from, end_date: w.to, aggregated_by: 'day' };
      const sends = [];
      for (let offset = 0; ; offset += PAGE) {
        const body = await getJson(client, '/v3/mailbox_providers/stats', { ...base, limit: String(PAGE), offset: String(offset) });
        const page = mailboxProviderSends(body, c.stream, providers);
        sends.push(...page);
        if (!Array.isArray(body) || body.length < PAGE) break;
      }
      for (let i = 0; i < c.categories.length; i += CATEGORIES_PER_REQUEST) {
        const batch = c.categories.slice(i, i + CATEGORIES_PER_REQUEST);
        sends.push(...categorySends(await getJson(client, '/v3/categories/stats', { ...base, categories: batch })));
      }
      return { sends, seeds: [], unknownProviders: providers.unknown };
    },
  };
}
