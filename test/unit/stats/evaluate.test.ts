// Hard cases of the evaluation entry point, and the recovery JSON (docs/data-formats.md) shape.
import { describe, expect, it } from 'vitest';
import { getMetric, METRICS, ordinalValue, SPAM_RATE_LIMIT } from '#shared/metrics.ts';
import { generateScenario } from '#shared/scenario.ts';
import { evaluationSchema, recoverySchema } from '#shared/schema/recovery.ts';
import { estimateRateBaseline, MIN_RATE_CV } from '#shared/stats/baseline.ts';
import { evaluateIncident, type Observation, type SeriesInput } from '#shared/stats/evaluate.ts';
import { seriesFromSendSummaries } from '#shared/stats/series.ts';

const DAY_MS = 86_400_000;
const OCCURRED = '2026-03-01T00:00:00.000Z';
const T0 = Date.parse(OCCURRED);
const at = (day: number, hour = 9): string => new Date(T0 + day * DAY_MS + hour * 3_600_000).toISOString();
const LATER = new Date(T0 + 40 * DAY_MS);

function obs(day: number, numerator: number, denominator: number): Observation {
  return { send_id: `s${day}`, at: at(day), numerator, denominator, value: denominator > 0 ? numerator / denominator : 0 };
}
function value(day: number, v: number): Observation {
  return { send_id: null, at: at(day), numerator: null, denominator: null, value: v };
}
function evaluate(series: SeriesInput[], now = LATER) {
  return evaluateIncident({ occurred_at: OCCURRED, baseline_days: 28, monitor_days: 30, series, now });
}
/** 28 baseline days with the given rate per 100k, then the given post-incident counts per 100k. */
function rateSeries(metric: SeriesInput['metric'], baselineCounts: number[], postCounts: number[], n = 100_000): SeriesInput {
  const o = [
    ...baselineCounts.map((x, i) => obs(i - baselineCounts.length, x, n)),
    ...postCounts.map((x, i) => obs(i, x, n)),
  ];
  return { metric, stream: 'news', provider: 'gmail', observations: o };
}
const wobble = (base: number, k = 28): number[] => Array.from({ length: k }, (_, i) => Math.round(base * (1 + 0.15 * Math.sin(i * 1.7))));

