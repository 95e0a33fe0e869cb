// Discrete distributions on {0…n}: binomial and beta-binomial, with CDF, survival function and quantile.
//
// Method: the probability mass is computed once around its centre by the ratio recursion pmf(k+1)/pmf(k)
// (exact rational factors, no per-term exp/lgamma), walking outward until the terms fall below TAIL_EPS of the
// largest, then normalised by its own sum. Normalising removes the rounding error of the one lgamma-based
// starting value, so tail sums keep relative precision ~1e-13 even for n in the hundreds of thousands (where
// differences of lgamma values would lose digits). Survival sums run from the far tail inwards (small terms
// first). Beyond the walked range (probabilities < ~1e-20 relative) the tail is summed directly from its own
// lgamma-based start. simple-statistics' binomialDistribution stops at a 1e-4 tail, so it cannot be used.
// Where the walk would be long (a standard deviation above MAX_WALK_SD counts), large-counts.ts takes over with
// incomplete-beta tails, so memory stays bounded for any n.
import { largeBetaBinomial, largeBinomial, MAX_WALK_SD } from './large-counts.ts';
import { logBeta, logChoose } from './special.ts';

// Terms smaller than this fraction of the largest are beyond double precision of any sum that includes the
// centre; the walk stops there (when the terms are falling away from the centre).
const TAIL_EPS = 1e-20;

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

interface Kernel {
  n: number;
  /** Where to start the walk (near the mode). */
  start: number;
  logPmf(k: number): number;
  /** pmf(k+1) / pmf(k) for 0 ≤ k < n. */
  ratioUp(k: number): number;
  /** False when the mass may rise again towards an edge (a U-shaped beta-binomial): then walk everything. */
  unimodal: boolean;
}

// Scratch buffer for the walk, reused between calls (never retained: build() copies out what it keeps, the
// one-shot tests read it before returning). Start mid-buffer so the walk can go both ways; grow on demand.
let scratch = new Float64Array(1 << 14);

interface Walk {
  /** Index in `scratch` of the lowest term, and the value k it stands for. */
  base: number;
  lo: number;
  len: number;
  total: number;
  /** The k the walk started from (near the mode). */
  centre: number;
}

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
  return { base, lo: start - down, len, total, centre: start };
}

// Beyond this many steps past the walked range, the tail start comes from lgamma instead of the recursion.
const MAX_OUTER_STEPS = 5000;

/**
 * log pmf(k) outside the walked range: continue the ratio recursion (in logs, no underflow) from the walk's
 * normalised edge term, which keeps the normalisation's precision; far out, fall back to lgamma.
 */
function outerLogPmf(kernel: Kernel, w: Walk | null, k: number): number {
  if (w !== null) {
    const hi = w.lo + w.len - 1;
    if (k > hi && k - hi <= MAX_OUTER_STEPS) {
      let l = Math.log((scratch[w.base + w.len - 1] ?? 0) / w.total);
      for (let j = hi; j < k; j++) l += Math.log(kernel.ratioUp(j));
      if (Number.isFinite(l)) return l;
    }
    if (k < w.lo && w.lo - k <= MAX_OUTER_STEPS) {
      let l = Math.log((scratch[w.base] ?? 0) / w.total);
      for (let j = w.lo; j > k; j--) l -= Math.log(kernel.ratioUp(j - 1));
      if (Number.isFinite(l)) return l;
    }
  }
  return kernel.logPmf(k);
}

// Direct tail sums outside the walked range: tiny probabilities (< TAIL_EPS of the total).
function outerUpper(kernel: Kernel, w: Walk | null, k: number): number {
  let term = Math.exp(outerLogPmf(kernel, w, k));
  let sum = term;
  for (let j = k; j < kernel.n && term > sum * 1e-17; j++) sum += term *= kernel.ratioUp(j);
  return sum;
}
function outerLower(kernel: Kernel, w: Walk | null, k: number): number {
  let term = Math.exp(outerLogPmf(kernel, w, k));
  let sum = term;
  for (let j = k; j > 0 && term > sum * 1e-17; j--) sum += term /= kernel.ratioUp(j - 1);
  return sum;
}

// A tail sum below this is topped up with the mass beyond the walked range (< TAIL_EPS of the total), which
// would otherwise cost relative precision in extreme tails (p ~ 1e-16 and below).
const OUTER_TOP_UP_BELOW = 1e-3;

function addOuter(tail: number, outer: (() => number) | null): number {
  return outer !== null && tail < OUTER_TOP_UP_BELOW ? tail + outer() : tail;
}

