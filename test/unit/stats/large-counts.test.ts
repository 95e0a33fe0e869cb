// Sends too large (or too widely spread) to sum term by term: the incomplete-beta tails of large-counts.ts.
// Memory stays bounded for any n; accuracy is checked against an independent reference.
import { describe, expect, it } from 'vitest';
import { betaBinomial, binomial } from '#shared/stats/discrete.ts';
import { betaBinomialTailAndBand } from '#shared/stats/tail-and-band.ts';
import { largeBetaBinomial, MAX_WALK_SD } from '#shared/stats/large-counts.ts';
import { expectRel } from './helpers.ts';

// Reference: mpmath 1.3.0 quadrature (20 digits) of the beta-binomial as a mixture, P(X ≥ x) =
// ∫ Beta(p; α, β)·P(Binomial(n, p) ≥ x) dp, with the binomial tail from scipy 1.17.1's binom (Boost's
// incomplete beta, exact for any n); the interval is split at x/n ± 8 and ± 50 binomial standard deviations.
// (mpmath's own betainc does not converge at these sizes, and scipy's betabinom would sum 10⁸ terms.)
// /usr/bin/python3 -c "
// import mpmath as mp, scipy.stats as st; mp.mp.dps = 20; M = mp.mpf
// def tail(x, n, a, b, upper=True):
//     lb = mp.beta(a, b)
//     f = lambda p: mp.exp((a-1)*mp.log(p) + (b-1)*mp.log1p(-p)) / lb * (st.binom.sf(x-1, n, float(p)) if upper else st.binom.cdf(x, n, float(p)))
//     c = M(x)/n; w = mp.sqrt(c*(1-c)/n)
//     return mp.quad(f, sorted(set(p for p in [M(0), c-50*w, c-8*w, c, c+8*w, c+50*w, M(1)] if 0 <= p <= 1)), maxdegree=10)
// print(mp.nstr(tail(400000, 10**8, 2, 998), 15))"   (and likewise for each row)
// Tolerance: 1e-4 relative, the continuous approximation's stated accuracy (measured: ≤ 5e-5).
describe('beta-binomial beyond the walk (continuous, incomplete beta)', () => {
  it.each([
    [400_000, 1e8, 2, 998, true, 0.0914322797775017],
    [1_000_000, 1e8, 2, 998, true, 0.000483664790633798],
    [20_000, 1e8, 2, 998, false, 0.0174795511669869],
    [60_000_000, 2 ** 31, 2, 8, true, 0.975339670848441],
    [21_000_000, 1e9, 2000, 98_000, true, 0.0128730214814084],
    [19_000_000, 1e9, 2000, 98_000, false, 0.011028425016591],
  ])('x = %i, n = %i, α = %f, β = %f, upper %s', (x, n, a, b, upper, expected) => {
    const d = betaBinomial(n, a, b);
    expectRel(upper ? d.sfAtLeast(x) : d.cdf(x), expected, 1e-4);
  });

  it('hands over seamlessly: just below the cap, the exact walk and the continuous form agree to 1e-3', () => {
    const n = 2_500_000; // sd ≈ 3,530 counts, below MAX_WALK_SD
    const sd = Math.sqrt((n * 0.002 * 0.998 * (1000 + n)) / 1001);
    expect(sd).toBeLessThan(MAX_WALK_SD);
    const exact = betaBinomial(n, 2, 998);
    const approx = largeBetaBinomial(n, 2, 998);
    for (const x of [5000, 8000, 12_000, 16_000]) expectRel(approx.sfAtLeast(x), exact.sfAtLeast(x), 1e-3);
    for (const x of [2000, 1000]) expectRel(approx.cdf(x), exact.cdf(x), 1e-3);
    for (const q of [0.025, 0.5, 0.975]) expect(Math.abs(approx.ppf(q) - exact.ppf(q))).toBeLessThanOrEqual(1);
  });

  it('n = 10⁸ and n = 2³¹ with wide spread run in bounded memory (no 1.6 GB buffer, no RangeError)', () => {
    const before = process.memoryUsage().rss;
    const r = betaBinomialTailAndBand(2 ** 31, 2, 8, 3e8, true, 0.025, 0.975);
    const r8 = betaBinomialTailAndBand(1e8, 2, 998, 400_000, true, 0.025, 0.975);
    expect(process.memoryUsage().rss - before).toBeLessThan(64 * 2 ** 20);
    expect(r.p).toBeGreaterThan(0.5);
    expect(r.lowerCount).toBeLessThan(r.upperCount);
    expectRel(r8.p, 0.0914322797775017, 1e-4);
  });
});

// scipy 1.17.1: /usr/bin/python3 -c "import scipy.stats as st; print(repr(st.binom.sf(21_500_000-1, 2**31, 0.01)), repr(st.binom.cdf(21_400_000, 2**31, 0.01)))"
describe('binomial beyond the walk (exact identity P(X ≥ k) = I_p(k, n − k + 1))', () => {
  it('n = 2³¹, p = 0.01', () => {
    const d = binomial(2 ** 31, 0.01);
    expectRel(d.sfAtLeast(21_500_000), 2.430638999222166e-8, 1e-5);
    expectRel(d.cdf(21_400_000), 1.3219078613136715e-59, 1e-5);
  });
});

describe('input guards', () => {
  it.each([
    [() => betaBinomial(-1, 1, 1), /n must be a whole number/],
    [() => betaBinomial(2 ** 60, 1, 1), /n must be a whole number/],
    [() => betaBinomial(10, 0, 1), /α and β must be finite/],
    [() => betaBinomial(10, 1, NaN), /α and β must be finite/],
    [() => betaBinomialTailAndBand(10, 1, 1, NaN, true, 0.025, 0.975), /count must be a finite number/],
  ])('%s throws a clear error', (f, message) => expect(f).toThrow(message));
});
