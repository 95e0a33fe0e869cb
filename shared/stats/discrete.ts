// Discrete distributions on {0…n}: binomial and beta-binomial, with CDF, survival function and quantile — the
// reference forms, as distribution objects; the evaluation's hot path asks one beta-binomial question at a time
// through tail-and-band.ts, which walks the same mass written out for speed.
//
// Method: the probability mass is computed once around its centre by the ratio recursion pmf(k+1)/pmf(k)
// (exact rational factors, no per-term exp/lgamma), walking outward until the terms fall below TAIL_EPS (1e-20) of the
// largest, then normalised by its own sum. Normalising removes the rounding error of the one lgamma-based
// starting value, so tail sums keep relative precision ~1e-13 even for n in the hundreds of thousands (where
// differences of lgamma values would lose digits). Survival sums run from the far tail inwards (small terms
// first). Beyond the walked range (probabilities < ~1e-20 relative) the tail is summed directly from its own
// lgamma-based start (discrete-kernels.ts). simple-statistics' binomialDistribution stops at a 1e-4 tail, so it
// cannot be used. Where the walk would be long (a standard deviation above MAX_WALK_SD counts), large-counts.ts
// takes over with incomplete-beta tails, so memory stays bounded for any n.
import {
  betaBinomialKernel,
  checkBetaBinomial,
  outerLogPmf,
  outerLower,
  outerUpper,
  OUTER_TOP_UP_BELOW,
  REFERENCE_TAIL_EPS as TAIL_EPS,
  type Kernel,
  type Walk,
} from './discrete-kernels.ts';
import { largeBetaBinomial, largeBinomial, MAX_WALK_SD } from './large-counts.ts';
import { logChoose } from './special.ts';

export interface DiscreteDist {
  readonly n: number;
  /** P(X = k). */
  pmf(k: number): number;
  /** P(X ≤ k). */
  cdf(k: number): number;
  /** P(X ≥ k) — note: "at least k", the one-sided p-value for an observed count k. */
  sfAtLeast(k: number): number;
  /** Smallest k with P(X ≤ k) ≥ q. */
  ppf(q: number): number;
}

// Scratch buffer for the walk, reused between calls (never retained: build() copies out what it keeps). Start mid-buffer so the walk can go both ways; grow on demand.
let scratch = new Float64Array(1 << 14);

function walk(kernel: Kernel, sd: number): Walk {
  const { n, ratioUp } = kernel;
  const start = Math.min(n, Math.max(0, Math.round(kernel.start)));
  // ~9.6 sd either side reaches 1e-20 for a near-normal shape; leave room, grow if a skewed tail needs more.
  const half = Math.min(n + 1, Math.ceil(12 * sd) + 64);
  if (scratch.length < 2 * half + 2) scratch = new Float64Array(2 * half + 2);
  let buf = scratch;
  let centre = buf.length >> 1;
  let peak = 1;
  buf[centre] = 1; // the start term, scaled to 1
  let down = 0;
  let t = 1;
  for (let k = start; k > 0; k--) {
    if (centre - down - 1 < 0) {
      // Grow: copy into a buffer twice the size, shifting the centre right.
      const bigger = new Float64Array(buf.length * 2);
      const shift = buf.length;
      bigger.set(buf.subarray(centre - down, centre + 1), centre - down + shift);
      buf = scratch = bigger;
      centre += shift;
    }
    const r = ratioUp(k - 1);
    t = t / r;
    if (t > peak) peak = t;
    down++;
    buf[centre - down] = t;
    if ((kernel.unimodal && r > 1 && t < TAIL_EPS * peak) || !(t < Infinity)) break;
  }
  let up = 0;
  t = 1;
  for (let k = start; k < n; k++) {
    if (centre + up + 1 >= buf.length) {
      const bigger = new Float64Array(buf.length * 2);
      bigger.set(buf.subarray(centre - down, centre + up + 1), centre - down);
      buf = scratch = bigger;
    }
    const r = ratioUp(k);
    t = t * r;
    if (t > peak) peak = t;
    up++;
    buf[centre + up] = t;
    if ((kernel.unimodal && r < 1 && t < TAIL_EPS * peak) || Number.isNaN(t)) break;
  }
  const base = centre - down;
  const len = down + up + 1;
  let total = 0;
  for (let i = base; i < base + len; i++) total += buf[i] ?? 0;
  return { buf, base, lo: start - down, len, total, centre: start };
}

function addOuter(tail: number, outer: (() => number) | null): number {
  return outer !== null && tail < OUTER_TOP_UP_BELOW ? tail + outer() : tail;
}

/** P(X ≥ k) from a walk (summed from the top down, small terms first). */
function walkSfAtLeast(kernel: Kernel, w: Walk, k: number): number {
  const kk = Math.ceil(k);
  if (kk <= 0) return 1;
  if (kk > kernel.n) return 0;
  const hi = w.lo + w.len - 1;
  if (kk > hi) return outerUpper(kernel, w, kk);
  if (kk < w.lo) return 1 - outerLower(kernel, w, kk - 1);
  // Above the centre the answer may be small: sum it directly, from the top. Below the centre it is not
  // small, and summing the lower side and subtracting is both shorter and exact enough.
  if (kk > w.centre) {
    let s = 0;
    for (let i = w.base + w.len - 1; i >= w.base + (kk - w.lo); i--) s += w.buf[i] ?? 0;
    return addOuter(s / w.total, hi < kernel.n ? () => outerUpper(kernel, w, hi + 1) : null);
  }
  let s = 0;
  for (let i = w.base; i < w.base + (kk - w.lo); i++) s += w.buf[i] ?? 0;
  return Math.max(0, 1 - s / w.total);
}

