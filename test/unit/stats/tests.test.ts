// The per-observation tests (shared/stats/tests.ts): the studentization and its degrees of freedom, checked
// against scipy; and the input guards, which throw an error naming the bad input.
import { describe, expect, it } from 'vitest';
import { estimateOrdinalBaseline, estimateRateBaseline, estimateRatioBaseline } from '#shared/stats/baseline.ts';
import { rateBandTail } from '#shared/stats/band.ts';
import { evaluateIncident } from '#shared/stats/evaluate.ts';
import { rateDegreesOfFreedom, studentize, testLevel, testRate, testRatio } from '#shared/stats/tests.ts';
import { expectRel } from './helpers.ts';

describe('studentize: a p-value computed with a known variance, read as a t score', () => {
  // scipy 1.17.1: /usr/bin/python3 -c "import scipy.stats as st; [print(repr(st.t.sf(-st.norm.ppf(p), nu))) for p, nu in [(1e-6,4),(0.001,27),(0.03,4.5),(1e-20,9.3),(0.7,4),(0.5,12)]]"
  it.each([
    [1e-6, 4, 0.004474168440299715],
    [0.001, 27, 0.0023000883136089817],
    [0.03, 4.5, 0.06259303875913083],
    [1e-20, 9.3, 2.681492939993538e-6],
    [0.7, 4, 0.6861414123158013],
    [0.5, 12, 0.5],
  ])('p = %f, ν = %f', (p, nu, expected) => expectRel(studentize(p, nu), expected, 1e-9));

  it('is the identity at very many degrees of freedom, and keeps 0 and 1', () => {
    expect(studentize(1e-7, 2e6)).toBe(1e-7);
    expect(studentize(0, 5)).toBe(0);
    expect(studentize(1, 5)).toBe(1);
  });

  // scipy 1.17.1: /usr/bin/python3 -c "import scipy.stats as st; [print(repr(st.norm.cdf(st.t.ppf(0.025, nu)))) for nu in [4, 27, 1]]"
  it.each([
    [4, 0.0027478457299662277],
    [27, 0.02009306823103976],
    [1, 2.731085690619468e-37],
  ])('the band reads the beta-binomial at Φ(t_ν⁻¹(0.025)), ν = %i', (nu, expected) => expectRel(rateBandTail(nu), expected, 1e-9));
});

// The whole chain recomputed independently in numpy/scipy 1.17.1 (script recorded here, run with /usr/bin/python3):
// x = [40,60,45,55,70,30,50,52,48,50]; n = [10000,12000,9000,11000,10000,8000,10000,10500,9500,10000]
// Jeffreys r = (Σx+½)/(Σn+1); τ̂² = (Σn(x/n−p̂)² − (k−1)p̂(1−p̂))/(N − Σn²/N), floored at (0.05·min(r,1−r))²;
// vp = r(1−r)/(N+2) + max(0,τ̂²)Σn²/N²; c = max(2, r(1−r)/(τ²+vp) − 1); α, β = rc, (1−r)c; n̄ = (N − Σn²/N)/(k−1);
// ν = max(1, (k−1)·((r(1−r)/n + τ²)/(r(1−r)/n̄ + τ²))²); p = st.t.sf(-st.norm.ppf(P), ν), with the beta-binomial
// tail P = P(X ≥ x) summed in mpmath 1.3.0 at 40 digits as in distributions.test.ts (scipy's betabinom.sf, being
// 1 − cdf, is off by 3e-8 relative here).
// Values: v = [0.0008,0.0011,0.0009,0.0007,0.0012,0.0010,0.0008,0.0009]; y = ln(v + 0.01·median(v));
// s = max(sd(y, ddof=1), 0.05, log1p(1e-4/max(exp(ȳ), 1e-4))); p = st.t.sf((ln(x + off) − ȳ)/(s√(1+1/k)), k−1)
describe('the tests against an independent scipy implementation', () => {
  const xs = [40, 60, 45, 55, 70, 30, 50, 52, 48, 50];
  const ns = [10_000, 12_000, 9000, 11_000, 10_000, 8000, 10_000, 10_500, 9500, 10_000];
  const rate = estimateRateBaseline(xs.map((x, i) => ({ numerator: x, denominator: ns[i] ?? 0 })));
  it.each([
    [80, 10_000, 8.98496973170451, 0.006952670965760911],
    [120, 20_000, 3.7044999421093596, 0.13051735885248306],
    [200, 40_000, 1.9274176457440944, 0.49752506158435306],
    [9, 2000, 134.09137749796758, 0.6570972658346632],
  ])('testRate: %i of %i → ν and p', (x, n, nu, p) => {
    expectRel(rateDegreesOfFreedom(rate, n), nu, 1e-9);
    expectRel(testRate(rate, x, n, 'higher').pValue, p, 1e-9);
  });

  const ratio = estimateRatioBaseline([0.0008, 0.0011, 0.0009, 0.0007, 0.0012, 0.001, 0.0008, 0.0009], 'fraction', 1e-4);
  it.each([
    [0.0015, 0.016983846026961985],
    [0.0025, 0.0005394246159986138],
    [0.0005, 0.9920389517323114],
  ])('testRatio: %f → p', (v, p) => expectRel(testRatio(ratio, v, 'higher', 'fraction').pValue, p, 1e-9));
});

