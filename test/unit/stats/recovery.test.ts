import { describe, expect, it } from 'vitest';
import type { SeriesStatus } from '#shared/schema/recovery.ts';
import { incidentStatus, seriesRecovery, type RecoveryPoint } from '#shared/stats/recovery.ts';
import type { Verdict } from '#shared/stats/verdict.ts';

const OCCURRED = '2026-03-01T00:00:00.000Z';
const day = (d: number): string => new Date(Date.parse(OCCURRED) + d * 86_400_000 + 9 * 3_600_000).toISOString();

/** 'o' ok, 'd' dip, 's' severe; uppercase = provisional. Point i is on day i at 09:00. */
function pts(pattern: string): RecoveryPoint[] {
  return [...pattern].map((c, i) => {
    const verdict: Verdict = c.toLowerCase() === 'd' ? 'dip' : c.toLowerCase() === 's' ? 'severe' : 'ok';
    return { at: day(i), verdict, provisional: c !== c.toLowerCase() };
  });
}

describe('series recovery state machine (docs/statistics.md)', () => {
  it.each<[string, SeriesStatus, number | null, number | null]>([
    // pattern, status, first_dip day, recovered_at day
    ['oooo', 'unaffected', null, null],
    ['d', 'degraded', 0, null],
    ['ood', 'degraded', 2, null],
    ['dso', 'recovering', 0, null],
    ['doo', 'recovering', 0, null],
    ['dooo', 'recovered', 0, 1],
    ['sdoooo', 'recovered', 0, 2],
    ['dooodooo', 'recovered', 0, 5], // a relapse: recovery counts after the LAST dip
    ['dooood', 'degraded', 0, null],
    ['odoodooo', 'recovered', 1, 5],
    ['ooso', 'recovering', 2, null],
    // Provisional ok points never count towards recovery…
    ['dooO', 'recovering', 0, null],
    ['dOOO', 'degraded', 0, null], // only provisional oks since the dip: the latest counted point is the dip
    ['dOOOO', 'degraded', 0, null],
    // …but a provisional dip counts (complaints only grow, so it can only get worse).
    ['oooD', 'degraded', 3, null],
    ['ooooO', 'unaffected', null, null],
    // The latest counted point is a dip; the provisional ok after it does not count.
    ['doooddO', 'degraded', 0, null],
  ])('%s → %s', (pattern, status, firstDip, recovered) => {
    const r = seriesRecovery(pts(pattern), OCCURRED, true);
    expect(r.status).toBe(status);
    expect(r.first_dip_at).toBe(firstDip === null ? null : day(firstDip));
    expect(r.recovered_at).toBe(recovered === null ? null : day(recovered));
    expect(r.time_to_recover_hours).toBe(recovered === null ? null : recovered * 24 + 9);
  });

  it('time_to_recover_hours is recovered_at − occurred_at in hours, not counted from the first dip', () => {
    const r = seriesRecovery(pts('oodooo'), OCCURRED, true);
    expect(r.recovered_at).toBe(day(3));
    expect(r.time_to_recover_hours).toBe(3 * 24 + 9);
  });

  it('sorts points by time before judging', () => {
    const p = pts('dooo').reverse();
    expect(seriesRecovery(p, OCCURRED, true).status).toBe('recovered');
  });

  it('insufficient baseline or nothing tested → insufficient_data (the first dip is still reported)', () => {
    expect(seriesRecovery(pts('sooo'), OCCURRED, false)).toEqual({
      status: 'insufficient_data', first_dip_at: day(0), recovered_at: null, time_to_recover_hours: null,
    });
    expect(seriesRecovery([], OCCURRED, true).status).toBe('insufficient_data');
  });
});

describe('incident status = worst of its series', () => {
  it.each<[SeriesStatus[], SeriesStatus]>([
    [['unaffected', 'recovered', 'degraded', 'recovering'], 'degraded'],
    [['unaffected', 'recovered', 'recovering'], 'recovering'],
    [['unaffected', 'recovered'], 'recovered'],
    [['unaffected', 'insufficient_data'], 'unaffected'],
    [['insufficient_data', 'insufficient_data'], 'insufficient_data'],
    [[], 'insufficient_data'],
  ])('%j → %s', (statuses, expected) => expect(incidentStatus(statuses)).toBe(expected));
});