/** P(X ≤ k) from a walk. */
function walkCdf(kernel: Kernel, w: Walk, k: number): number {
  const kk = Math.floor(k);
  if (kk < 0) return 0;
  if (kk >= kernel.n) return 1;
  const hi = w.lo + w.len - 1;
  if (kk < w.lo) return outerLower(kernel, w, kk);
  if (kk > hi) return 1 - outerUpper(kernel, w, kk + 1);
  if (kk <= w.centre) {
    let s = 0;
    for (let i = w.base; i <= w.base + (kk - w.lo); i++) s += w.buf[i] ?? 0;
    return addOuter(s / w.total, w.lo > 0 ? () => outerLower(kernel, w, w.lo - 1) : null);
  }
  let s = 0;
  for (let i = w.base + w.len - 1; i > w.base + (kk - w.lo); i--) s += w.buf[i] ?? 0;
  return Math.max(0, 1 - s / w.total);
}

/** Smallest k with P(X ≤ k) ≥ q, from a walk; accumulates from the nearer tail. */
function walkPpf(kernel: Kernel, w: Walk, q: number): number {
  if (Number.isNaN(q) || q < 0 || q > 1) return NaN;
  if (q === 0) return 0;
  if (q === 1) return kernel.n;
  if (q <= 0.5) {
    const target = q * w.total;
    let s = 0;
    for (let i = 0; i < w.len; i++) {
      s += w.buf[w.base + i] ?? 0;
      if (s >= target) return w.lo + i;
    }
    return w.lo + w.len - 1;
  }
  // Upper half: P(X ≤ k) ≥ q ⇔ P(X > k) ≤ 1 − q; walk down from the top while the tail above stays ≤ 1 − q.
  const target = (1 - q) * w.total;
  let s = 0;
  for (let i = w.len - 1; i > 0; i--) {
    s += w.buf[w.base + i] ?? 0;
    if (s > target) return w.lo + i;
  }
  return w.lo;
}

function build(kernel: Kernel, sd: number): DiscreteDist {
  const w = walk(kernel, sd);
  // Keep a private copy of the mass: the scratch buffer is reused by the next walk.
  const own: Walk = { ...w, buf: w.buf.slice(w.base, w.base + w.len), base: 0 };
  const mass = own.buf;
  return {
    n: kernel.n,
    pmf: (k) => {
      if (!Number.isInteger(k) || k < 0 || k > kernel.n) return 0;
      if (k < own.lo || k >= own.lo + own.len) return Math.exp(outerLogPmf(kernel, own, k));
      return (mass[k - own.lo] ?? 0) / own.total;
    },
    cdf: (k) => walkCdf(kernel, own, k),
    sfAtLeast: (k) => walkSfAtLeast(kernel, own, k),
    ppf: (q) => walkPpf(kernel, own, q),
  };
}

function pointMass(n: number, at: number): DiscreteDist {
  return {
    n,
    pmf: (k) => (k === at ? 1 : 0),
    cdf: (k) => (k >= at ? 1 : 0),
    sfAtLeast: (k) => (k <= at ? 1 : 0),
    ppf: (q) => (Number.isNaN(q) || q < 0 || q > 1 ? NaN : at),
  };
}

/** Binomial(n, p). */
export function binomial(n: number, p: number): DiscreteDist {
  if (!Number.isInteger(n) || n < 0 || !(p >= 0 && p <= 1)) throw new RangeError(`binomial(${n}, ${p}): bad parameters`);
  if (p === 0 || n === 0) return pointMass(n, 0);
  if (p === 1) return pointMass(n, n);
  if (Math.sqrt(n * p * (1 - p)) > MAX_WALK_SD) return largeBinomial(n, p);
  const odds = p / (1 - p);
  const logP = Math.log(p);
  const log1mP = Math.log1p(-p);
  const kernel: Kernel = {
    n,
    start: Math.floor((n + 1) * p),
    logPmf: (k) => logChoose(n, k) + k * logP + (n - k) * log1mP,
    ratioUp: (k) => ((n - k) / (k + 1)) * odds,
    unimodal: true,
  };
  return build(kernel, Math.sqrt(n * p * (1 - p)));
}

/** Beta-binomial(n, α, β): a binomial whose success probability is itself Beta(α, β) distributed. */
export function betaBinomial(n: number, alpha: number, beta: number): DiscreteDist {
  checkBetaBinomial(n, alpha, beta);
  if (n === 0) return pointMass(0, 0);
  const { kernel, sd } = betaBinomialKernel(n, alpha, beta);
  return sd > MAX_WALK_SD ? largeBetaBinomial(n, alpha, beta) : build(kernel, sd);
}
