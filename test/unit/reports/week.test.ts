// ISO weeks and their bounds in a zone: year boundaries (53-week years), DST changes, the previous week of an
// instant in the report zone, and clear errors for bad week strings.
import { describe, expect, it } from 'vitest';
import { isoInZone, timeInZone } from '../../../server/reports/format.ts';
import {
  formatIsoWeek, isoWeekOf, mondayOf, parseIsoWeek, previousIsoWeek, weekBounds, WeekError, weeksInYear,
} from '#shared/iso-week.ts';

const HOUR_MS = 3_600_000;
const week = (s: string) => parseIsoWeek(s);
const label = (w: { year: number; week: number }) => formatIsoWeek(w);

describe('ISO weeks', () => {
  it.each([
    ['2027-01-01', '2026-W53'], // a Friday: belongs to the last week of 2026
    ['2026-12-28', '2026-W53'],
    ['2027-01-04', '2027-W01'],
    ['2025-12-29', '2026-W01'], // a Monday in December that starts 2026's first week
    ['2021-01-03', '2020-W53'],
    ['2024-12-30', '2025-W01'],
    ['2026-03-02', '2026-W10'],
  ])('%s is in %s', (date, expected) => {
    const [year, month, day] = date.split('-').map(Number) as [number, number, number];
    expect(label(isoWeekOf({ year, month, day }))).toBe(expected);
  });

  it.each([[2020, 53], [2021, 52], [2024, 52], [2026, 53], [2027, 52], [2015, 53], [2032, 53]])('%i has %i weeks', (y, n) => {
    expect(weeksInYear(y)).toBe(n);
  });

  it('finds the Monday of a week', () => {
    expect(mondayOf(week('2026-W01'))).toEqual({ year: 2025, month: 12, day: 29 });
    expect(mondayOf(week('2026-W53'))).toEqual({ year: 2026, month: 12, day: 28 });
    expect(mondayOf(week('2020-W53'))).toEqual({ year: 2020, month: 12, day: 28 });
  });

  it('round-trips week strings', () => {
    for (const s of ['2020-W53', '2026-W01', '2026-W09', '2026-W53']) expect(label(week(s))).toBe(s);
  });

  it.each([
    ['2021-W53', '"2021-W53" does not exist: 2021 has weeks W01 to W52'],
    ['2026-W00', '"2026-W00" does not exist: 2026 has weeks W01 to W53'],
    ['2026-W54', '"2026-W54" does not exist'],
    ['2026-9', 'is not an ISO week; write it as YYYY-Www, e.g. 2026-W09'],
    ['2026W09', 'is not an ISO week'],
    ['2026-W9', 'is not an ISO week'],
    ['', 'is not an ISO week'],
    ['2026-03-02', 'is not an ISO week'],
  ])('rejects %j with a message that says why', (text, message) => {
    expect(() => parseIsoWeek(text)).toThrow(WeekError);
    expect(() => parseIsoWeek(text)).toThrow(message);
  });
});

