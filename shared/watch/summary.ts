// The suspect's sentence: "hard bounces and blocks rose at Microsoft on transactional and newsletter since
// 2026-03-02 06:00 UTC". What moved (each metric as people say it, and which way), where, and since when. Pure.
import { providerName, utcMinute } from '../format.ts';
import { METRICS, type MetricId } from '../metrics.ts';

// How a deliverability team says each metric in a sentence (the catalog's labels are column headings).
const NOUNS: Readonly<Record<MetricId, string>> = {
  hard_bounce_rate: 'hard bounces',
  block_rate: 'blocks',
  soft_bounce_rate: 'soft bounces',
  complaint_rate: 'complaints',
  unsubscribe_rate: 'unsubscribes',
  inbox_placement_rate: 'inbox placement',
  spam_placement_rate: 'spam placement',
  gmail_spam_rate: 'the Postmaster spam rate',
  gmail_delivery_error_rate: 'Postmaster delivery errors',
  domain_reputation: 'domain reputation',
  ip_reputation: 'IP reputation',
  snds_filter_result: 'the SNDS filter result',
  snds_complaint_rate: 'the SNDS complaint rate',
  spam_trap_hits: 'spam-trap hits',
};
// Beyond this many names a list reads as a table: the rest are counted.
const MAX_NAMED = 3;

/** "a", "a and b", "a, b and c", "a, b, c and 4 other streams". */
export function listText(items: readonly string[], other: string): string {
  const named = items.length > MAX_NAMED + 1 ? [...items.slice(0, MAX_NAMED), `${items.length - MAX_NAMED} other ${other}`] : [...items];
  if (named.length <= 1) return named.join('');
  return `${named.slice(0, -1).join(', ')} and ${named[named.length - 1] ?? ''}`;
}

export function summarize(g: { metrics: readonly MetricId[]; providers: readonly string[]; streams: readonly string[]; first_seen_at: string }): string {
  const rose = g.metrics.filter((m) => METRICS[m].worse === 'higher').map((m) => NOUNS[m]);
  const fell = g.metrics.filter((m) => METRICS[m].worse === 'lower').map((m) => NOUNS[m]);
  const moved = [rose.length ? `${listText(rose, 'metrics')} rose` : '', fell.length ? `${listText(fell, 'metrics')} fell` : ''].filter(Boolean).join(' and ');
  const at = listText(g.providers.map(providerName), 'providers');
  const on = listText(g.streams, 'streams');
  const text = `${moved} at ${at} on ${on} since ${utcMinute(g.first_seen_at)}`;
  return text.charAt(0).toUpperCase() + text.slice(1);
}
