// Google Postmaster Tools pull: per domain, the v2 domainStats query for SPAM_RATE and DELIVERY_ERROR_RATE
// ("Method: domains.domainStats.query", v2 reference), v1 trafficStats where the v1 API still answers (domain and
// IP reputation exist only there), and the v2 compliance status ("Method: domains.getComplianceStatus"). Daily
// values of the last POSTMASTER_DAYS days are re-read on each run (Postmaster fills in and revises recent days); a
// revised day replaces the stored one. Everything is read and checked before anything is stored.
import { Readable } from 'node:stream';
import type { PostmasterConfig } from './config.ts';
import type { PullContext } from '../source.ts';
import { ingestStream } from '../../ingest/ingest.ts';
import { complianceRows } from './compliance.ts';
import { trafficStatsRecords, POSTMASTER_SOURCE } from '../../ingest/reputation/postmaster-format.ts';
import { replaceCompliance, type ComplianceRow } from '../../store/reputation-status.ts';
import { recordSourceFailure, recordSourceSuccess } from '../../store/sources.ts';
import { HttpStatusError, type RetryOptions } from '../../http/retry.ts';
import { fetchJson } from '../http.ts';

type Cfg = PostmasterConfig;
type Fields = Record<string, unknown>;
const isObject = (v: unknown): v is Fields => typeof v === 'object' && v !== null && !Array.isArray(v);

// v2 allows at most 200 DomainStats per page (domainStats.query, pageSize).
const V2_PAGE_SIZE = 200;
const V2_METRICS = { SPAM_RATE: 'gmail_spam_rate', DELIVERY_ERROR_RATE: 'gmail_delivery_error_rate' } as const;
const DAY_MS = 86_400_000;

