// Discrete distributions on {0…n}: binomial and beta-binomial, with CDF, survival function and quantile.
//
// Method: the probability mass is computed once around its centre by the ratio recursion pmf(k+1)/pmf(k)
// (exact rational factors, no per-term exp/lgamma), walking outward until the terms fall below TAIL_EPS of the
// largest, then normalised by its own sum. Normalising removes the rounding error of the one lgamma-based
// starting value, so tail sums keep relative precision ~1e-13 even for n in the hundreds of thousands (where
// differences of lgamma values would lose digits). Survival sums run from the far tail inwards (small terms
// first). Beyond the walked range (probabilities < ~1e-20 relative) the tail is summed directly from its own
// lgamma-based start. simple-statistics' binomialDistribution stops at a 1e-4 tail, so it cannot be used.
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

function build(kernel: Kernel): DiscreteDist {
  const { n, ratioUp } = kernel;
  const start = Math.min(n, Math.max(0, Math.round(kernel.start)));
  const down: number[] = [];
  const up: number[] = [1]; // up[0] is the start term, scaled to 1
  let peak = 1;
  let t = 1;
  for (let k = start; k > 0; k--) {
    const r = ratioUp(k - 1);
    t = t / r;
    if (t > peak) peak = t;
    down.push(t);
    if (kernel.unimodal && r > 1 && t < TAIL_EPS * peak) break;
    if (t === Infinity || Number.isNaN(t)) break;
  }
  t = 1;
  for (let k = start; k < n; k++) {
    const r = ratioUp(k);
    t = t * r;
    if (t > peak) peak = t;
    up.push(t);
    if (kernel.unimodal && r < 1 && t < TAIL_EPS * peak) break;
    if (Number.isNaN(t)) break;
  }
  const lo = start - down.length;
  const len = down.length + up.length;
  const mass = new Float64Array(len);
  for (let i = 0; i < down.length; i++) mass[down.length - 1 - i] = down[i] ?? 0;
  for (let i = 0; i < up.length; i++) mass[down.length + i] = up[i] ?? 0;
  // Prefix sums from the bottom (lower tail exact), suffix sums from the top (upper tail exact).
  const prefix = new Float64Array(len);
  const suffix = new Float64Array(len);
  let acc = 0;
  for (let i = 0; i < len; i++) prefix[i] = acc += mass[i] ?? 0;
  acc = 0;
  for (let i = len - 1; i >= 0; i--) suffix[i] = acc += mass[i] ?? 0;
  const total = acc;
  const hi = lo + len - 1;

  // Direct tail sums outside the walked range: tiny probabilities, computed from their own lgamma start.
  const outerUpper = (k: number): number => {
    let term = Math.exp(kernel.logPmf(k));
    let sum = term;
    for (let j = k; j < n && term > sum * 1e-17; j++) sum += term *= ratioUp(j);
    return sum;
  };
  const outerLower = (k: number): number => {
    let term = Math.exp(kernel.logPmf(k));
    let sum = term;
    for (let j = k; j > 0 && term > sum * 1e-17; j--) sum += term /= ratioUp(j - 1);
    return sum;
  };

  const pmf = (k: number): number => {
    if (!Number.isInteger(k) || k < 0 || k > n) return 0;
    if (k < lo || k > hi) return Math.exp(kernel.logPmf(k));
    return (mass[k - lo] ?? 0) / total;
  };
  const cdf = (k: number): number => {
    const kk = Math.floor(k);
    if (kk < 0) return 0;
    if (kk >= n) return 1;
    if (kk < lo) return outerLower(kk);
    if (kk > hi) return 1 - outerUpper(kk + 1);
    return (prefix[kk - lo] ?? 0) / total;
  };
  const sfAtLeast = (k: number): number => {
    const kk = Math.ceil(k);
    if (kk <= 0) return 1;
    if (kk > n) return 0;
    if (kk > hi) return outerUpper(kk);
    if (kk < lo) return 1 - outerLower(kk - 1);
    return (suffix[kk - lo] ?? 0) / total;
  };
  const ppf = (q: number): number => {
    if (Number.isNaN(q) || q < 0 || q > 1) return NaN;
    if (q === 0) return 0;
    if (q === 1) return n;
    const target = q * total;
    // Binary search in the prefix sums for the first index with prefix ≥ q·total.
    let a = 0;
    let b = len - 1;
    if ((prefix[b] ?? 0) < target) return hi; // q within rounding of 1
    while (a < b) {
      const m = (a + b) >> 1;
      if ((prefix[m] ?? 0) >= target) b = m;
      else a = m + 1;
    }
    return lo + a;
  };
  return { n, pmf, cdf, sfAtLeast, ppf };
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
  const odds = p / (1 - p);
  const logP = Math.log(p);
  const log1mP = Math.log1p(-p);
  return build({
    n,
    start: Math.floor((n + 1) * p),
    logPmf: (k) => logChoose(n, k) + k * logP + (n - k) * log1mP,
    ratioUp: (k) => ((n - k) / (k + 1)) * odds,
    unimodal: true,
  });
}

/** Beta-binomial(n, α, β): a binomial whose success probability is itself Beta(α, β) distributed. */
export function betaBinomial(n: number, alpha: number, beta: number): DiscreteDist {
  if (!Number.isInteger(n) || n < 0 || !(alpha > 0) || !(beta > 0)) {
    throw new RangeError(`betaBinomial(${n}, ${alpha}, ${beta}): bad parameters`);
  }
  if (n === 0) return pointMass(0, 0);
  const lb = logBeta(alpha, beta);
  return build({
    n,
    start: (n * alpha) / (alpha + beta),
    logPmf: (k) => logChoose(n, k) + logBeta(k + alpha, n - k + beta) - lb,
    ratioUp: (k) => ((n - k) * (k + alpha)) / ((k + 1) * (n - k - 1 + beta)),
    // With α ≥ 1 or β ≥ 1 the mass is unimodal (monotone on each side of its mode); only α, β < 1 is U-shaped.
    unimodal: alpha >= 1 || beta >= 1,
  });
}