/** P(X ≥ k) from a walk in `scratch` (summed from the top down, small terms first). */
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
    for (let i = w.base + w.len - 1; i >= w.base + (kk - w.lo); i--) s += scratch[i] ?? 0;
    return addOuter(s / w.total, hi < kernel.n ? () => outerUpper(kernel, w, hi + 1) : null);
  }
  let s = 0;
  for (let i = w.base; i < w.base + (kk - w.lo); i++) s += scratch[i] ?? 0;
  return Math.max(0, 1 - s / w.total);
}

/** P(X ≤ k) from a walk in `scratch`. */
function walkCdf(kernel: Kernel, w: Walk, k: number): number {
  const kk = Math.floor(k);
  if (kk < 0) return 0;
  if (kk >= kernel.n) return 1;
  const hi = w.lo + w.len - 1;
  if (kk < w.lo) return outerLower(kernel, w, kk);
  if (kk > hi) return 1 - outerUpper(kernel, w, kk + 1);
  if (kk <= w.centre) {
    let s = 0;
    for (let i = w.base; i <= w.base + (kk - w.lo); i++) s += scratch[i] ?? 0;
    return addOuter(s / w.total, w.lo > 0 ? () => outerLower(kernel, w, w.lo - 1) : null);
  }
  let s = 0;
  for (let i = w.base + w.len - 1; i > w.base + (kk - w.lo); i--) s += scratch[i] ?? 0;
  return Math.max(0, 1 - s / w.total);
}

/** Smallest k with P(X ≤ k) ≥ q, from a walk in `scratch`; accumulates from the nearer tail. */
function walkPpf(kernel: Kernel, w: Walk, q: number): number {
  if (Number.isNaN(q) || q < 0 || q > 1) return NaN;
  if (q === 0) return 0;
  if (q === 1) return kernel.n;
  if (q <= 0.5) {
    const target = q * w.total;
    let s = 0;
    for (let i = 0; i < w.len; i++) {
      s += scratch[w.base + i] ?? 0;
      if (s >= target) return w.lo + i;
    }
    return w.lo + w.len - 1;
  }
  // Upper half: P(X ≤ k) ≥ q ⇔ P(X > k) ≤ 1 − q; walk down from the top while the tail above stays ≤ 1 − q.
  const target = (1 - q) * w.total;
  let s = 0;
  for (let i = w.len - 1; i > 0; i--) {
    s += scratch[w.base + i] ?? 0;
    if (s > target) return w.lo + i;
  }
  return w.lo;
}

function build(kernel: Kernel, sd: number): DiscreteDist {
  const w = walk(kernel, sd);
  // Keep a private copy of the mass: the scratch buffer is reused by the next walk.
  const mass = scratch.slice(w.base, w.base + w.len);
  const own: Walk = { ...w, base: 0 };
  const withMass = <T>(f: () => T): T => {
    const saved = scratch;
    scratch = mass;
    try {
      return f();
    } finally {
      scratch = saved;
    }
  };
  return {
    n: kernel.n,
    pmf: (k) => {
      if (!Number.isInteger(k) || k < 0 || k > kernel.n) return 0;
      if (k < own.lo || k >= own.lo + own.len) return withMass(() => Math.exp(outerLogPmf(kernel, own, k)));
      return (mass[k - own.lo] ?? 0) / own.total;
    },
    cdf: (k) => withMass(() => walkCdf(kernel, own, k)),
    sfAtLeast: (k) => withMass(() => walkSfAtLeast(kernel, own, k)),
    ppf: (q) => withMass(() => walkPpf(kernel, own, q)),
  };
}

export interface TailAndBand {
  /** P(X ≥ x) when higher is worse, P(X ≤ x) when lower is worse. */
  p: number;
  /** Quantiles at qLow and qHigh (counts). */
  lowerCount: number;
  upperCount: number;
}

/**
 * One-shot beta-binomial test for the evaluation's hot path: one walk, the one-sided p-value of x and two
 * quantiles, without building a reusable distribution object. Same numbers as betaBinomial(...).sfAtLeast etc.,
 * to the bit: fastWalk computes the same terms and sums in the same order as walk(), walkSfAtLeast, walkCdf and
 * walkPpf (test/unit/stats/equivalence.test.ts checks it against the recorded outputs).
 */
