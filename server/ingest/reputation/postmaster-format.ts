// Google Postmaster Tools v1 trafficStats → generic reputation records (docs/data-formats.md). Shared by `rebound ingest`
// (a saved API answer) and the Postmaster pull. Field meanings: "REST Resource: domains.trafficStats",
// https://developers.google.com/workspace/gmail/postmaster/reference/rest/v1/domains.trafficStats
import type { RawRecord } from '../records.ts';

export const POSTMASTER_SOURCE = 'postmaster';

// A year of daily stats for a hundred domains is a few megabytes; a JSON document is parsed whole, so anything
// far beyond that is refused rather than buffered.
export const MAX_POSTMASTER_BYTES = 64 * 1024 * 1024;

/** `domains/{domain}/trafficStats/{yyyymmdd}` (the resource name format in the reference above). */
const NAME = /^domains\/([^/]+)\/trafficStats\/(\d{4})(\d{2})(\d{2})$/;
// The enum's placeholder value carries no information; it is skipped, not rejected.
const UNSPECIFIED = 'REPUTATION_CATEGORY_UNSPECIFIED';
const LEVELS_WORST_FIRST = ['BAD', 'LOW', 'MEDIUM', 'HIGH'];

type Fields = Record<string, unknown>;
const isObject = (v: unknown): v is Fields => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * ipReputations lists, per category, how many of the domain's sending IPs were in it that day. One daily value
 * is needed: the category of the median IP (IPs ordered worst to best), so one stray BAD IP among fifty HIGH
 * ones does not make the day BAD, while half the pool going LOW does show.
 */
export function medianIpReputation(entries: unknown[]): string | null {
  const counts = new Map<string, number>();
  for (const e of entries) {
    if (!isObject(e) || typeof e.reputation !== 'string') continue;
    // ipCount is an int64, which the JSON mapping of the API sends as a string.
    const n = Number(e.ipCount ?? 0);
    if (Number.isFinite(n) && n > 0) counts.set(e.reputation, (counts.get(e.reputation) ?? 0) + n);
  }
  const total = [...counts.values()].reduce((a, b) => a + b, 0);
  if (total === 0) return null;
  let seen = 0;
  for (const level of LEVELS_WORST_FIRST) {
    seen += counts.get(level) ?? 0;
    if (seen >= total / 2) return level;
  }
  return null;
}

/** One TrafficStats object → its generic records (or the reason it cannot be read). */
export function trafficStatsRecords(stats: unknown, line: number): RawRecord[] {
  if (!isObject(stats)) return [{ line, error: 'a trafficStats entry must be a JSON object' }];
  const name = typeof stats.name === 'string' ? NAME.exec(stats.name) : null;
  if (!name) return [{ line, error: 'name: must be domains/{domain}/trafficStats/{yyyymmdd}' }];
  const base = { date: `${name[2]}-${name[3]}-${name[4]}`, subject: name[1], source: POSTMASTER_SOURCE };
  const out: RawRecord[] = [];
  const add = (metric: string, value: unknown) => out.push({ line, fields: { ...base, metric, value } });
  if (stats.userReportedSpamRatio !== undefined) add('gmail_spam_rate', stats.userReportedSpamRatio);
  if (typeof stats.domainReputation === 'string' && stats.domainReputation !== UNSPECIFIED) add('domain_reputation', stats.domainReputation);
  if (Array.isArray(stats.ipReputations)) {
    const level = medianIpReputation(stats.ipReputations);
    if (level) add('ip_reputation', level);
  }
  // deliveryErrors holds one errorRatio per error class and type (rate limit, bad reputation, DMARC policy…),
  // each a share of all authenticated traffic; their sum is the day's delivery error rate.
  if (Array.isArray(stats.deliveryErrors) && stats.deliveryErrors.length > 0) {
    let sum = 0;
    for (const e of stats.deliveryErrors) {
      const r = isObject(e) ? Number(e.errorRatio ?? 0) : Number.NaN;
      if (!Number.isFinite(r)) return [{ line, error: 'deliveryErrors: every entry needs a numeric errorRatio' }];
      sum += r;
    }
    add('gmail_delivery_error_rate', Math.min(sum, 1));
  }
  return out;
}

/** The line of the document on which an entry's name appears, so a rejection points at the right place. */
function lineOf(text: string, name: unknown, fallback: number): number {
  if (typeof name !== 'string') return fallback;
  const at = text.indexOf(JSON.stringify(name));
  if (at < 0) return fallback;
  let n = 1;
  for (let i = 0; i < at; i++) if (text.charCodeAt(i) === 10) n++;
  return n;
}

/**
 * A saved answer of trafficStats.list (`{ "trafficStats": [...] }`), one TrafficStats object, or NDJSON of
 * TrafficStats objects → generic records with the line each came from.
 */
export function postmasterDocumentRecords(text: string): RawRecord[] {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    // Not one JSON document: NDJSON, one TrafficStats per line.
    return text.split('\n').flatMap((l, i) => {
      if (l.trim() === '') return [];
      try {
        return trafficStatsRecords(JSON.parse(l), i + 1);
      } catch {
        return [{ line: i + 1, error: 'not valid JSON' }];
      }
    });
  }
  const list = isObject(doc) && Array.isArray(doc.trafficStats) ? doc.trafficStats : isObject(doc) && 'name' in doc ? [doc] : null;
  if (!list) return [{ line: 1, error: 'not a Postmaster trafficStats answer: expected {"trafficStats": [...]}' }];
  return list.flatMap((s, i) => trafficStatsRecords(s, lineOf(text, isObject(s) ? s.name : undefined, i + 1)));
}
