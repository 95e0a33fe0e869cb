// The 95% prediction band (docs/statistics.md `band`): where the baseline says an observation of a given size should fall.
// This is what the chart shades; an observation outside it is unusual for its size, not necessarily a dip.
import type { MetricUnit } from '../metrics.ts';
import type { OrdinalBaseline, RateBaseline, RatioBaseline } from './baseline.ts';
import { betaBinomial } from './discrete.ts';
import { normCdf, tPpf } from './distributions.ts';

// docs/statistics.md: "the baseline's 95% prediction interval"; equal tails of 2.5%.
export const BAND_LEVEL = 0.95;
const LOWER_Q = (1 - BAND_LEVEL) / 2;
const UPPER_Q = 1 - LOWER_Q;
// Beyond this many degrees of freedom the band's t quantile is the normal one to 4 digits.
const BAND_NORMAL_DF = 1000;

export interface Band {
  lower: number;
  upper: number;
}

const tailByDf = new Map<number, number>();

/**
 * The lower tail probability at which to read the beta-binomial for a 95% band that allows for ν degrees of
 * freedom: the same studentization as the test (a p-value's normal score read as a t score), inverted:
 * Φ(t_ν⁻¹(0.025)). ν is rounded to a whole number (the band is a picture, not a test) and memoized.
 */
export function rateBandTail(nu: number): number {
  const df = Math.round(nu);
  if (df >= BAND_NORMAL_DF) return LOWER_Q;
  let tail = tailByDf.get(df);
  if (tail === undefined) {
    tail = normCdf(tPpf(LOWER_Q, Math.max(1, df)));
    tailByDf.set(df, tail);
  }
  return tail;
}

/** Band for a rate: the beta-binomial predictive distribution of a send of size n, with ν degrees of freedom. */
export function rateBand(b: RateBaseline, n: number, nu: number): Band {
  if (n === 0) return { lower: 0, upper: 0 };
  const tail = rateBandTail(nu);
  const dist = betaBinomial(n, b.alpha, b.beta);
  return { lower: dist.ppf(tail) / n, upper: dist.ppf(1 - tail) / n };
}

/**
 * Band for a value without counts: exp(ȳ ± t_{0.975, k−1}·s·√(1 + 1/k)) − resolution, the prediction interval
 * of the test's log scale taken back to the metric's own; clipped to the metric's range.
 */
export function ratioBand(b: RatioBaseline, unit: MetricUnit): Band {
  const k = b.observations;
  const half = tPpf(UPPER_Q, Math.max(1, k - 1)) * b.sd * Math.sqrt(1 + 1 / k);
  const lower = Math.max(0, Math.exp(b.mean - half) - b.offset);
  const upper = Math.exp(b.mean + half) - b.offset;
  return { lower, upper: unit === 'fraction' ? Math.min(1, upper) : upper };
}

/** Ordinal band: the typical level up to the best level (anything in it is normal for a lower-is-worse scale). */
export function levelBand(b: OrdinalBaseline, maxLevel: number): Band {
  return { lower: b.typical, upper: maxLevel };
}