const gdate = (d: Date) => ({ year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() });
const iso = (d: { year?: unknown; month?: unknown; day?: unknown }) =>
  `${String(d.year)}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;

async function accessToken(c: Cfg, retry?: RetryOptions): Promise<string> {
  if (c.accessToken) return c.accessToken;
  const o = c.oauth;
  if (!o) throw new Error('Postmaster: no POSTMASTER_ACCESS_TOKEN and no refresh token configured');
  const body = new URLSearchParams({ client_id: o.clientId, client_secret: o.clientSecret, refresh_token: o.refreshToken, grant_type: 'refresh_token' });
  const res = await fetchJson(c.tokenUrl, { method: 'POST', body, headers: { 'content-type': 'application/x-www-form-urlencoded' } }, 'the OAuth token endpoint', retry);
  const token = isObject(res) ? res.access_token : undefined;
  if (typeof token !== 'string') throw new Error('the OAuth token endpoint answered without an access_token');
  return token;
}

interface Ctx { c: Cfg; auth: Record<string, string>; retry: RetryOptions | undefined }

async function domains(x: Ctx): Promise<string[]> {
  if (x.c.domains) return x.c.domains;
  const out: string[] = [];
  let pageToken = '';
  do {
    const res = await fetchJson(`${x.c.apiEndpoint}/v1/domains${pageToken ? `?pageToken=${encodeURIComponent(pageToken)}` : ''}`, { headers: x.auth }, 'Postmaster domains.list', x.retry);
    const list = isObject(res) && Array.isArray(res.domains) ? res.domains : [];
    for (const d of list) if (isObject(d) && typeof d.name === 'string') out.push(d.name.replace(/^domains\//, ''));
    pageToken = isObject(res) && typeof res.nextPageToken === 'string' ? res.nextPageToken : '';
  } while (pageToken);
  return out;
}

async function v1Records(x: Ctx, domain: string, from: Date, to: Date): Promise<Fields[]> {
  const out: Fields[] = [];
  let pageToken = '';
  const s = gdate(from);
  const e = gdate(to);
  do {
    const q = new URLSearchParams({
      'startDate.year': String(s.year), 'startDate.month': String(s.month), 'startDate.day': String(s.day),
      'endDate.year': String(e.year), 'endDate.month': String(e.month), 'endDate.day': String(e.day),
      ...(pageToken ? { pageToken } : {}),
    });
    let res: unknown;
    try {
      res = await fetchJson(`${x.c.apiEndpoint}/v1/domains/${encodeURIComponent(domain)}/trafficStats?${q}`, { headers: x.auth }, 'Postmaster v1 trafficStats', x.retry);
    } catch (err) {
      // v1 is being retired: where it no longer answers for a domain, v2 alone is used.
      if (err instanceof HttpStatusError && (err.status === 404 || err.status === 403 || err.status === 410)) return out;
      throw err;
    }
    const list = isObject(res) && Array.isArray(res.trafficStats) ? res.trafficStats : [];
    for (const [i, t] of list.entries()) for (const r of trafficStatsRecords(t, i + 1)) if ('fields' in r) out.push(r.fields);
    pageToken = isObject(res) && typeof res.nextPageToken === 'string' ? res.nextPageToken : '';
  } while (pageToken);
  return out;
}

async function v2Records(x: Ctx, domain: string, from: Date, to: Date): Promise<Fields[]> {
  const out: Fields[] = [];
  let pageToken = '';
  do {
    const body = {
      metricDefinitions: Object.keys(V2_METRICS).map((m) => ({ name: m, baseMetric: { standardMetric: m } })),
      timeQuery: { dateRanges: { dateRanges: [{ start: gdate(from), end: gdate(to) }] } },
      aggregationGranularity: 'DAILY', pageSize: V2_PAGE_SIZE, ...(pageToken ? { pageToken } : {}),
    };
    const res = await fetchJson(`${x.c.apiEndpoint}/v2/domains/${encodeURIComponent(domain)}/domainStats:query`,
      { method: 'POST', headers: { ...x.auth, 'content-type': 'application/json' }, body: JSON.stringify(body) }, 'Postmaster v2 domainStats.query', x.retry);
    const stats = isObject(res) && Array.isArray(res.domainStats) ? res.domainStats : [];
    for (const st of stats) {
      if (!isObject(st) || !isObject(st.date) || !isObject(st.value)) continue;
      const metric = V2_METRICS[st.metric as keyof typeof V2_METRICS];
      // StatisticValue is a union; the rates come as a double (a fraction, like v1's ratios).
      const value = st.value.doubleValue ?? st.value.floatValue ?? st.value.intValue;
      if (metric && value !== undefined) out.push({ date: iso(st.date), subject: domain, source: POSTMASTER_SOURCE, metric, value: Number(value) });
    }
    pageToken = isObject(res) && typeof res.nextPageToken === 'string' ? res.nextPageToken : '';
  } while (pageToken);
  return out;
}

/** The domain's compliance rows, or null where Google refuses them (no permission on it, or not available). */
async function compliance(x: Ctx, domain: string): Promise<ComplianceRow[] | null> {
  let res: unknown;
  try {
    res = await fetchJson(`${x.c.apiEndpoint}/v2/domains/${encodeURIComponent(domain)}/complianceStatus`, { headers: x.auth }, 'Postmaster v2 getComplianceStatus', x.retry);
  } catch (err) {
    // PERMISSION_DENIED (the token lacks the postmaster.traffic.readonly scope, or the user has no access to the
    // domain) or NOT_FOUND: the day's statistics are still worth storing; the summary names the domain.
    if (err instanceof HttpStatusError && (err.status === 403 || err.status === 404)) return null;
    throw err;
  }
  return complianceRows(domain, res);
}

export async function pullPostmaster(s: PullContext, c: Cfg, retry?: RetryOptions): Promise<string> {
  const source = 'postmaster';
  const now = s.now();
  try {
    const x: Ctx = { c, auth: { authorization: `Bearer ${await accessToken(c, retry)}` }, retry };
    const to = new Date(now.getTime() - DAY_MS);
    const from = new Date(now.getTime() - c.days * DAY_MS);
    const byKey = new Map<string, Fields>();
    const checked = new Map<string, ComplianceRow[]>();
    const refused: string[] = [];
    for (const d of await domains(x)) {
      // v1 first, then v2: where both give a day's spam or error rate, v2 (the current API) wins.
      for (const r of [...(await v1Records(x, d, from, to)), ...(await v2Records(x, d, from, to))]) {
        byKey.set(`${String(r.date)}|${String(r.subject)}|${String(r.metric)}`, r);
      }
      const rows = await compliance(x, d);
      if (rows) checked.set(d, rows);
      else refused.push(d);
    }
    let stored = 0;
    if (byKey.size > 0) {
      const lines = Readable.from([...byKey.values()].map((r) => `${JSON.stringify(r)}\n`));
      stored = (await ingestStream(s.db, source, lines, { kind: 'reputation', format: 'ndjson', skipBad: true })).stored;
    }
    await s.db.transaction(async (tx) => {
      for (const [d, rows] of checked) await replaceCompliance(tx, d, rows, now.toISOString());
      await recordSourceSuccess(tx, source, now.toISOString(), stored);
    });
    const needsWork = [...checked].filter(([, rows]) => rows.some((r) => r.status === 'NEEDS_WORK')).map(([d]) => d);
    return `postmaster: ${byKey.size} daily value(s) read, ${stored} stored; compliance of ${checked.size} domain(s)`
      + `${needsWork.length ? `, needs work: ${needsWork.join(', ')}` : ''}${refused.length ? `; compliance refused for ${refused.join(', ')} (permission or scope)` : ''}`;
  } catch (err) {
    await recordSourceFailure(s.db, source, now.toISOString(), err instanceof Error ? err.message : String(err));
    throw err;
  }
}