describe('evaluateIncident: the recovery JSON (docs/data-formats.md)', () => {
  const sc = generateScenario({ seed: 11, incidents: [{ stream: 'promotions', metrics: ['complaint_rate'], peak: 8, decay: 0.8, sends: 4 }] });
  const result = evaluateIncident({
    occurred_at: sc.occurred_at, baseline_days: 28, monitor_days: 30, series: seriesFromSendSummaries(sc.sends),
    now: new Date(Date.parse(sc.occurred_at) + 31 * DAY_MS),
  });

  it('validates against the zod schema, with an incident wrapped around it', () => {
    expect(() => evaluationSchema.parse(result)).not.toThrow();
    const wrapped = recoverySchema.parse({ incident: { id: 'inc_1', title: 'Wrong segment' }, ...result });
    expect(Object.keys(wrapped)).toEqual(['incident', 'status', 'evaluated_at', 'series']);
    expect(wrapped.incident).toEqual({ id: 'inc_1', title: 'Wrong segment' });
  });

  it('rates are fractions, times RFC 3339 UTC, band around every tested point', () => {
    const s = result.series.find((x) => x.metric === 'complaint_rate' && x.stream === 'promotions' && x.provider === 'gmail');
    expect(s?.baseline.rate).toBeGreaterThan(0);
    expect(s?.baseline.rate).toBeLessThan(0.01);
    expect(s?.baseline.from).toBe(new Date(Date.parse(sc.occurred_at) - 28 * DAY_MS).toISOString());
    for (const p of s?.points ?? []) {
      expect(p.at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
      expect(p.lower).not.toBeNull();
      expect(p.lower ?? 1).toBeLessThanOrEqual(p.upper ?? 0);
      expect(p.value).toBe((p.numerator ?? 0) / (p.denominator ?? 1));
    }
    expect(s?.first_dip_at).toBe(sc.incidents[0]?.first_affected_at);
  });

  it('a strong dip is severe (≥ 2× baseline) and sits outside its band', () => {
    const s = result.series.find((x) => x.metric === 'complaint_rate' && x.stream === 'promotions' && x.provider === 'gmail');
    const first = s?.points[0];
    expect(first?.verdict).toBe('severe');
    expect(first?.value ?? 0).toBeGreaterThan(first?.upper ?? 1);
    expect(first?.q_value ?? 1).toBeLessThanOrEqual(0.05);
  });
});

describe('evaluateIncident: hard cases', () => {
  it('a baseline with zero events: Jeffreys prior, no instant infinite effect from one complaint', () => {
    const r = evaluate([rateSeries('complaint_rate', new Array(28).fill(0), [1, 0, 0, 0], 300_000)]);
    const s = r.series[0];
    expect(s?.baseline.rate).toBeCloseTo(0.5 / (28 * 300_000 + 1), 15);
    expect(Number.isFinite(s?.points[0]?.p_value)).toBe(true);
    // One complaint on 300k: p ≈ 1 − exp(−n·rate) ≈ 0.018 for the predictive Beta — small, but not a discovery.
    expect(s?.points[0]?.p_value ?? 0).toBeGreaterThan(0.01);
    expect(s?.points[0]?.verdict).toBe('ok');
    expect(s?.status).toBe('unaffected');
    // Many complaints on a zero baseline is a dip all the same.
    const burst = evaluate([rateSeries('complaint_rate', new Array(28).fill(0), [40, 0, 0, 0], 300_000)]);
    expect(burst.series[0]?.points[0]?.verdict).toBe('severe');
  });

  it('fewer than 5 baseline sends → insufficient_data, but the absolute limit still makes a point severe', () => {
    const r = evaluate([rateSeries('complaint_rate', [50, 60, 55, 52], [60, 400, 50], 100_000)]);
    const s = r.series[0];
    expect(s?.status).toBe('insufficient_data');
    expect(s?.baseline.observations).toBe(4);
    expect(s?.baseline.lower).toBeNull();
    expect(s?.points.map((p) => p.verdict)).toEqual(['ok', 'severe', 'ok']); // 400/100k = 0.4% ≥ 0.3%
    expect(s?.points[1]?.p_value).toBeNull();
    expect(r.status).toBe('insufficient_data');
  });

  it('the spam-rate limit is inclusive (0.30% exactly is over) and needs a bulk-size send', () => {
    const base = wobble(50);
    const exact = evaluate([rateSeries('complaint_rate', base, [300], 100_000)]);
    expect(exact.series[0]?.points[0]?.verdict).toBe('severe');
    expect(SPAM_RATE_LIMIT).toBe(0.003);
    // 2 complaints on 600 recipients is 0.33% but says nothing about the sender: no limit verdict (and against
    // a baseline of about one complaint every other send, two is not a dip either).
    const small = evaluate([rateSeries('complaint_rate', base.map((_, i) => i % 2), [2], 600)]);
    expect(small.series[0]?.points[0]?.verdict).toBe('ok');
  });

  it('a send of size 0 is skipped, not a NaN point', () => {
    const s = rateSeries('hard_bounce_rate', wobble(200), [200, 210, 190]);
    s.observations.push({ send_id: 'empty', at: at(5), numerator: 0, denominator: 0, value: 0 });
    const r = evaluate([s]);
    expect(r.series[0]?.points).toHaveLength(3);
    expect(r.series[0]?.points.every((p) => Number.isFinite(p.value))).toBe(true);
  });

  it('a missing day changes nothing but the count; recovery still needs 3 observed ok sends', () => {
    const post = [900, 200, 205, 195, 200];
    const s = rateSeries('hard_bounce_rate', wobble(200), post);
    s.observations = s.observations.filter((o) => o.at !== at(2)); // day 2 missing
    const r = evaluate([s]);
    const series = r.series[0];
    expect(series?.points).toHaveLength(4);
    expect(series?.status).toBe('recovered');
    expect(series?.recovered_at).toBe(at(1));
  });

  it('an incident at the very start of the data: no baseline at all → insufficient_data', () => {
    const s = rateSeries('hard_bounce_rate', [], [200, 900, 200]);
    const r = evaluate([s]);
    expect(r.series[0]?.status).toBe('insufficient_data');
    expect(r.series[0]?.baseline).toMatchObject({ observations: 0, rate: null, lower: null, upper: null });
    expect(r.series[0]?.points.every((p) => p.p_value === null && p.verdict === 'ok')).toBe(true);
  });

  it('provisional observations (younger than the maturity window) never count towards recovery', () => {
    // complaint_rate matures after 72 h. Dip on day 0, ok on days 1–3; judged on day 3 at noon.
    const s = rateSeries('complaint_rate', wobble(50), [500, 50, 50, 50]);
    const early = evaluate([s], new Date(T0 + 3 * DAY_MS + 12 * 3_600_000));
    expect(early.series[0]?.points.map((p) => p.provisional)).toEqual([false, true, true, true]);
    expect(early.series[0]?.status).toBe('degraded');
    // Three days later the three ok sends are mature: recovered, at the first of them.
    const late = evaluate([s], new Date(T0 + 6 * DAY_MS + 12 * 3_600_000));
    expect(late.series[0]?.status).toBe('recovered');
    expect(late.series[0]?.recovered_at).toBe(at(1));
    // Bounces are immediate (maturity 0): never provisional.
    const b = evaluate([rateSeries('hard_bounce_rate', wobble(200), [900, 200, 200, 200])], new Date(T0 + 3 * DAY_MS + 12 * 3_600_000));
    expect(b.series[0]?.points.some((p) => p.provisional)).toBe(false);
    expect(b.series[0]?.status).toBe('recovered');
  });

  it('observations after `now` are ignored, and the monitor window is closed at occurred_at + monitor_days', () => {
    const s = rateSeries('hard_bounce_rate', wobble(200), [200, 200, 200, 200, 200]);
    const r = evaluate([s], new Date(T0 + 2 * DAY_MS + 12 * 3_600_000));
    expect(r.series[0]?.points).toHaveLength(3);
    const w = evaluateIncident({ occurred_at: OCCURRED, baseline_days: 28, monitor_days: 2, series: [s], now: LATER });
    expect(w.series[0]?.points.map((p) => p.at)).toEqual([at(0), at(1)]);
  });

  it('BH runs over every tested observation of the whole evaluation (all series)', () => {
    const dip = rateSeries('hard_bounce_rate', wobble(200), [280]);
    const alone = evaluate([dip]).series[0]?.points[0]?.q_value ?? 0;
    const many = Array.from({ length: 20 }, () => rateSeries('hard_bounce_rate', wobble(200), [200, 200, 200]));
    const crowd = evaluate([dip, ...many]).series[0]?.points[0]?.q_value ?? 0;
    expect(crowd).toBeGreaterThan(alone * 10);
  });

  it('the minimum effect is required even when the test is significant, and is configurable', () => {
    // A huge, very steady stream: 18% above baseline is significant (even with the 5% CV floor and the t
    // correction for a 28-send baseline, p ≈ 0.002) but below the 20% minimum effect.
    const steady = new Array(28).fill(2000);
    const s = rateSeries('hard_bounce_rate', steady, [2360], 1_000_000);
    const r = evaluate([s]);
    expect(r.series[0]?.points[0]?.p_value ?? 1).toBeLessThan(0.005);
    expect(r.series[0]?.points[0]?.q_value ?? 1).toBeLessThanOrEqual(0.05);
    expect(r.series[0]?.points[0]?.verdict).toBe('ok');
    const loose = evaluateIncident({ occurred_at: OCCURRED, baseline_days: 28, monitor_days: 30, series: [s], now: LATER, options: { minEffect: { hard_bounce_rate: 0.05 } } });
    expect(loose.series[0]?.points[0]?.verdict).toBe('dip');
  });

  it('inbox placement is worse when lower (88% → 70% is a 20% relative drop)', () => {
    const base = Array.from({ length: 28 }, (_, i) => 880 + ((i * 7) % 21) - 10);
    const s = rateSeries('inbox_placement_rate', base, [700, 880, 990], 1000);
    const r = evaluate([s]);
    expect(r.series[0]?.points.map((p) => p.verdict)).toEqual(['dip', 'ok', 'ok']);
  });

  it('values without counts: a t test on the log scale, the median as the level', () => {
    const base = Array.from({ length: 28 }, (_, i) => value(i - 28, 0.0008 + 0.0001 * Math.sin(i)));
    const post = [value(0, 0.0025), value(1, 0.0009), value(2, 0.0035)];
    const r = evaluate([{ metric: 'gmail_spam_rate', stream: 'example.com', provider: 'gmail', observations: [...base, ...post] }]);
    const pts = r.series[0]?.points ?? [];
    expect(pts[0]?.verdict).toBe('severe'); // 0.25% is > 2× a 0.08% baseline
    expect(pts[1]?.verdict).toBe('ok');
    expect(pts[2]?.verdict).toBe('severe'); // also ≥ 0.3%
    expect(pts[0]?.p_value ?? 1).toBeLessThan(1e-4);
    expect(r.series[0]?.baseline.rate ?? 0).toBeCloseTo(0.0008, 4);
  });

  it('ordinal reputation: a level rare in the baseline and below its typical level is a dip; two levels or BAD is severe', () => {
    const HIGH = ordinalValue('domain_reputation', 'HIGH') ?? -1;
    const MEDIUM = ordinalValue('domain_reputation', 'medium') ?? -1;
    const LOW = ordinalValue('domain_reputation', 'LOW') ?? -1;
    const BAD = ordinalValue('domain_reputation', 'BAD') ?? -1;
    // MEDIUM on 10 of the 28 baseline days: a MEDIUM day is this domain's normal, not a dip (p = 11/29).
    const base = Array.from({ length: 28 }, (_, i) => value(i - 28, i % 3 === 0 ? MEDIUM : HIGH));
    const post = [HIGH, MEDIUM, LOW, BAD, HIGH, HIGH, HIGH].map((v, i) => value(i, v));
    const r = evaluate([{ metric: 'domain_reputation', stream: 'example.com', provider: 'gmail', observations: [...base, ...post] }]);
    expect(r.series[0]?.points.map((p) => p.verdict)).toEqual(['ok', 'ok', 'severe', 'severe', 'ok', 'ok', 'ok']);
    expect(r.series[0]?.points.map((p) => p.p_value)).toEqual([1, 11 / 29, 1 / 29, 1 / 29, 1, 1, 1]);
    expect(r.series[0]?.points.every((p) => p.q_value === null)).toBe(true);
    expect(r.series[0]?.status).toBe('recovered');
    // A baseline that is HIGH every day: one MEDIUM day is a dip.
    const steady = Array.from({ length: 28 }, (_, i) => value(i - 28, HIGH));
    const d = evaluate([{ metric: 'domain_reputation', stream: 'example.com', provider: 'gmail', observations: [...steady, value(0, MEDIUM)] }]);
    expect(d.series[0]?.points[0]?.verdict).toBe('dip');
  });

  it('no series at all → incident status insufficient_data', () => {
    expect(evaluate([]).status).toBe('insufficient_data');
  });
});

describe('baseline estimation', () => {
  it('recovers the send-to-send variance (moment estimator) and floors it for a too-steady baseline', () => {
    // Alternating 150/250 per 100k: spread far beyond binomial.
    const noisy = estimateRateBaseline(Array.from({ length: 28 }, (_, i) => ({ numerator: i % 2 ? 150 : 250, denominator: 100_000 })));
    expect(Math.sqrt(noisy.tau2Raw) / noisy.rate).toBeGreaterThan(0.2);
    const steady = estimateRateBaseline(new Array(28).fill({ numerator: 200, denominator: 100_000 }));
    expect(steady.tau2Raw).toBeLessThan(0); // less spread than binomial: the unfloored estimate is negative
    expect(steady.tau2).toBeCloseTo((MIN_RATE_CV * steady.rate) ** 2, 20);
    // The floor keeps the predictive Beta's CV at least MIN_RATE_CV.
    const cv = Math.sqrt(1 / (steady.alpha + steady.beta + 1) * (1 - steady.rate) / steady.rate);
    expect(cv).toBeGreaterThanOrEqual(MIN_RATE_CV);
  });
});

describe('metric catalog', () => {
  it('matches docs/data-formats.md', () => {
    expect(getMetric('complaint_rate')).toMatchObject({ kind: 'rate', worse: 'higher', maturityHours: 72, absoluteLimit: 0.003, counts: { numerator: 'complaints', denominator: 'delivered' } });
    expect(getMetric('inbox_placement_rate')).toMatchObject({ worse: 'lower', counts: { table: 'seed_test', numerator: 'inbox', denominator: 'seeds' } });
    expect(getMetric('hard_bounce_rate')).toMatchObject({ maturityHours: 0, counts: { numerator: 'bounced_hard', denominator: 'injected' } });
    expect(METRICS.snds_filter_result.levels).toEqual(['RED', 'YELLOW', 'GREEN']);
    expect(Object.values(METRICS).every((m) => m.minEffect === 0.2)).toBe(true);
  });
});
