// The watch's cuts before the shared evaluation (shared/watch/evaluate.ts): a declared incident's window leaves the
// baseline and is not watched; a rate observation under the minimum volume is not watched; the rest is the
// recovery evaluation's tests over the window.
import { describe, expect, it } from 'vitest';
import type { SeriesInput } from '#shared/stats/evaluate.ts';
import { hasDip, watchEvaluate } from '#shared/watch/evaluate.ts';
import { WATCH_DEFAULTS } from '#shared/watch/settings.ts';

const DAY_MS = 86_400_000;
const NOW = new Date('2026-03-31T12:00:00.000Z');
const day = (d: number) => new Date(NOW.getTime() - d * DAY_MS).toISOString();

/** Daily sends of 20,000 at 1% hard bounces (with a little wobble) for 28 days, then `recent` on the last two days. */
function series(recent: { x: number; n: number }, bad: { from: number; to: number; x: number } | null = null): SeriesInput {
  const observations = [];
  for (let d = 31; d >= 4; d--) {
    const x = bad && d <= bad.from && d >= bad.to ? bad.x : 200 + ((d * 7) % 11) - 5;
    observations.push({ send_id: `s${d}`, at: day(d), numerator: x, denominator: 20_000, value: x / 20_000 });
  }
  for (const d of [2, 1]) observations.push({ send_id: `s${d}`, at: day(d), numerator: recent.x, denominator: recent.n, value: recent.x / recent.n });
  return { metric: 'hard_bounce_rate', stream: 'news', provider: 'gmail', observations };
}

describe('watchEvaluate', () => {
  it('flags a doubled bounce rate in the window against the trailing baseline', () => {
    const r = watchEvaluate({ series: [series({ x: 400, n: 20_000 })], incidents: [], now: NOW, settings: WATCH_DEFAULTS });
    expect(r.watched).toBe(1);
    expect(r.tested).toBe(2);
    expect(r.series.filter(hasDip)).toHaveLength(1);
    expect(r.from).toBe('2026-03-28T12:00:00.000Z');
  });

  it('does not watch a send under the minimum volume', () => {
    const small = watchEvaluate({ series: [series({ x: 40, n: 900 })], incidents: [], now: NOW, settings: WATCH_DEFAULTS });
    expect(small.tested).toBe(0);
    expect(small.series.filter(hasDip)).toHaveLength(0);
    const allowed = watchEvaluate({ series: [series({ x: 40, n: 900 })], incidents: [], now: NOW, settings: { ...WATCH_DEFAULTS, minVolume: {} } });
    expect(allowed.tested).toBe(2);
  });

  it('leaves a declared incident out of the baseline, and its window unwatched', () => {
    // A week of 5% bounces inside the baseline: declared, it is not the stream's normal and 3% is a dip; undeclared,
    // it widens the baseline so much that 3% passes.
    const s = series({ x: 600, n: 20_000 }, { from: 12, to: 6, x: 1000 });
    const incident = { streams: ['news'], providers: ['gmail'], occurred_at: day(12.5), monitor_days: 7 };
    expect(watchEvaluate({ series: [s], incidents: [incident], now: NOW, settings: WATCH_DEFAULTS }).series.filter(hasDip)).toHaveLength(1);
    expect(watchEvaluate({ series: [s], incidents: [], now: NOW, settings: WATCH_DEFAULTS }).series.filter(hasDip)).toHaveLength(0);
    // An incident of every stream explains the window's dip: nothing is watched there.
    const all = { streams: ['*'], providers: null, occurred_at: day(2.5), monitor_days: 30 };
    const r = watchEvaluate({ series: [series({ x: 400, n: 20_000 })], incidents: [all], now: NOW, settings: WATCH_DEFAULTS });
    expect(r.tested).toBe(0);
    expect(r.series.filter(hasDip)).toHaveLength(0);
    // An incident of another provider explains nothing here.
    const other = { ...all, providers: ['yahoo'] };
    expect(watchEvaluate({ series: [series({ x: 400, n: 20_000 })], incidents: [other], now: NOW, settings: WATCH_DEFAULTS }).series.filter(hasDip)).toHaveLength(1);
  });
});

describe('watch settings', () => {
  it('come from the environment, with the documented defaults, and a bad value names its variable', async () => {
    const { ConfigError, loadConfig } = await import('../../../server/config.ts');
    expect(loadConfig({}).watch).toEqual(WATCH_DEFAULTS);
    expect(loadConfig({ WATCH: '0' }).watch).toBeNull();
    const custom = loadConfig({ WATCH_ALPHA: '0.05', WATCH_WINDOW_HOURS: '24', WATCH_MIN_MESSAGES: '5000', WATCH_MIN_SEEDS: '20' }).watch;
    expect(custom).toMatchObject({ alpha: 0.05, windowHours: 24, minVolume: { hard_bounce_rate: 5000, complaint_rate: 5000, inbox_placement_rate: 20 } });
    for (const [variable, value] of [['WATCH_ALPHA', '2'], ['WATCH_BASELINE_DAYS', '2'], ['WATCH_WINDOW_HOURS', 'soon'], ['WATCH', 'maybe']] as const) {
      expect(() => loadConfig({ [variable]: value })).toThrow(ConfigError);
      expect(() => loadConfig({ [variable]: value })).toThrow(new RegExp(`^${variable}:`));
    }
  });
});
