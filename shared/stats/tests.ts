// One-sided tests of a single post-incident observation against its series' baseline, in the metric's worse
// direction. Each returns the p-value and the 95% band for that observation. docs/statistics.md describes the
// method and shows its calibration (test/unit/stats/calibration.test.ts).
import type { MetricUnit, WorseDirection } from '../metrics.ts';
import { levelBand, rateBandTail, ratioBand, type Band } from './band.ts';
import { checkValue, type OrdinalBaseline, type RateBaseline, type RatioBaseline } from './baseline.ts';
import { betaBinomialTailAndBand } from './tail-and-band.ts';
import { normPpf, tCdf, tSf } from './distributions.ts';

export interface TestResult extends Band {
  pValue: number;
}

// Degrees of freedom at and above which Student's t is the normal to double precision in the p-values we
// report (t_ν / z − 1 < 1e-5 at the 1e-6 quantile); skipping the correction there saves the evaluation time.
export const NORMAL_DF = 1e6;
// The fewest degrees of freedom assumed (a Cauchy): a new send far larger than the baseline's sends.
export const MIN_DF = 1;

/**
 * Welch–Satterthwaite degrees of freedom of the predictive variance of a send of size n. The baseline measured
 * the per-send variance V(n̄) = p(1−p)/n̄ + τ² at its effective size n̄ with k−1 degrees of freedom (a χ² for
 * normal data); the binomial part p(1−p)/n is known given p. So the variance for a send of size n,
 * V(n) = p(1−p)/n + τ², is as uncertain as τ̂² is: ν = (k−1)·(V(n)/V(n̄))². ν = k−1 for a send of the typical
 * size, more when the send is smaller (its own binomial noise, which is known, dominates), fewer when larger.
 */
export function rateDegreesOfFreedom(b: RateBaseline, n: number): number {
  const k = b.observations;
  if (k < 2) return MIN_DF;
  const binomial = b.rate * (1 - b.rate);
  const ratio = (binomial / n + b.tau2) / (binomial / b.effectiveSize + b.tau2);
  return Math.max(MIN_DF, (k - 1) * ratio * ratio);
}

/**
 * Turns a p-value computed as if the variance were known into one that allows for the variance having been
 * estimated with ν degrees of freedom: the p-value's normal score z is read as a Student t score. Exact for
 * normal data (it is the t test); for counts it keeps the beta-binomial's exact small-count tail shape and
 * widens it by the same factor a t widens a normal.
 */
export function studentize(p: number, nu: number): number {
  if (nu >= NORMAL_DF) return p;
  return tSf(-normPpf(p), nu);
}

function checkCounts(numerator: number, denominator: number): void {
  if (!Number.isInteger(denominator) || denominator <= 0) {
    throw new RangeError(`denominator must be a positive whole number, got ${denominator}`);
  }
  if (!Number.isInteger(numerator) || numerator < 0 || numerator > denominator) {
    throw new RangeError(`numerator must be a whole number from 0 to the denominator ${denominator}, got ${numerator}`);
  }
}

/**
 * Rates with counts: the beta-binomial predictive test. The send's true rate is drawn from the baseline's
 * predictive Beta(α, β) (send-to-send variation plus the uncertainty of the baseline itself), and its count
 * is binomial given that rate (the send's own sampling noise). P(X ≥ x) (or P(X ≤ x) when lower is worse)
 * under that mixture is summed exactly, so small counts (single-digit complaints) get exact tails; it is then
 * studentized with the Satterthwaite degrees of freedom, because τ² was estimated from k sends.
 */
export function testRate(b: RateBaseline, numerator: number, denominator: number, worse: WorseDirection): TestResult {
  checkCounts(numerator, denominator);
  const nu = rateDegreesOfFreedom(b, denominator);
  const tail = rateBandTail(nu);
  const r = betaBinomialTailAndBand(denominator, b.alpha, b.beta, numerator, worse === 'higher', tail, 1 - tail);
  return { pValue: clamp01(studentize(r.p, nu)), lower: r.lowerCount / denominator, upper: r.upperCount / denominator };
}

/**
 * Values without counts: a predictive t test on y = ln(x + resolution). The statistic is
 * (y − ȳ) / (s·√(1 + 1/k)) with the baseline's mean ȳ and standard deviation s, referred to Student's t with
 * k − 1 degrees of freedom: exact when y is normal, whatever k. (A median/MAD statistic referred to the same t
 * is not: the MAD has about a third of the standard deviation's efficiency, so its t has far fewer degrees of
 * freedom than k − 1, and its tails were 3–50× too light at k = 5–28.)
 */
export function testRatio(b: RatioBaseline, value: number, worse: WorseDirection, unit: MetricUnit): TestResult {
  checkValue(value, unit, 'value');
  const k = b.observations;
  const t = (Math.log(value + b.offset) - b.mean) / (b.sd * Math.sqrt(1 + 1 / k));
  const df = Math.max(MIN_DF, k - 1);
  const pValue = worse === 'higher' ? tSf(t, df) : tCdf(t, df);
  return { pValue: clamp01(pValue), ...ratioBand(b, unit) };
}

/**
 * Ordinal levels: the rank (conformal) p-value, (#{baseline days at this level or worse} + 1) / (k + 1) — the
 * chance that a day drawn like the baseline's is at least this bad, counting the new day itself. Valid for
 * every k and every mix of levels (P(p ≤ α) ≤ α whenever the days are exchangeable), with no model of the
 * levels at all; the price is a smallest p of 1/(k + 1), so a level never seen in 28 days gives p = 0.034.
 */
export function testLevel(b: OrdinalBaseline, value: number, worse: WorseDirection, maxLevel: number): TestResult {
  if (!Number.isInteger(value) || value < 0 || value > maxLevel) {
    throw new RangeError(`level must be a whole number from 0 to ${maxLevel}, got ${value}`);
  }
  let atOrWorse = 0;
  for (const l of b.levels) if (worse === 'lower' ? l <= value : l >= value) atOrWorse++;
  return { pValue: (atOrWorse + 1) / (b.observations + 1), ...levelBand(b, maxLevel) };
}

function clamp01(p: number): number {
  return Math.min(1, Math.max(0, p));
}