describe('Satterthwaite degrees of freedom of the predictive variance', () => {
  const b = estimateRateBaseline(Array.from({ length: 10 }, (_, i) => ({ numerator: [40, 60, 45, 55, 70, 30, 50, 52, 48, 50][i] ?? 50, denominator: 10_000 })));
  it('k − 1 for a send of the baseline size, more for a smaller one, fewer for a larger one', () => {
    expectRel(rateDegreesOfFreedom(b, b.effectiveSize), 9, 1e-12);
    expect(rateDegreesOfFreedom(b, 1000)).toBeGreaterThan(9);
    expect(rateDegreesOfFreedom(b, 100_000)).toBeLessThan(9);
    expect(rateDegreesOfFreedom(b, 1e9)).toBeGreaterThanOrEqual(1);
  });
});

describe('input guards: a clear error naming the input', () => {
  const rate = estimateRateBaseline(Array.from({ length: 5 }, () => ({ numerator: 5, denominator: 1000 })));
  const ratio = estimateRatioBaseline([0.001, 0.0012, 0.0009, 0.0011, 0.001], 'fraction', 1e-4);
  const level = estimateOrdinalBaseline([3, 3, 2, 3, 3], 'lower');
  it.each([
    ['n = 0', () => testRate(rate, 0, 0, 'higher'), /denominator must be a positive whole number, got 0/],
    ['x > n', () => testRate(rate, 11, 10, 'higher'), /numerator must be a whole number from 0 to the denominator 10, got 11/],
    ['NaN count', () => testRate(rate, NaN, 10, 'higher'), /numerator .* got NaN/],
    ['fractional n', () => testRate(rate, 1, 10.5, 'higher'), /denominator must be a positive whole number/],
    ['baseline x > n', () => estimateRateBaseline([{ numerator: 3, denominator: 2 }]), /baseline observation 0: numerator/],
    ['baseline n = 0', () => estimateRateBaseline([{ numerator: 0, denominator: 1 }, { numerator: 0, denominator: 0 }]), /baseline observation 1: denominator/],
    ['NaN value', () => testRatio(ratio, NaN, 'higher', 'fraction'), /value must be a fraction from 0 to 1, got NaN/],
    ['fraction > 1', () => testRatio(ratio, 1.5, 'higher', 'fraction'), /value must be a fraction/],
    ['negative count', () => estimateRatioBaseline([1, -1], 'count', 1), /baseline value 1 must be a finite number ≥ 0/],
    ['bad resolution', () => estimateRatioBaseline([1], 'count', 0), /resolution must be a finite number > 0/],
    ['bad level', () => testLevel(level, 4, 'lower', 3), /level must be a whole number from 0 to 3, got 4/],
    ['fractional level', () => estimateOrdinalBaseline([1, 1.5], 'lower'), /baseline observation 1: level/],
  ])('%s', (_name, f, message) => expect(f).toThrow(message));

  const evaluate = (patch: Record<string, unknown>) => () =>
    evaluateIncident({ occurred_at: '2026-03-01T00:00:00Z', baseline_days: 28, monitor_days: 30, series: [], now: new Date('2026-04-01T00:00:00Z'), ...patch });
  it.each([
    ['NaN baseline_days', { baseline_days: NaN }, /baseline_days must be a finite number of days ≥ 0, got NaN/],
    ['negative monitor_days', { monitor_days: -1 }, /monitor_days must be a finite number of days ≥ 0, got -1/],
    ['invalid now', { now: new Date('nonsense') }, /now must be a valid Date/],
    ['bad occurred_at', { occurred_at: 'yesterday' }, /occurred_at "yesterday" is not an RFC 3339 timestamp/],
  ])('evaluateIncident: %s', (_name, patch, message) => expect(evaluate(patch)).toThrow(message));
});
