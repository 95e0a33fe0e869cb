// How the report writes times, rates and durations. Times are built from parts rather than a locale's pattern
// so every report reads the same whatever ICU data the Node build carries, and always names its zone.
import { metricValue } from '#shared/format.ts';
import type { MetricId } from '#shared/metrics.ts';
import { wallClock, zoneOffsetMs } from '#shared/iso-week.ts';

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;
const HOUR_MS = 3_600_000;
const MINUTE_MS = 60_000;
const pad = (n: number): string => String(n).padStart(2, '0');

/** "Mon 2 Mar 2026" in the zone. */
export function dateInZone(instant: Date, timeZone: string): string {
  const w = wallClock(instant, timeZone);
  const weekday = WEEKDAYS[new Date(Date.UTC(w.year, w.month - 1, w.day)).getUTCDay()] ?? '';
  return `${weekday} ${w.day} ${MONTHS[w.month - 1] ?? ''} ${w.year}`;
}

/** "Mon 2 Mar 2026, 08:00 Europe/Berlin". */
export function timeInZone(instant: Date, timeZone: string): string {
  const w = wallClock(instant, timeZone);
  return `${dateInZone(instant, timeZone)}, ${pad(w.hour)}:${pad(w.minute)} ${timeZone}`;
}

/** RFC 3339 with the zone's offset ("2026-03-02T08:00:00+01:00"): local and unambiguous, for the CSV. */
export function isoInZone(instant: Date, timeZone: string): string {
  const w = wallClock(instant, timeZone);
  const offsetMin = Math.round(zoneOffsetMs(instant, timeZone) / MINUTE_MS);
  const sign = offsetMin < 0 ? '-' : '+';
  const abs = Math.abs(offsetMin);
  const offset = abs === 0 ? 'Z' : `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
  return `${w.year}-${pad(w.month)}-${pad(w.day)}T${pad(w.hour)}:${pad(w.minute)}:${pad(w.second)}${offset}`;
}

/** A metric's value as the dashboard, emails and CLI show it (shared/format.ts); the report's tables use "–" for none. */
export function formatValue(metric: MetricId, value: number | null): string {
  return value === null || !Number.isFinite(value) ? '–' : metricValue(metric, value);
}

/** A relative change ("+240%", "−12%"); null when the baseline is zero or missing. */
export function formatChange(change: number | null): string {
  if (change === null || !Number.isFinite(change)) return '–';
  const pct = Math.round(change * 100);
  return pct === 0 ? '±0%' : `${pct > 0 ? '+' : '−'}${Math.abs(pct)}%`;
}

export function hoursBetween(from: string, to: Date): number {
  return (to.getTime() - Date.parse(from)) / HOUR_MS;
}


/** Provider names as every other output writes them (shared/format.ts). */
export { providerName as providerLabel } from '#shared/format.ts';

export { escapeHtml } from '#shared/format.ts';
