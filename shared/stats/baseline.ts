// Baseline estimation for one series: what "normal" looked like before the incident, including how much it
// wobbled from send to send. Pure functions; the caller picks the observations in the baseline window.
// The method and its calibration are described in docs/statistics.md.
import { median } from 'simple-statistics';
import type { MetricUnit, WorseDirection } from '../metrics.ts';

// docs/statistics.md: fewer than 5 baseline observations → `insufficient_data`.
export const MIN_BASELINE_OBSERVATIONS = 5;

// Jeffreys prior Beta(½, ½) for the pooled rate: the standard non-informative prior for a binomial proportion
// (Brown, Cai & DasGupta 2001, "Interval estimation for a binomial proportion"). With zero events in the
// baseline it gives a rate of ½/(N+1) instead of 0, so one complaint on a huge send has a finite relative
// effect and a p-value of about n·rate instead of 0; with events it moves the rate by < 1/N (negligible).
export const JEFFREYS_PRIOR = 0.5;

// Floor on the send-to-send coefficient of variation of the true rate, taken on the smaller of the rate and its
// complement (the rarer outcome): 88% inbox varies like 12% "not inbox" does, by at least 0.6 points, not by
// 5% of 88% (4.4 points, which would hide an 88% → 70% drop). Real streams are never steadier than this (list
// size, content and provider filtering change daily); a baseline that happens to look steadier is sampling
// luck, and trusting it would flag normal wobble. 5% is an engineering judgement, deliberately small.
export const MIN_RATE_CV = 0.05;

// Cap on overdispersion: the predictive Beta keeps α + β ≥ 2 (intra-class correlation ρ = 1/(α+β+1) ≤ 1/3).
// Beyond that the baseline is not one rate but a mixture, and a Beta with α, β < 1 would be U-shaped.
export const MIN_CONCENTRATION = 2;

// Values without counts: floor on the standard deviation of ln(x + resolution), i.e. 5% relative day-to-day
// variation — the same judgement as MIN_RATE_CV.
export const MIN_LOG_SD = 0.05;

export interface CountObservation {
  numerator: number;
  denominator: number;
}

export interface RateBaseline {
  kind: 'rate';
  observations: number;
  events: number;
  trials: number;
  /** Pooled rate with the Jeffreys prior: (Σx + ½)/(Σn + 1). */
  rate: number;
  /** Method-of-moments estimate of the between-send variance of the true rate (may be negative: unfloored). */
  tau2Raw: number;
  /** The between-send variance used: tau2Raw floored at (MIN_RATE_CV·min(rate, 1 − rate))². */
  tau2: number;
  /** Send size at which the baseline measured its per-send variance: (N − Σn²/N)/(k − 1) (n̄ for equal sizes). */
  effectiveSize: number;
  /** Predictive Beta for the true rate of a new send: mean `rate`, all variance components included. */
  alpha: number;
  beta: number;
  medianDenominator: number;
}

export interface RatioBaseline {
  kind: 'ratio';
  observations: number;
  /** Median of the raw values: the level reported and used by the verdict rules. */
  center: number;
  /** The test runs on y = ln(x + offset); see logOffset. */
  offset: number;
  /** Mean and standard deviation (floored, see MIN_LOG_SD) of y over the baseline. */
  mean: number;
  sd: number;
}

export interface OrdinalBaseline {
  kind: 'ordinal';
  observations: number;
  /** The typical level: the median, ties broken towards the worse level. */
  typical: number;
  /** The baseline's levels, sorted ascending (for the level test). */
  levels: readonly number[];
}

export type Baseline = RateBaseline | RatioBaseline | OrdinalBaseline;

function fail(what: string, index: number, detail: string): never {
  throw new RangeError(`baseline observation ${index}: ${what} ${detail}`);
}

/**
 * Beta-binomial baseline. The between-send variance τ² of the true rate is the DerSimonian–Laird style moment
 * estimate: with S = Σ nᵢ(pᵢ − p̂)², E[S] = (k−1)·p(1−p) + τ²·(N − Σnᵢ²/N), so
 * τ̂² = (S − (k−1)·p̂(1−p̂)) / (N − Σnᵢ²/N), floored. No small-sample inflation here: the uncertainty of τ̂² is
 * accounted for by the test's degrees of freedom (see rateDegreesOfFreedom in tests.ts). The predictive
 * variance of a new send's true rate adds the uncertainty of the pooled rate: μ(1−μ)/(N+2) + τ̂²·Σnᵢ²/N².
 */