export function betaBinomialTailAndBand(
  n: number, alpha: number, beta: number, x: number, higherIsWorse: boolean, qLow: number, qHigh: number,
): TailAndBand {
  checkBetaBinomial(n, alpha, beta);
  if (!Number.isFinite(x)) throw new RangeError(`betaBinomialTailAndBand: count must be a finite number, got ${x}`);
  if (n === 0) return { p: 1, lowerCount: 0, upperCount: 0 };
  const mu = alpha / (alpha + beta);
  const sd = betaBinomialSd(n, alpha, beta, mu);
  if (sd > MAX_WALK_SD) {
    const d = largeBetaBinomial(n, alpha, beta);
    return { p: higherIsWorse ? d.sfAtLeast(x) : d.cdf(x), lowerCount: d.ppf(qLow), upperCount: d.ppf(qHigh) };
  }
  const w = fastWalk(n, alpha, beta, n * mu, sd, alpha >= 1 || beta >= 1);
  // The kernel (three log-gammas) only for the rare tails beyond the walked range.
  let kernel: Kernel | null = null;
  const lazyKernel = (): Kernel => (kernel ??= betaBinomialKernel(n, alpha, beta).kernel);
  const p = higherIsWorse ? fastSfAtLeast(n, lazyKernel, w, x) : fastCdf(n, lazyKernel, w, x);
  return { p, lowerCount: fastPpf(n, w, qLow), upperCount: fastPpf(n, w, qHigh) };
}

// Running sums of the walk's terms from its lowest term up (cumulative[i] = Σ scratch[base…i]), filled by fastWalk
// beside `scratch`: every sum from the low end that walkCdf, walkSfAtLeast and walkPpf would add up term by term,
// in the same order, so the same bits, read in one step.
let cumulative = new Float64Array(scratch.length);

/**
 * walk() for the beta-binomial kernel, written out: the ratio inline (the same expression as
 * betaBinomialKernel's ratioUp, so the same terms to the bit), no call per term, and the running sums from the
 * low end filled on the way up, which also gives the total in walk()'s order.
 */
function fastWalk(n: number, alpha: number, beta: number, startAt: number, sd: number, unimodal: boolean): Walk {
  const start = Math.min(n, Math.max(0, Math.round(startAt)));
  const half = Math.min(n + 1, Math.ceil(12 * sd) + 64);
  if (scratch.length < 2 * half + 2) scratch = new Float64Array(2 * half + 2);
  let buf = scratch;
  let centre = buf.length >> 1;
  let peak = 1;
  buf[centre] = 1;
  let down = 0;
  let t = 1;
  let k = start;
  // The inner loops run as far as the buffer reaches without a capacity check per term (a check in the loop
  // made it 2.5× slower); the outer loops grow the buffer when a skewed tail needs more.
  downward: while (k > 0) {
    if (centre - down - 1 < 0) {
      const bigger = new Float64Array(buf.length * 2);
      const shift = buf.length;
      bigger.set(buf.subarray(centre - down, centre + 1), centre - down + shift);
      buf = scratch = bigger;
      centre += shift;
    }
    const stop = Math.max(0, k - (centre - down));
    for (; k > stop; k--) {
      // pmf(k−1)/pmf(k), the inverse of ratioUp(k−1) as one quotient: a multiplication keeps the division
      // out of the chain from term to term (the terms differ from walk()'s by rounding, ~1e-16 a step).
      const j = k - 1;
      const rDown = ((j + 1) * (n - j - 1 + beta)) / ((n - j) * (j + alpha));
      t = t * rDown;
      if (t > peak) peak = t;
      down++;
      buf[centre - down] = t;
      if ((unimodal && rDown < 1 && t < TAIL_EPS * peak) || !(t < Infinity)) break downward;
    }
  }
  const base = centre - down;
  if (cumulative.length < buf.length) cumulative = new Float64Array(buf.length);
  let cum = cumulative;
  let s = 0;
  for (let i = base; i <= centre; i++) {
    s += buf[i] as number;
    cum[i] = s;
  }
  let up = 0;
  t = 1;
  k = start;
  upward: while (k < n) {
    if (centre + up + 1 >= buf.length) {
      const bigger = new Float64Array(buf.length * 2);
      bigger.set(buf.subarray(base, centre + up + 1), base);
      buf = scratch = bigger;
      const biggerCum = new Float64Array(buf.length);
      biggerCum.set(cum.subarray(base, centre + up + 1), base);
      cum = cumulative = biggerCum;
    }
    const stop = Math.min(n, k + (buf.length - 1 - centre - up));
    for (; k < stop; k++) {
      const r = ((n - k) * (k + alpha)) / ((k + 1) * (n - k - 1 + beta));
      t = t * r;
      if (t > peak) peak = t;
      up++;
      buf[centre + up] = t;
      s += t;
      cum[centre + up] = s;
      if ((unimodal && r < 1 && t < TAIL_EPS * peak) || Number.isNaN(t)) break upward;
    }
  }
  return { base, lo: start - down, len: down + up + 1, total: s, centre: start };
}

/** Σ of the walk's `count` lowest terms, as walk*'s loops from the low end add them up. */
function lowSum(w: Walk, count: number): number {
  return count > 0 ? (cumulative[w.base + count - 1] as number) : 0;
}

