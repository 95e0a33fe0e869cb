// Verdicts per observation (docs/statistics.md): `dip` when the BH q-value is ≤ α AND the value is worse than the baseline
// by at least the metric's minimum relative effect; `severe` when a dip is at least twice as bad as the
// baseline, or when the value crosses the metric's absolute limit (inclusive), whatever the baseline says.
// The baseline level those rules compare with is floored (verdictLevel) so a zero baseline needs real evidence.
import type { LevelFloor, WorseDirection } from '../metrics.ts';

export type Verdict = 'ok' | 'dip' | 'severe';

// docs/statistics.md: "q ≤ 0.05".
export const DEFAULT_ALPHA = 0.05;
// Severe is twice as bad as the baseline (docs/statistics.md): value ≥ 2× baseline (higher is worse) or ≤ ½× (lower).
export const SEVERE_FACTOR = 2;
// An absolute limit on a rate with counts is judged only on sends of at least this size. Gmail's bulk-sender
// requirements (2024), which set the 0.3% spam-rate limit, apply to senders of 5,000+ messages a day; on a
// smaller send a 0.3% rate is one or two complaints, which says nothing about the sender's rate.
export const MIN_DENOMINATOR_FOR_LIMIT = 5000;
// Ordinal metrics: two levels below the typical level is "twice as bad" as one (HIGH → LOW, GREEN → RED).
export const ORDINAL_SEVERE_STEPS = 2;

/**
 * The baseline level the relative-effect and "twice as bad" rules compare with: the baseline's own level, but
 * never below the metric's floor (events/n for a rate on a send of n, or a fixed value) when higher is worse.
 * Without it anything is "at least twice" a zero baseline.
 */
export function verdictLevel(level: number, floor: LevelFloor | null, worse: WorseDirection, denominator: number | null): number {
  if (floor === null || worse === 'lower') return level;
  const min = 'events' in floor ? (denominator !== null && denominator > 0 ? floor.events / denominator : 0) : floor.value;
  return Math.max(level, min);
}

/** Relative change in the worse direction: +0.2 means 20% worse; negative means better. */
export function relativeWorsening(value: number, baseline: number, worse: WorseDirection): number {
  if (baseline === 0) return value === 0 ? 0 : worse === 'higher' ? Infinity : -Infinity;
  return worse === 'higher' ? (value - baseline) / baseline : (baseline - value) / baseline;
}

/** Inclusive: a spam rate of exactly 0.30% crosses the 0.30% limit. */
export function crossesLimit(value: number, limit: number | null, worse: WorseDirection): boolean {
  if (limit === null) return false;
  return worse === 'higher' ? value >= limit : value <= limit;
}

export function isTwiceAsBad(value: number, baseline: number, worse: WorseDirection): boolean {
  return worse === 'higher' ? value >= SEVERE_FACTOR * baseline : value <= baseline / SEVERE_FACTOR;
}

export interface VerdictInput {
  /** BH q-value, or null when the observation could not be tested (insufficient baseline). */
  q: number | null;
  alpha: number;
  value: number;
  /** Baseline level (pooled rate or median); null when there is no usable baseline. */
  baseline: number | null;
  worse: WorseDirection;
  minEffect: number;
  /** True when the observation's value crosses the absolute limit and the limit applies to it. */
  overLimit: boolean;
}

export function decideVerdict(v: VerdictInput): Verdict {
  if (v.overLimit) return 'severe';
  if (v.q === null || v.baseline === null || !(v.q <= v.alpha)) return 'ok';
  if (!(relativeWorsening(v.value, v.baseline, v.worse) >= v.minEffect)) return 'ok';
  return isTwiceAsBad(v.value, v.baseline, v.worse) ? 'severe' : 'dip';
}

/**
 * Ordinal verdict: a dip when the level is below the typical level AND rare in the baseline (its rank p-value,
 * testLevel, is ≤ α: this level or worse on fewer than about one baseline day in 20); severe when such a dip is
 * two levels below the typical level, or at the limit level. Ordinal p-values stay out of Benjamini–Hochberg:
 * their smallest possible value is 1/(k+1), which could never pass an adjustment over thousands of points, and
 * each is valid on its own (docs/statistics.md, "Levels").
 */
export function decideOrdinalVerdict(value: number, typical: number | null, limit: number | null, p: number | null, alpha: number): Verdict {
  if (limit !== null && value <= limit) return 'severe';
  if (typical === null || Number.isNaN(typical) || value >= typical) return 'ok';
  if (p === null || !(p <= alpha)) return 'ok';
  return typical - value >= ORDINAL_SEVERE_STEPS ? 'severe' : 'dip';
}