export function estimateRateBaseline(obs: readonly CountObservation[]): RateBaseline {
  const k = obs.length;
  let trials = 0;
  let events = 0;
  let sumN2 = 0;
  obs.forEach((o, i) => {
    const { numerator: x, denominator: n } = o;
    if (!Number.isInteger(n) || n <= 0) fail('denominator', i, `must be a positive whole number, got ${n}`);
    if (!Number.isInteger(x) || x < 0 || x > n) fail('numerator', i, `must be a whole number from 0 to the denominator ${n}, got ${x}`);
    trials += n;
    events += x;
    sumN2 += n * n;
  });
  const pHat = trials > 0 ? events / trials : 0;
  let s = 0;
  for (const o of obs) s += o.denominator * (o.numerator / o.denominator - pHat) ** 2;
  const effective = trials - (trials > 0 ? sumN2 / trials : 0);
  const tau2Raw = k > 1 && effective > 0 ? (s - (k - 1) * pHat * (1 - pHat)) / effective : 0;

  const rate = (events + JEFFREYS_PRIOR) / (trials + 2 * JEFFREYS_PRIOR);
  const tau2 = Math.max(tau2Raw, (MIN_RATE_CV * Math.min(rate, 1 - rate)) ** 2);
  const varPooled = (rate * (1 - rate)) / (trials + 2) + (trials > 0 ? (Math.max(0, tau2Raw) * sumN2) / (trials * trials) : 0);
  const concentration = Math.max(MIN_CONCENTRATION, (rate * (1 - rate)) / (tau2 + varPooled) - 1);
  return {
    kind: 'rate',
    observations: k,
    events,
    trials,
    rate,
    tau2Raw,
    tau2,
    effectiveSize: k > 1 && effective > 0 ? effective / (k - 1) : trials,
    alpha: rate * concentration,
    beta: (1 - rate) * concentration,
    medianDenominator: k > 0 ? Math.round(median(obs.map((o) => o.denominator))) : 0,
  };
}

/** Checks a value without counts: finite, not negative, and at most 1 for a fraction. */
export function checkValue(value: number, unit: MetricUnit, what: string): void {
  if (!Number.isFinite(value) || value < 0 || (unit === 'fraction' && value > 1)) {
    throw new RangeError(`${what} must be a ${unit === 'fraction' ? 'fraction from 0 to 1' : 'finite number ≥ 0'}, got ${value}`);
  }
}

// The log transform's offset when the baseline has no zeros: a hundredth of its median. Small, so that
// y = ln(x + offset) is ln x wherever the values are: an offset comparable to the values squashes the lower
// tail only, skews y to the right and makes the tested upper tail heavier than the t assumes (an offset of
// half a 0.02% median made p < 0.001 four times too common on log-normal days).
export const LOG_OFFSET_OF_MEDIAN = 0.01;

/**
 * The log transform's offset. Without zeros: LOG_OFFSET_OF_MEDIAN × median (see above). With zeros, the values
 * are counts in disguise (a few complaints or trap hits a day) and the offset is their grain — the smallest
 * positive value, at least the metric's resolution — so that 0, 1, 2 events are evenly spaced steps (ln 2
 * apart) instead of a zero sitting far below everything else and making a single event look extreme.
 */
export function logOffset(values: readonly number[], center: number, resolution: number): number {
  let smallestPositive = Infinity;
  let zeros = false;
  for (const v of values) {
    if (v === 0) zeros = true;
    else if (v < smallestPositive) smallestPositive = v;
  }
  if (!zeros) return LOG_OFFSET_OF_MEDIAN * center;
  return smallestPositive < Infinity ? Math.max(resolution, smallestPositive) : resolution;
}

/**
 * Values without counts (provider ratios, daily counts): mean and standard deviation of y = ln(x + offset), the
 * median of x as the level. Why a log: these values wobble multiplicatively (a 0.05% spam rate moves by
 * ±0.02%, a 0.5% one by ±0.2%) and are skewed to the right; on the log scale the spread is roughly constant and
 * the distribution roughly normal, so a t test with k − 1 degrees of freedom is honest (docs/statistics.md).
 * The spread is floored at one `resolution` step at the baseline's level (and MIN_LOG_SD), so a baseline of
 * identical values — all zeros, say — is not taken to be exact.
 */
export function estimateRatioBaseline(values: readonly number[], unit: MetricUnit, resolution: number): RatioBaseline {
  if (!(resolution > 0 && resolution < Infinity)) throw new RangeError(`resolution must be a finite number > 0, got ${resolution}`);
  values.forEach((v, i) => checkValue(v, unit, `baseline value ${i}`));
  const k = values.length;
  if (k === 0) return { kind: 'ratio', observations: 0, center: NaN, offset: NaN, mean: NaN, sd: NaN };
  const center = median([...values]);
  const offset = logOffset(values, center, resolution);
  let sum = 0;
  for (const v of values) sum += Math.log(v + offset);
  const mean = sum / k;
  let ss = 0;
  for (const v of values) ss += (Math.log(v + offset) - mean) ** 2;
  const sample = k > 1 ? Math.sqrt(ss / (k - 1)) : 0;
  // One resolution step at the baseline's level (never read below the resolution itself), and MIN_LOG_SD.
  const floor = Math.max(MIN_LOG_SD, Math.log1p(resolution / Math.max(Math.exp(mean), resolution)));
  return { kind: 'ratio', observations: k, center, offset, mean, sd: Math.max(sample, floor) };
}

/** Typical level of an ordinal series: the median, ties broken towards the worse side. */
export function estimateOrdinalBaseline(values: readonly number[], worse: WorseDirection): OrdinalBaseline {
  values.forEach((v, i) => {
    if (!Number.isInteger(v) || v < 0) fail('level', i, `must be a level index (a whole number ≥ 0), got ${v}`);
  });
  if (values.length === 0) return { kind: 'ordinal', observations: 0, typical: NaN, levels: [] };
  const sorted = [...values].sort((a, b) => a - b);
  const k = sorted.length;
  const i = worse === 'lower' ? Math.floor((k - 1) / 2) : Math.ceil((k - 1) / 2);
  return { kind: 'ordinal', observations: k, typical: sorted[i] ?? NaN, levels: sorted };
}
