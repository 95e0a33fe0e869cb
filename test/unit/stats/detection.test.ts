// Detection through the full evaluation (baseline, test, Benjamini–Hochberg over every point, verdict): an
// injected placement dip and a Postmaster spam-rate rise must be found among more than 1,000 unaffected
// observations; and the zero-baseline cases that used to be `severe` on no evidence are not.
import { describe, expect, it } from 'vitest';
import { estimateRateBaseline } from '#shared/stats/baseline.ts';
import { evaluateIncident, type Observation, type SeriesInput } from '#shared/stats/evaluate.ts';
import { testRate } from '#shared/stats/tests.ts';
import { binomialDraw, mulberry32, normal, uniformInt, wobblyRate, type Rng } from './simulate.ts';

const DAY_MS = 86_400_000;
const OCCURRED = '2026-03-01T00:00:00.000Z';
const T0 = Date.parse(OCCURRED);
const NOW = new Date(T0 + 40 * DAY_MS);
const BASELINE_DAYS = 28;
const POST_DAYS = 30;
const at = (day: number): string => new Date(T0 + day * DAY_MS + 9 * 3_600_000).toISOString();

const count = (day: number, x: number, n: number): Observation => ({ send_id: `d${day}`, at: at(day), numerator: x, denominator: n, value: x / n });
const value = (day: number, v: number): Observation => ({ send_id: null, at: at(day), numerator: null, denominator: null, value: v });
const days = (from: number, to: number): number[] => Array.from({ length: to - from }, (_, i) => from + i);

/** Unaffected series of every family (no effect anywhere): 40 series × 30 post days = 1,200 tested points. */
function unaffected(rng: Rng): SeriesInput[] {
  const out: SeriesInput[] = [];
  for (let s = 0; s < 10; s++) {
    const rate = (metric: SeriesInput['metric'], mu: number, cv: number, nLo: number, nHi: number): SeriesInput => ({
      metric, stream: `s${s}`, provider: 'gmail',
      observations: days(-BASELINE_DAYS, POST_DAYS).map((d) => {
        const n = uniformInt(rng, nLo, nHi);
        return count(d, binomialDraw(rng, n, wobblyRate(rng, mu, cv)), n);
      }),
    });
    out.push(rate('complaint_rate', 0.0005, 0.3, 20_000, 60_000));
    out.push(rate('hard_bounce_rate', 0.01, 0.2, 5000, 15_000));
    out.push(rate('inbox_placement_rate', 0.88, 0.02, 500, 1000));
    out.push({
      metric: 'gmail_spam_rate', stream: `s${s}.example`, provider: 'gmail',
      observations: days(-BASELINE_DAYS, POST_DAYS).map((d) => value(d, 0.0008 * Math.exp(0.25 * normal(rng)))),
    });
  }
  return out;
}

function run(target: SeriesInput, seed: number) {
  const others = unaffected(mulberry32(seed));
  const r = evaluateIncident({ occurred_at: OCCURRED, baseline_days: BASELINE_DAYS, monitor_days: POST_DAYS, series: [target, ...others], now: NOW });
  const tested = r.series.slice(1).reduce((n, s) => n + s.points.length, 0);
  const falseFlags = r.series.slice(1).reduce((n, s) => n + s.points.filter((p) => p.verdict !== 'ok').length, 0);
  return { target: r.series[0], tested, falseFlags };
}

