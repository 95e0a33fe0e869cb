// Baseline estimation for one series: what "normal" looked like before the incident, including how much it
// wobbled from send to send. Pure functions; the caller picks the observations in the baseline window.
import { mean, median, medianAbsoluteDeviation } from 'simple-statistics';
import { normPpf, tPpf } from './distributions.ts';

// SPEC 5: fewer than 5 baseline observations → `insufficient_data`.
export const MIN_BASELINE_OBSERVATIONS = 5;

// Jeffreys prior Beta(½, ½) for the pooled rate: the standard non-informative prior for a binomial proportion
// (Brown, Cai & DasGupta 2001, "Interval estimation for a binomial proportion"). With zero events in the
// baseline it gives a rate of ½/(N+1) instead of 0, so one complaint on a huge send has a finite relative
// effect and a p-value of about n·rate instead of 0; with events it moves the rate by < 1/N (negligible).
export const JEFFREYS_PRIOR = 0.5;

// Floor on the send-to-send coefficient of variation of the true rate. Real streams are never steadier than
// this (list size, content and provider filtering change daily); a baseline that happens to look steadier is
// sampling luck, and trusting it would flag normal wobble. 5% is an engineering judgement, deliberately small.
export const MIN_RATE_CV = 0.05;

// Cap on overdispersion: the predictive Beta keeps α + β ≥ 2 (intra-class correlation ρ = 1/(α+β+1) ≤ 1/3).
// Beyond that the baseline is not one rate but a mixture, and a Beta with α, β < 1 would be U-shaped.
export const MIN_CONCENTRATION = 2;

// Scaled MAD: 1.4826 = 1/Φ⁻¹(3/4) makes the MAD a consistent estimator of σ for normal data.
export const MAD_TO_SIGMA = 1.4826;
// Fallback when the MAD is 0 (more than half the baseline identical): 1.2533 = √(π/2) makes the mean absolute
// deviation consistent for σ (Iglewicz & Hoaglin 1993, modified z-score).
export const MEANAD_TO_SIGMA = 1.2533;
// Scale floors (always applied, so a flat baseline does not turn every tiny change into a dip): a tenth of
// Gmail's 0.1% spam-rate target for fractions (smaller changes are immaterial), one event for counts, and 5%
// of the level itself.
export const MIN_SCALE_FRACTION = 1e-4;
export const MIN_SCALE_COUNT = 1;
export const MIN_SCALE_RELATIVE = 0.05;

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
  /** Method-of-moments estimate of the between-send variance of the true rate (before floor/inflation). */
  tau2Raw: number;
  /** Predictive Beta for the true rate of a new send: mean `rate`, all variance components included. */
  alpha: number;
  beta: number;
  medianDenominator: number;
}

export interface RatioBaseline {
  kind: 'ratio';
  observations: number;
  center: number;
  scale: number;
}

export interface OrdinalBaseline {
  kind: 'ordinal';
  observations: number;
  /** The typical level: the median, ties broken towards the worse level. */
  typical: number;
}

export type Baseline = RateBaseline | RatioBaseline | OrdinalBaseline;

// Tail level at which the small-sample inflation below is matched: 1 in 1,000, about where Benjamini–Hochberg
// draws its line in a typical evaluation (a few dips among a few thousand tested observations).
export const INFLATION_TAIL_P = 0.001;

/**
 * Small-sample inflation of the estimated between-send variance. A new observation judged against a variance
 * estimated from k points follows Student's t with k−1 degrees of freedom, not a normal: its tails are wider.
 * We scale the variance so the normal 1-in-1,000 quantile matches the t one: (t_{k−1}(0.999) / z(0.999))².
 * That is 1.23 at k = 28, 1.6 at k = 10 and 5.4 at k = 5 (a five-point baseline cannot be trusted much).
 */
