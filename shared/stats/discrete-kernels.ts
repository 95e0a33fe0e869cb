// What both walks over a discrete distribution's mass share (discrete.ts, the reference distributions, and
// tail-and-band.ts, the evaluation's written-out beta-binomial walk): the kernel of a distribution (its log pmf and
// the ratio of successive terms), the record of a walk, and the tails beyond the walked range, summed directly
// from the walk's edge term (or lgamma far out) where the terms fell below the walk's cut-off.
import { logBeta, logChoose } from './special.ts';

export interface Kernel {
  n: number;
  /** Where to start the walk (near the mode). */
  start: number;
  logPmf(k: number): number;
  /** pmf(k+1) / pmf(k) for 0 ≤ k < n. */
  ratioUp(k: number): number;
  /** False when the mass may rise again towards an edge (a U-shaped beta-binomial): then walk everything. */
  unimodal: boolean;
}

/** The terms of one walk, scaled so the start term is 1: `buf[base … base + len − 1]` stand for k = lo … lo + len − 1. */
export interface Walk {
  buf: Float64Array;
  /** Index in `buf` of the lowest term, and the value k it stands for. */
  base: number;
  lo: number;
  len: number;
  total: number;
  /** The k the walk started from (near the mode). */
  centre: number;
}

// Terms smaller than this fraction of the largest are beyond double precision of any sum that includes the
// centre; discrete.ts's walk stops there (when the terms are falling away from the centre).
export const REFERENCE_TAIL_EPS = 1e-20;

// Beyond this many steps past the walked range, the tail start comes from lgamma instead of the recursion.
const MAX_OUTER_STEPS = 5000;

/**
 * log pmf(k) outside the walked range: continue the ratio recursion (in logs, no underflow) from the walk's
 * normalised edge term, which keeps the normalisation's precision; far out, fall back to lgamma.
 */
export function outerLogPmf(kernel: Kernel, w: Walk | null, k: number): number {
  if (w !== null) {
    const hi = w.lo + w.len - 1;
    if (k > hi && k - hi <= MAX_OUTER_STEPS) {
      let l = Math.log((w.buf[w.base + w.len - 1] ?? 0) / w.total);
      for (let j = hi; j < k; j++) l += Math.log(kernel.ratioUp(j));
      if (Number.isFinite(l)) return l;
    }
    if (k < w.lo && w.lo - k <= MAX_OUTER_STEPS) {
      let l = Math.log((w.buf[w.base] ?? 0) / w.total);
      for (let j = w.lo; j > k; j--) l -= Math.log(kernel.ratioUp(j - 1));
      if (Number.isFinite(l)) return l;
    }
  }
  return kernel.logPmf(k);
}

/** P(X ≥ k) for k above the walked range, summed directly (tiny probabilities, below the walk's cut-off). */
export function outerUpper(kernel: Kernel, w: Walk | null, k: number): number {
  let term = Math.exp(outerLogPmf(kernel, w, k));
  let sum = term;
  for (let j = k; j < kernel.n && term > sum * 1e-17; j++) sum += term *= kernel.ratioUp(j);
  return sum;
}

/** P(X ≤ k) for k below the walked range. */
export function outerLower(kernel: Kernel, w: Walk | null, k: number): number {
  let term = Math.exp(outerLogPmf(kernel, w, k));
  let sum = term;
  for (let j = k; j > 0 && term > sum * 1e-17; j--) sum += term /= kernel.ratioUp(j - 1);
  return sum;
}

// A tail sum below this is topped up with the mass beyond the walked range (below the walk's cut-off of the
// total), which would otherwise cost relative precision in extreme tails (p ~ 1e-16 and below).
export const OUTER_TOP_UP_BELOW = 1e-3;

// Sizes up to 2⁵³ are whole numbers a double holds exactly; beyond, n ± 1 is no longer representable.
export function checkBetaBinomial(n: number, alpha: number, beta: number): void {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`betaBinomial: n must be a whole number ≥ 0, got ${n}`);
  if (!(alpha > 0 && alpha < Infinity) || !(beta > 0 && beta < Infinity)) {
    throw new RangeError(`betaBinomial: α and β must be finite and > 0, got α = ${alpha}, β = ${beta}`);
  }
}

/** Var X = nμ(1−μ)(α+β+n)/(α+β+1), μ = α/(α+β). */
export function betaBinomialSd(n: number, alpha: number, beta: number, mu: number): number {
  return Math.sqrt((n * mu * (1 - mu) * (alpha + beta + n)) / (alpha + beta + 1));
}

export function betaBinomialKernel(n: number, alpha: number, beta: number): { kernel: Kernel; sd: number } {
  const lb = logBeta(alpha, beta);
  const mu = alpha / (alpha + beta);
  const sd = betaBinomialSd(n, alpha, beta, mu);
  const kernel: Kernel = {
    n,
    start: n * mu,
    logPmf: (k) => logChoose(n, k) + logBeta(k + alpha, n - k + beta) - lb,
    ratioUp: (k) => ((n - k) * (k + alpha)) / ((k + 1) * (n - k - 1 + beta)),
    // With α ≥ 1 or β ≥ 1 the mass is unimodal (monotone on each side of its mode); only α, β < 1 is U-shaped.
    unimodal: alpha >= 1 || beta >= 1,
  };
  return { kernel, sd };
}
