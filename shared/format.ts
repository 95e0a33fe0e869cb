// How values read to people, the same in emails, reports, the CLI and the dashboard: rates as percentages
// (stored as fractions), levels by name, providers by their brand name.
import { METRICS, ordinalLabel, type MetricId } from './metrics.ts';
import type { RecoverySeries } from './schema/recovery.ts';

const PROVIDER_NAMES: Readonly<Record<string, string>> = {
  gmail: 'Gmail', yahoo: 'Yahoo', microsoft: 'Microsoft', apple: 'Apple', other: 'other providers',
};

export function providerName(provider: string): string {
  return PROVIDER_NAMES[provider] ?? provider;
}

// Deliverability rates live around 0.01%–5%: two decimals of a percent tell 0.10% from 0.12% (docs/statistics.md's example).
const PERCENT_DIGITS = 2;
// Below 0.1% (the complaint-rate target most mailbox providers publish) two decimals would show 0.06% and 0.055%
// alike, and that is where complaint baselines live: one more digit there.
const SMALL_RATE = 0.001;
const SMALL_RATE_DIGITS = 3;

export function percent(fraction: number | null | undefined, digits = PERCENT_DIGITS): string {
  return fraction === null || fraction === undefined || !Number.isFinite(fraction) ? '—' : `${(fraction * 100).toFixed(digits)}%`;
}

/** A metric's value in its unit: a percentage, a count, or a level name (HIGH, GREEN…). */
export function metricValue(metric: MetricId, value: number | null | undefined): string {
  if (value === null || value === undefined) return '—';
  const def = METRICS[metric];
  if (def.unit === 'level') return ordinalLabel(metric, Math.round(value)) ?? String(value);
  if (def.unit === 'count') return value.toLocaleString('en-US', { maximumFractionDigits: 1 });
  return percent(value, value !== 0 && Math.abs(value) < SMALL_RATE ? SMALL_RATE_DIGITS : PERCENT_DIGITS);
}

export function metricLabel(metric: MetricId): string {
  return METRICS[metric].label;
}

const HOURS_PER_DAY = 24;
// Under two days a duration reads best in hours ("30 hours"); from there in days, to a tenth ("6.4 days").
const HOURS_BEFORE_DAYS = 48;

/**
 * A duration given in hours, written one way everywhere: `words` in sentences (reports, emails: "30 hours",
 * "6.4 days"), `short` in tables and labels (the dashboard, the CLI: "30 h", "6.4 d").
 */
export function duration(hours: number | null | undefined, style: 'words' | 'short' = 'words'): string {
  if (hours === null || hours === undefined || !Number.isFinite(hours)) return '—';
  if (Math.abs(hours) < HOURS_BEFORE_DAYS) {
    const h = Math.round(hours);
    return style === 'short' ? `${h} h` : `${h} ${Math.abs(h) === 1 ? 'hour' : 'hours'}`;
  }
  const days = Math.round((hours / HOURS_PER_DAY) * 10) / 10;
  return style === 'short' ? `${days} d` : `${days} days`;
}

/** How a series' (or an incident's) recovery status reads: the dashboard's badges, the report, the emails. */
export const STATUS_LABELS: Readonly<Record<RecoverySeries['status'], string>> = {
  degraded: 'Degraded',
  recovering: 'Recovering',
  recovered: 'Recovered',
  unaffected: 'Unaffected',
  insufficient_data: 'Insufficient data',
};

/** "2026-03-02 14:00 UTC" */
export function utcMinute(iso: string | null): string {
  return iso ? `${iso.slice(0, 16).replace('T', ' ')} UTC` : '—';
}

// Every piece of text that reaches generated markup (reports, alert emails: incident titles, stream names, owners —
// user input) goes through here, in element content and in quoted attribute values alike.
const ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);
}
