// The 95% prediction band (SPEC 5 `band`): where the baseline says an observation of a given size should fall.
// This is what the chart shades; an observation outside it is unusual for its size, not necessarily a dip.
import type { MetricUnit } from '../metrics.ts';
import type { OrdinalBaseline, RateBaseline, RatioBaseline } from './baseline.ts';
import { betaBinomial, type DiscreteDist } from './discrete.ts';
import { tPpf } from './distributions.ts';

// SPEC 5: "the baseline's 95% prediction interval"; equal tails of 2.5%.
export const BAND_LEVEL = 0.95;
const LOWER_Q = (1 - BAND_LEVEL) / 2;
const UPPER_Q = 1 - LOWER_Q;

export interface Band {
  lower: number;
  upper: number;
}

/** Band for a rate from the beta-binomial predictive distribution of a send of size n. */
export function rateBandFromDist(dist: DiscreteDist): Band {
  const n = dist.n;
  if (n === 0) return { lower: 0, upper: 0 };
  return { lower: dist.ppf(LOWER_Q) / n, upper: dist.ppf(UPPER_Q) / n };
}

export function rateBand(b: RateBaseline, n: number): Band {
  return rateBandFromDist(betaBinomial(n, b.alpha, b.beta));
}

/**
 * Band for a value without counts: center ± t_{0.975, k−1}·scale·√(1 + 1/k), the prediction interval for one
 * new observation from a location/scale estimated on k points; clipped to the metric's range.
 */
export function ratioBand(b: RatioBaseline, unit: MetricUnit): Band {
  const k = b.observations;
  const half = tPpf(UPPER_Q, Math.max(1, k - 1)) * b.scale * Math.sqrt(1 + 1 / k);
  const lower = Math.max(0, b.center - half);
  const upper = unit === 'fraction' ? Math.min(1, b.center + half) : b.center + half;
  return { lower, upper };
}

/** Ordinal band: the typical level itself (anything at or above it is normal for a lower-is-worse scale). */
export function ordinalBand(b: OrdinalBaseline, maxLevel: number): Band {
  return { lower: b.typical, upper: maxLevel };
}
