// The beta-binomial test of the evaluation's hot path (tests.ts asks it once per tested observation of a rate):
// one walk over the mass, the one-sided p-value of the observed count and the band's two quantiles, without a
// reusable distribution object. The walk is discrete.ts's, written out for speed (fastWalk): the ratio of
// successive terms inline, no call per term, the running sums kept on the way up. It gives the numbers
// betaBinomial(…).sfAtLeast, .cdf and .ppf give, to rounding (test/unit/stats/equivalence.test.ts).
import {
  betaBinomialKernel,
  betaBinomialSd,
  checkBetaBinomial,
  outerLower,
  outerUpper,
  OUTER_TOP_UP_BELOW,
  REFERENCE_TAIL_EPS,
  type Kernel,
  type Walk,
} from './discrete-kernels.ts';
import { largeBetaBinomial, MAX_WALK_SD } from './large-counts.ts';

// The walk may stop before discrete.ts's REFERENCE_TAIL_EPS (1e-20 of the largest term) where what it leaves out
// is below LEFT_OUT of the mass walked, estimated as a geometric tail from the last term and ratio, t / (1 − r):
// a p-value of 1e-3 or more then moves by less than 1e-15 of itself, and a smaller one is topped up with the tail
// beyond the walk as before. For a near-normal shape that is about 2e-17 of the largest term (a twelfth fewer
// terms, docs/performance.md); a long skewed tail (α < 1) walks further, as its ratio is near 1. It never stops
// early short of the observed count on its side (whose p-value is then summed term by term, as before, not
// continued from the edge), nor on a side with a band quantile beyond FAR_QUANTILE (a band of few degrees of
// freedom, whose quantile may lie out there).
const LEFT_OUT = 1e-18;
const FAR_QUANTILE = 1e-10;
// A term above this fraction of the largest is never the last: the early-stop test runs only beyond it.
const EARLY_STOP_FROM = 1e-14;

// Scratch buffers of the walk, reused between calls and never retained: each call reads them before returning.
let scratch = new Float64Array(1 << 14);

export interface TailAndBand {
  /** P(X ≥ x) when higher is worse, P(X ≤ x) when lower is worse. */
  p: number;
  /** Quantiles at qLow and qHigh (counts). */
  lowerCount: number;
  upperCount: number;
}

/**
 * One-shot beta-binomial test: one walk, the one-sided p-value of x and two quantiles. The numbers of
 * betaBinomial(...).sfAtLeast, .cdf and .ppf (discrete.ts) to rounding: fastWalk sums the terms in the order
 * walk(), walkSfAtLeast, walkCdf and walkPpf do, and may stop a little earlier (LEFT_OUT above; `earlyStop` false
 * walks to discrete.ts's cut-off, for the equivalence test to compare).
 */
export function betaBinomialTailAndBand(
  n: number, alpha: number, beta: number, x: number, higherIsWorse: boolean, qLow: number, qHigh: number, earlyStop = true,
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
  // How far each side must be walked: to the observed count on its side, and finely where a quantile is far out.
  const farLow = Math.min(qLow, qHigh) < FAR_QUANTILE;
  const farHigh = 1 - Math.max(qLow, qHigh) < FAR_QUANTILE;
  const reach = {
    down: higherIsWorse ? Infinity : Math.floor(x),
    up: higherIsWorse ? Math.ceil(x) : -Infinity,
    downEarly: earlyStop && !farLow,
    upEarly: earlyStop && !farHigh,
  };
  const w = fastWalk(n, alpha, beta, n * mu, sd, alpha >= 1 || beta >= 1, reach);
  // The kernel (three log-gammas) only for the rare tails beyond the walked range.
  let kernel: Kernel | null = null;
  const lazyKernel = (): Kernel => (kernel ??= betaBinomialKernel(n, alpha, beta).kernel);
  const p = higherIsWorse ? fastSfAtLeast(n, lazyKernel, w, x) : fastCdf(n, lazyKernel, w, x);
  return { p, lowerCount: fastPpf(n, w, qLow), upperCount: fastPpf(n, w, qHigh) };
}

// Running sums of the walk's terms from its lowest term up (cumulative[i] = Σ scratch[base…i]), filled by fastWalk
// beside `scratch`: every sum from the low end that discrete.ts's walkCdf, walkSfAtLeast and walkPpf would add up
// term by term, in the same order, so the same bits, read in one step.
let cumulative = new Float64Array(scratch.length);

/** Where fastWalk may stop early: the counts it must reach below and above the start, and each side's cut-off. */
interface Reach { down: number; up: number; downEarly: boolean; upEarly: boolean }

/**
 * discrete.ts's walk() for the beta-binomial kernel, written out: the ratio inline (the same expression as
 * betaBinomialKernel's ratioUp, so the same terms to the bit), no call per term, and the running sums from the
 * low end filled on the way up, which also gives the total in walk()'s order; it stops earlier where `reach` allows.
 */
function fastWalk(n: number, alpha: number, beta: number, startAt: number, sd: number, unimodal: boolean, reach: Reach): Walk {
  const { down: reachDown, up: reachUp, downEarly, upEarly } = reach;
  const start = Math.min(n, Math.max(0, Math.round(startAt)));
  const half = Math.min(n + 1, Math.ceil(12 * sd) + 64);
  if (scratch.length < 2 * half + 2) scratch = new Float64Array(2 * half + 2);
  let buf = scratch;
  let centre = buf.length >> 1;
  let peak = 1;
  buf[centre] = 1;
  let down = 0;
  let t = 1;
  let sDown = 1;
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
      sDown += t;
      if (unimodal && rDown < 1 && t < EARLY_STOP_FROM * peak) {
        if (t < REFERENCE_TAIL_EPS * peak || (downEarly && j <= reachDown && t < LEFT_OUT * (1 - rDown) * sDown)) break downward;
      }
      if (!(t < Infinity)) break downward;
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
      if (unimodal && r < 1 && t < EARLY_STOP_FROM * peak) {
        if (t < REFERENCE_TAIL_EPS * peak || (upEarly && k + 1 >= reachUp && t < LEFT_OUT * (1 - r) * s)) break upward;
      }
      if (Number.isNaN(t)) break upward;
    }
  }
  return { buf, base, lo: start - down, len: down + up + 1, total: s, centre: start };
}

/** Σ of the walk's `count` lowest terms, as discrete.ts's walk* loops from the low end add them up. */
function lowSum(w: Walk, count: number): number {
  return count > 0 ? (cumulative[w.base + count - 1] as number) : 0;
}

/** Σ of the walk's terms at index ≥ from (relative to the lowest), added from the top down as discrete.ts's walk* loops do. */
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
