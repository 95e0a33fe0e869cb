// One-sided tests of a single post-incident observation against its series' baseline, in the metric's worse
// direction. Each returns the p-value and the 95% band for that observation.
import type { MetricUnit, WorseDirection } from '../metrics.ts';
import { BAND_LEVEL, ratioBand, type Band } from './band.ts';
import type { RateBaseline, RatioBaseline } from './baseline.ts';
import { betaBinomialTailAndBand } from './discrete.ts';
import { tCdf, tSf } from './distributions.ts';

export interface TestResult extends Band {
  pValue: number;
}

/**
 * Rates with counts: the beta-binomial predictive test. The send's true rate is drawn from the baseline's
 * predictive Beta(α, β) (send-to-send variation plus the uncertainty of the baseline itself), and its count
 * is binomial given that rate (the send's own sampling noise). p = P(X ≥ x) (or P(X ≤ x) when lower is
 * worse) under that mixture, summed exactly, so small counts (single-digit complaints) get exact p-values.
 */
export function testRate(b: RateBaseline, numerator: number, denominator: number, worse: WorseDirection): TestResult {
  const tail = (1 - BAND_LEVEL) / 2;
  const r = betaBinomialTailAndBand(denominator, b.alpha, b.beta, numerator, worse === 'higher', tail, 1 - tail);
  return { pValue: clamp01(r.p), lower: r.lowerCount / denominator, upper: r.upperCount / denominator };
}

/**
 * Values without counts: a robust predictive t test. The statistic is (value − median) / (scaled MAD·√(1+1/k)),
 * referred to Student's t with k−1 degrees of freedom (the predictive distribution for one new observation
 * when location and scale are estimated from k baseline points).
 */
export function testRatio(b: RatioBaseline, value: number, worse: WorseDirection, unit: MetricUnit): TestResult {
  const k = b.observations;
  const t = (value - b.center) / (b.scale * Math.sqrt(1 + 1 / k));
  const df = Math.max(1, k - 1);
  const pValue = worse === 'higher' ? tSf(t, df) : tCdf(t, df);
  return { pValue: clamp01(pValue), ...ratioBand(b, unit) };
}

// A plain binomial test is deliberately absent: it ignores send-to-send variation and flags normal wobble
// (the false-positive test in test/unit/stats/scenario.test.ts shows by how much).
function clamp01(p: number): number {
  return Math.min(1, Math.max(0, p));
}
