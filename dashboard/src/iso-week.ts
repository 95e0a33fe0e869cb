// ISO 8601 weeks ("2026-W09") for the reports page's default: the previous week, by the UTC calendar (the server
// places it in TZ_REPORTS, which differs only in the hours around Monday midnight).
const DAY_MS = 86_400_000;
const WEEK_DAYS = 7;
const THURSDAY = 4;
export const ISO_WEEK = /^\d{4}-W\d{2}$/;

export function isoWeekOf(ms: number): string {
  const day = new Date(ms);
  const midnight = Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate());
  const weekday = new Date(midnight).getUTCDay() || WEEK_DAYS;
  // The ISO year and week are those of the week's Thursday.
  const thursday = new Date(midnight + (THURSDAY - weekday) * DAY_MS);
  const year = thursday.getUTCFullYear();
  const week = Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / (WEEK_DAYS * DAY_MS)) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

export const previousIsoWeek = (now: number = Date.now()): string => isoWeekOf(now - WEEK_DAYS * DAY_MS);