describe('week bounds in a time zone', () => {
  it('UTC: Monday 00:00 to Monday 00:00', () => {
    const b = weekBounds(week('2026-W53'), 'UTC');
    expect([b.start.toISOString(), b.end.toISOString()]).toEqual(['2026-12-28T00:00:00.000Z', '2027-01-04T00:00:00.000Z']);
  });

  it('Europe/Berlin, spring forward on Sunday 29 March 2026: a week of 167 hours', () => {
    const b = weekBounds(week('2026-W13'), 'Europe/Berlin');
    expect(b.start.toISOString()).toBe('2026-03-22T23:00:00.000Z'); // Mon 23 Mar 00:00 CET
    expect(b.end.toISOString()).toBe('2026-03-29T22:00:00.000Z'); // Mon 30 Mar 00:00 CEST
    expect((b.end.getTime() - b.start.getTime()) / HOUR_MS).toBe(167);
  });

  it('Europe/Berlin, fall back on Sunday 25 October 2026: a week of 169 hours', () => {
    const b = weekBounds(week('2026-W43'), 'Europe/Berlin');
    expect(b.start.toISOString()).toBe('2026-10-18T22:00:00.000Z');
    expect(b.end.toISOString()).toBe('2026-10-25T23:00:00.000Z');
    expect((b.end.getTime() - b.start.getTime()) / HOUR_MS).toBe(169);
  });

  it('half-hour and negative offsets', () => {
    expect(weekBounds(week('2026-W09'), 'Asia/Kolkata').start.toISOString()).toBe('2026-02-22T18:30:00.000Z');
    // New York springs forward on 8 March 2026, the last day of W10.
    const ny = weekBounds(week('2026-W10'), 'America/New_York');
    expect([ny.start.toISOString(), ny.end.toISOString()]).toEqual(['2026-03-02T05:00:00.000Z', '2026-03-09T04:00:00.000Z']);
  });
});

describe('the previous week of the scheduled run', () => {
  it('Monday 08:00 in Berlin after the spring change reports the DST week', () => {
    expect(label(previousIsoWeek(new Date('2026-03-30T06:00:00Z'), 'Europe/Berlin'))).toBe('2026-W13');
  });

  it('Monday 00:30 in Berlin is still Sunday in UTC: the zone decides', () => {
    const instant = new Date('2026-03-29T22:30:00Z');
    expect(label(previousIsoWeek(instant, 'Europe/Berlin'))).toBe('2026-W13');
    expect(label(previousIsoWeek(instant, 'UTC'))).toBe('2026-W12');
  });

  it('across year boundaries, including into a 53rd week', () => {
    expect(label(previousIsoWeek(new Date('2027-01-04T07:00:00Z'), 'Europe/Berlin'))).toBe('2026-W53');
    expect(label(previousIsoWeek(new Date('2021-01-04T08:00:00Z'), 'UTC'))).toBe('2020-W53');
    expect(label(previousIsoWeek(new Date('2026-01-05T07:00:00Z'), 'Europe/Berlin'))).toBe('2026-W01');
    // Monday 4 Jan 2027 08:00 in Auckland is still Sunday 3 Jan in UTC; Auckland's previous week is 2026-W53.
    expect(label(previousIsoWeek(new Date('2027-01-03T19:00:00Z'), 'Pacific/Auckland'))).toBe('2026-W53');
  });
});

describe('times in the report zone', () => {
  it('say which zone', () => {
    expect(timeInZone(new Date('2026-03-02T07:00:00Z'), 'Europe/Berlin')).toBe('Mon 2 Mar 2026, 08:00 Europe/Berlin');
    expect(timeInZone(new Date('2026-03-30T06:00:00Z'), 'Europe/Berlin')).toBe('Mon 30 Mar 2026, 08:00 Europe/Berlin');
    expect(timeInZone(new Date('2026-03-02T07:00:00Z'), 'UTC')).toBe('Mon 2 Mar 2026, 07:00 UTC');
  });

  it('RFC 3339 with the offset in force at that instant', () => {
    expect(isoInZone(new Date('2026-03-22T23:00:00Z'), 'Europe/Berlin')).toBe('2026-03-23T00:00:00+01:00');
    expect(isoInZone(new Date('2026-03-29T22:00:00Z'), 'Europe/Berlin')).toBe('2026-03-30T00:00:00+02:00');
    expect(isoInZone(new Date('2026-02-22T18:30:00Z'), 'Asia/Kolkata')).toBe('2026-02-23T00:00:00+05:30');
    expect(isoInZone(new Date('2026-03-02T05:00:00Z'), 'America/New_York')).toBe('2026-03-02T00:00:00-05:00');
    expect(isoInZone(new Date('2026-03-02T05:00:00Z'), 'UTC')).toBe('2026-03-02T05:00:00Z');
  });
});