export function smallSampleInflation(k: number): number {
  const df = Math.max(1, k - 1);
  return (tPpf(1 - INFLATION_TAIL_P, df) / normPpf(1 - INFLATION_TAIL_P)) ** 2;
}

/**
 * Beta-binomial baseline. The between-send variance τ² of the true rate is the DerSimonian–Laird style moment
 * estimate: with S = Σ nᵢ(pᵢ − p̂)², E[S] = (k−1)·p(1−p) + τ²·(N − Σnᵢ²/N), so
 * τ̂² = max(0, (S − (k−1)·p̂(1−p̂)) / (N − Σnᵢ²/N)). The predictive variance of a new send's true rate adds
 * the uncertainty of the pooled rate itself: Var(μ̂) = μ(1−μ)/(N+2) + τ̂²·Σnᵢ²/N².
 */
export function estimateRateBaseline(obs: readonly CountObservation[]): RateBaseline {
  const k = obs.length;
  let trials = 0;
  let events = 0;
  let sumN2 = 0;
  for (const o of obs) {
    trials += o.denominator;
    events += o.numerator;
    sumN2 += o.denominator * o.denominator;
  }
  const pHat = trials > 0 ? events / trials : 0;
  let s = 0;
  for (const o of obs) {
    if (o.denominator > 0) s += o.denominator * (o.numerator / o.denominator - pHat) ** 2;
  }
  const effective = trials - (trials > 0 ? sumN2 / trials : 0);
  const tau2Raw = k > 1 && effective > 0 ? Math.max(0, (s - (k - 1) * pHat * (1 - pHat)) / effective) : 0;

  const rate = (events + JEFFREYS_PRIOR) / (trials + 2 * JEFFREYS_PRIOR);
  const tau2 = Math.max(tau2Raw * smallSampleInflation(k), (MIN_RATE_CV * rate) ** 2);
  const varPooled = (rate * (1 - rate)) / (trials + 2) + (trials > 0 ? (tau2Raw * sumN2) / (trials * trials) : 0);
  const variance = tau2 + varPooled;
  const concentration = Math.max(MIN_CONCENTRATION, (rate * (1 - rate)) / variance - 1);
  const denominators = obs.map((o) => o.denominator);
  return {
    kind: 'rate',
    observations: k,
    events,
    trials,
    rate,
    tau2Raw,
    alpha: rate * concentration,
    beta: (1 - rate) * concentration,
    medianDenominator: denominators.length > 0 ? Math.round(median(denominators)) : 0,
  };
}

/** Robust location/scale for a metric without counts: median and scaled MAD, with fallbacks for flat data. */
export function estimateRatioBaseline(values: readonly number[], unit: 'fraction' | 'count' | 'level'): RatioBaseline {
  if (values.length === 0) return { kind: 'ratio', observations: 0, center: NaN, scale: NaN };
  const xs = [...values];
  const center = median(xs);
  let scale = MAD_TO_SIGMA * medianAbsoluteDeviation(xs);
  if (!(scale > 0)) scale = MEANAD_TO_SIGMA * mean(xs.map((x) => Math.abs(x - center)));
  const floor = Math.max(unit === 'fraction' ? MIN_SCALE_FRACTION : MIN_SCALE_COUNT, MIN_SCALE_RELATIVE * Math.abs(center));
  if (!(scale >= floor)) scale = floor;
  return { kind: 'ratio', observations: values.length, center, scale };
}

/** Typical level of an ordinal series: the median, ties broken towards the worse side. */
export function estimateOrdinalBaseline(values: readonly number[], worse: 'higher' | 'lower'): OrdinalBaseline {
  if (values.length === 0) return { kind: 'ordinal', observations: 0, typical: NaN };
  const sorted = [...values].sort((a, b) => a - b);
  const k = sorted.length;
  const i = worse === 'lower' ? Math.floor((k - 1) / 2) : Math.ceil((k - 1) / 2);
  return { kind: 'ordinal', observations: k, typical: sorted[i] ?? NaN };
}