describe('detection among 1,000+ unaffected observations (full evaluation, BH over all points)', () => {
  it('finds an 88% → 70% inbox placement dip on a steady 1,000-seed baseline', () => {
    const rng = mulberry32(31);
    const obs = days(-BASELINE_DAYS, POST_DAYS).map((d) => count(d, d === 3 ? 700 : binomialDraw(rng, 1000, 0.88), 1000));
    const { target, tested, falseFlags } = run({ metric: 'inbox_placement_rate', stream: 'news', provider: 'gmail', observations: obs }, 32);
    expect(tested).toBeGreaterThan(1000);
    const dip = target?.points.find((p) => p.at === at(3));
    expect(dip?.q_value ?? 1).toBeLessThan(1e-6);
    expect(dip?.verdict).toBe('dip'); // 20.5% lower; severe would be ≤ 44%
    expect(target?.points.filter((p) => p.verdict !== 'ok')).toHaveLength(1);
    expect(falseFlags / tested).toBeLessThan(0.005);
  });

  it('finds a Postmaster spam-rate rise from 0.08% to 0.25% (below the 0.3% limit: only the test can see it)', () => {
    const rng = mulberry32(41);
    const obs = days(-BASELINE_DAYS, POST_DAYS).map((d) => value(d, d === 5 ? 0.0025 : 0.0008 * Math.exp(0.25 * normal(rng))));
    const { target, tested, falseFlags } = run({ metric: 'gmail_spam_rate', stream: 'mail.example', provider: 'gmail', observations: obs }, 42);
    expect(tested).toBeGreaterThan(1000);
    const rise = target?.points.find((p) => p.at === at(5));
    expect(rise?.q_value ?? 1).toBeLessThanOrEqual(0.05);
    expect(rise?.verdict).toBe('severe'); // 3× the baseline's 0.08%
    expect(falseFlags / tested).toBeLessThan(0.005);
  });
});

describe('placement is judged on its worse-direction fraction', () => {
  it('88% → 70% inbox has the same p-value as 12% → 30% not-inbox, and it is tiny', () => {
    const rng = mulberry32(5);
    const inbox = Array.from({ length: 28 }, () => binomialDraw(rng, 1000, 0.88));
    const bIn = estimateRateBaseline(inbox.map((x) => ({ numerator: x, denominator: 1000 })));
    const bOut = estimateRateBaseline(inbox.map((x) => ({ numerator: 1000 - x, denominator: 1000 })));
    const pIn = testRate(bIn, 700, 1000, 'lower').pValue;
    const pOut = testRate(bOut, 300, 1000, 'higher').pValue;
    expect(Math.abs(pIn - pOut) / pOut).toBeLessThan(1e-9);
    expect(pIn).toBeLessThan(1e-12);
  });
});

describe('zero baselines need real evidence', () => {
  const one = (metric: SeriesInput['metric'], observations: Observation[]) =>
    evaluateIncident({ occurred_at: OCCURRED, baseline_days: BASELINE_DAYS, monitor_days: POST_DAYS, series: [{ metric, stream: 'x', provider: 'gmail', observations }], now: NOW }).series[0];

  it.each([5, 28])('a lone complaint after %i sends without any is not a dip, let alone severe', (k) => {
    for (const n of [2000, 300_000]) {
      const s = one('complaint_rate', [...days(-k, 0).map((d) => count(d, 0, n)), count(0, 1, n)]);
      expect(s?.points[0]?.verdict).toBe('ok');
    }
  });

  it('many complaints on a zero baseline still are', () => {
    const s = one('complaint_rate', [...days(-28, 0).map((d) => count(d, 0, 300_000)), count(0, 40, 300_000)]);
    expect(s?.points[0]?.verdict).toBe('severe');
  });

  it('a Postmaster spam rate of 0 → 0.02% and spam-trap hits 0 → 2 are not severe (nor dips)', () => {
    for (const k of [5, 28]) {
      const spam = one('gmail_spam_rate', [...days(-k, 0).map((d) => value(d, 0)), value(0, 0.0002)]);
      expect(spam?.points[0]?.verdict).toBe('ok');
      const traps = one('spam_trap_hits', [...days(-k, 0).map((d) => value(d, 0)), value(0, 2)]);
      expect(traps?.points[0]?.verdict).toBe('ok');
    }
  });

  it('a clear rise from zero is still found: 0 → 0.25% spam rate, 0 → 12 trap hits', () => {
    const spam = one('gmail_spam_rate', [...days(-28, 0).map((d) => value(d, 0)), value(0, 0.0025)]);
    expect(spam?.points[0]?.verdict).toBe('severe');
    const traps = one('spam_trap_hits', [...days(-28, 0).map((d) => value(d, 0)), value(0, 12)]);
    expect(traps?.points[0]?.verdict).toBe('severe');
  });
});