/** Σ of the walk's terms at index ≥ from (relative to the lowest), added from the top down as walk*'s loops do. */
function highSum(w: Walk, from: number): number {
  const buf = scratch;
  const stop = w.base + from;
  let s = 0;
  for (let i = w.base + w.len - 1; i >= stop; i--) s += buf[i] as number;
  return s;
}

/** walkSfAtLeast on a fastWalk. */
function fastSfAtLeast(n: number, kernel: () => Kernel, w: Walk, k: number): number {
  const kk = Math.ceil(k);
  if (kk <= 0) return 1;
  if (kk > n) return 0;
  const hi = w.lo + w.len - 1;
  if (kk > hi) return outerUpper(kernel(), w, kk);
  if (kk < w.lo) return 1 - outerLower(kernel(), w, kk - 1);
  if (kk > w.centre) {
    const tail = highSum(w, kk - w.lo) / w.total;
    return hi < n && tail < OUTER_TOP_UP_BELOW ? tail + outerUpper(kernel(), w, hi + 1) : tail;
  }
  return Math.max(0, 1 - lowSum(w, kk - w.lo) / w.total);
}

/** walkCdf on a fastWalk. */
function fastCdf(n: number, kernel: () => Kernel, w: Walk, k: number): number {
  const kk = Math.floor(k);
  if (kk < 0) return 0;
  if (kk >= n) return 1;
  const hi = w.lo + w.len - 1;
  if (kk < w.lo) return outerLower(kernel(), w, kk);
  if (kk > hi) return 1 - outerUpper(kernel(), w, kk + 1);
  if (kk <= w.centre) {
    const tail = lowSum(w, kk - w.lo + 1) / w.total;
    return w.lo > 0 && tail < OUTER_TOP_UP_BELOW ? tail + outerLower(kernel(), w, w.lo - 1) : tail;
  }
  return Math.max(0, 1 - highSum(w, kk - w.lo + 1) / w.total);
}

/** walkPpf on a fastWalk: the lower half by bisection on the running sums (they never decrease). */
function fastPpf(n: number, w: Walk, q: number): number {
  if (Number.isNaN(q) || q < 0 || q > 1) return NaN;
  if (q === 0) return 0;
  if (q === 1) return n;
  if (q <= 0.5) {
    const target = q * w.total;
    // walkPpf returns the first i whose running sum reaches the target, else the last term.
    if (!((cumulative[w.base + w.len - 1] as number) >= target)) return w.lo + w.len - 1;
    let lo = 0;
    let hi = w.len - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((cumulative[w.base + mid] as number) >= target) hi = mid;
      else lo = mid + 1;
    }
    return w.lo + lo;
  }
  const target = (1 - q) * w.total;
  const total = w.total;
  const base = w.base;
  if (1 - q < OUTER_TOP_UP_BELOW) {
    // A far upper quantile (the band of a send with few degrees of freedom): added up from the top, as walkPpf.
    const buf = scratch;
    let s = 0;
    for (let i = w.len - 1; i > 0; i--) {
      s += buf[base + i] as number;
      if (s > target) return w.lo + i;
    }
    return w.lo;
  }
  // Upper half: the largest i whose mass from i up, total − cumulative[i − 1], exceeds 1 − q (walkPpf adds it up
  // from the top; the difference is rounding, ~1e-16 of the total, against a target of 1 − q ≥ 1e-3 of it).
  if (!(total - (cumulative[base] as number) > target)) return w.lo;
  let lo = 1;
  let hi = w.len - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (total - (cumulative[base + mid - 1] as number) > target) lo = mid;
    else hi = mid - 1;
  }
  return w.lo + lo;
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

// Sizes up to 2⁵³ are whole numbers a double holds exactly; beyond, n ± 1 is no longer representable.
function checkBetaBinomial(n: number, alpha: number, beta: number): void {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`betaBinomial: n must be a whole number ≥ 0, got ${n}`);
  if (!(alpha > 0 && alpha < Infinity) || !(beta > 0 && beta < Infinity)) {
    throw new RangeError(`betaBinomial: α and β must be finite and > 0, got α = ${alpha}, β = ${beta}`);
  }
}

/** Var X = nμ(1−μ)(α+β+n)/(α+β+1), μ = α/(α+β). */
function betaBinomialSd(n: number, alpha: number, beta: number, mu: number): number {
  return Math.sqrt((n * mu * (1 - mu) * (alpha + beta + n)) / (alpha + beta + 1));
}

function betaBinomialKernel(n: number, alpha: number, beta: number): { kernel: Kernel; sd: number } {
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
