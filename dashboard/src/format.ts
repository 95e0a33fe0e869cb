// How values are written on every page: rates stored as fractions shown as percentages (0.003 → 0.30%),
// times in UTC (the data's own zone, docs/data-formats.md), durations in days and hours.

import { duration as sharedDuration } from '#shared/format.ts';
// Percentages and metric values are written the same way as in emails and the CLI (shared/format.ts).
export { metricValue, percent } from '#shared/format.ts';

const HOUR_MS = 3_600_000;

const countFormat = new Intl.NumberFormat('en-US');

export function count(n: number | null | undefined): string {
  return n === null || n === undefined ? '—' : countFormat.format(n);
}

/** "2026-03-01 09:00 UTC": the data's time zone, written out so nobody guesses. */
export function dateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '—';
  return `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

export function shortDate(ms: number): string {
  return new Date(ms).toISOString().slice(5, 10);
}

/** A duration in the dashboard's tables and labels: "30 h", "6.4 d" (shared/format.ts, as in the CLI). */
export function duration(hours: number | null | undefined): string {
  return sharedDuration(hours, 'short');
}

/** Age of an event relative to `now`, e.g. "3 d 4 h ago". */
export function age(iso: string, now: number = Date.now()): string {
  const hours = (now - Date.parse(iso)) / HOUR_MS;
  if (hours < 0) return `in ${duration(-hours)}`;
  return `${duration(hours)} ago`;
}

export function humanize(id: string): string {
  const s = id.replace(/_/g, ' ');
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** `datetime-local` gives "2026-03-01T09:30" without a zone; the form says UTC, so it is read as UTC. */
export function localInputToUtc(value: string): string {
  return value ? `${value.length === 16 ? `${value}:00` : value}Z` : '';
}
