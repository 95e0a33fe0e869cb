// ISO 8601 weeks ("2026-W09") and their boundaries in an IANA time zone, for the reports on the server and the
// dashboard alike, with plain Intl.DateTimeFormat arithmetic: a report week runs from Monday 00:00 to the next Monday 00:00 local time, so across a DST change
// it is 167 or 169 hours long, and "the previous week" depends on the zone (Monday 00:30 in Berlin is still
// Sunday in UTC).

export interface IsoWeek { year: number; week: number }
/** A calendar date without a time or zone; month 1–12. */
export interface CivilDate { year: number; month: number; day: number }

const DAY_MS = 86_400_000;
const WEEK_DAYS = 7;
// ISO 8601: week 1 is the week containing the year's first Thursday (equivalently, 4 January).
const THURSDAY_OFFSET = 3;
/** "YYYY-Www": the shape of a week; parseIsoWeek also checks that the year has the week. */
export const ISO_WEEK = /^(\d{4})-W(\d{2})$/;

export class WeekError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WeekError';
  }
}

// Civil dates are handled as UTC midnights: the arithmetic of days then has no DST in it.
const civilMs = (d: CivilDate): number => Date.UTC(d.year, d.month - 1, d.day);
const civilOf = (ms: number): CivilDate => {
  const t = new Date(ms);
  return { year: t.getUTCFullYear(), month: t.getUTCMonth() + 1, day: t.getUTCDate() };
};
/** 1 = Monday … 7 = Sunday. */
const isoWeekday = (ms: number): number => new Date(ms).getUTCDay() || WEEK_DAYS;

/** The ISO week a calendar date belongs to (2027-01-01 → 2026-W53, 2025-12-29 → 2026-W01). */
export function isoWeekOf(d: CivilDate): IsoWeek {
  const ms = civilMs(d);
  const thursday = ms + (4 - isoWeekday(ms)) * DAY_MS;
  const year = new Date(thursday).getUTCFullYear();
  const week = Math.floor((thursday - Date.UTC(year, 0, 1)) / (WEEK_DAYS * DAY_MS)) + 1;
  return { year, week };
}

/** 52 or 53: a year has 53 ISO weeks when 28 December (always in its last week) is in week 53. */
export function weeksInYear(year: number): number {
  return isoWeekOf({ year, month: 12, day: 28 }).week;
}

/** The Monday of an ISO week, as a calendar date. */
export function mondayOf(w: IsoWeek): CivilDate {
  const jan4 = Date.UTC(w.year, 0, 1 + THURSDAY_OFFSET);
  const mondayOfWeek1 = jan4 - (isoWeekday(jan4) - 1) * DAY_MS;
  return civilOf(mondayOfWeek1 + (w.week - 1) * WEEK_DAYS * DAY_MS);
}

export function formatIsoWeek(w: IsoWeek): string {
  return `${String(w.year).padStart(4, '0')}-W${String(w.week).padStart(2, '0')}`;
}

/** Parses "YYYY-Www"; anything else, or a week the year does not have, is a WeekError that says why. */
export function parseIsoWeek(text: string): IsoWeek {
  const m = ISO_WEEK.exec(text.trim());
  if (!m) throw new WeekError(`"${text}" is not an ISO week; write it as YYYY-Www, e.g. 2026-W09`);
  const year = Number(m[1]);
  const week = Number(m[2]);
  const max = weeksInYear(year);
  if (week < 1 || week > max) throw new WeekError(`"${text}" does not exist: ${year} has weeks W01 to W${max}`);
  return { year, week };
}

export function addWeeks(w: IsoWeek, n: number): IsoWeek {
  return isoWeekOf(civilOf(civilMs(mondayOf(w)) + n * WEEK_DAYS * DAY_MS));
}

// ---- time zones ------------------------------------------------------------------------------------------------

const partsFormatters = new Map<string, Intl.DateTimeFormat>();
function partsFormatter(timeZone: string): Intl.DateTimeFormat {
  let f = partsFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric',
    });
    partsFormatters.set(timeZone, f);
  }
  return f;
}

export interface WallClock extends CivilDate { hour: number; minute: number; second: number }

/** The local date and time at an instant in a zone. */
export function wallClock(instant: Date, timeZone: string): WallClock {
  const parts: Record<string, number> = {};
  for (const p of partsFormatter(timeZone).formatToParts(instant)) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  return {
    year: parts.year ?? 0, month: parts.month ?? 1, day: parts.day ?? 1, hour: parts.hour ?? 0, minute: parts.minute ?? 0, second: parts.second ?? 0,
  };
}

/** The zone's offset from UTC at an instant, in ms (Berlin in winter: +3 600 000). */
export function zoneOffsetMs(instant: Date, timeZone: string): number {
  const w = wallClock(instant, timeZone);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return asUtc - (instant.getTime() - instant.getUTCMilliseconds());
}

/**
 * The instant of local midnight starting a calendar date. The offset is looked up at the first guess and again
 * at the corrected instant, which settles it even when the date is a DST day. Where midnight itself does not
 * exist (zones that switch at 00:00), this gives the first instant of the day's later offset.
 */
export function startOfDay(d: CivilDate, timeZone: string): Date {
  const wall = civilMs(d);
  let t = wall - zoneOffsetMs(new Date(wall), timeZone);
  t = wall - zoneOffsetMs(new Date(t), timeZone);
  return new Date(t);
}

export interface WeekBounds { week: IsoWeek; label: string; timeZone: string; start: Date; end: Date }

/** [start, end): Monday 00:00 to the next Monday 00:00, local time in the zone. */
export function weekBounds(w: IsoWeek, timeZone: string): WeekBounds {
  const monday = mondayOf(w);
  const nextMonday = civilOf(civilMs(monday) + WEEK_DAYS * DAY_MS);
  return { week: w, label: formatIsoWeek(w), timeZone, start: startOfDay(monday, timeZone), end: startOfDay(nextMonday, timeZone) };
}

/** The ISO week an instant falls in, by the local date in the zone. */
export function weekOfInstant(instant: Date, timeZone: string): IsoWeek {
  return isoWeekOf(wallClock(instant, timeZone));
}

/** The last complete ISO week before the one the instant falls in — what the Monday report covers. */
export function previousIsoWeek(instant: Date, timeZone: string): IsoWeek {
  return addWeeks(weekOfInstant(instant, timeZone), -1);
}
