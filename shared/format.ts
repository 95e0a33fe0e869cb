// How values read to people, the same in emails, reports, the CLI and the dashboard: rates as percentages
// (stored as fractions), levels by name, providers by their brand name.
import { METRICS, ordinalLabel, type MetricId } from './metrics.ts';

const PROVIDER_NAMES: Readonly<Record<string, string>> = {
  gmail: 'Gmail', yahoo: 'Yahoo', microsoft: 'Microsoft', apple: 'Apple', other: 'other providers',
};

export function providerName(provider: string): string {
  return PROVIDER_NAMES[provider] ?? provider;
}

// Deliverability rates live around 0.01%–5%: two decimals of a percent tell 0.10% from 0.12% (SPEC 5's example).
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
