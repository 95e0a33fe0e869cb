// Binomial and beta-binomial distributions on sends so large, or so widely spread, that summing their terms
// would be large (discrete.ts and tail-and-band.ts walk ~24 standard deviations of terms: a send of 10⁸ with a wide spread would
// need a 1.6 GB buffer, and 2³¹ cannot be allocated at all). Here the tails are incomplete beta functions, so
// time and memory stay bounded whatever n. Checked against mpmath in test/unit/stats/large-counts.test.ts.
import type { DiscreteDist } from './discrete.ts';
import { betaInc } from './special.ts';

// Above this standard deviation (in counts) the walks hand over to this file: its walk would pass ~10⁵
// terms (≤ 1 MB), and the continuous forms below are then accurate to better than 1e-4 relative (the
// beta-binomial's moment-matched Beta errs by O(1/sd²) in the bulk; the binomial form is exact).
export const MAX_WALK_SD = 4096;

// Quantiles by bisection on whole numbers: ⌈log₂(2³¹)⌉ steps at most for any n a JavaScript array can count.
function quantile(n: number, cdf: (k: number) => number, q: number): number {
  if (Number.isNaN(q) || q < 0 || q > 1) return NaN;
  if (q === 0) return 0;
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = Math.floor((lo + hi) / 2);
    if (cdf(mid) >= q) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

function dist(n: number, cdf: (k: number) => number, sfAtLeast: (k: number) => number): DiscreteDist {
  return {
    n,
    pmf: (k) => (Number.isInteger(k) && k >= 0 && k <= n ? Math.max(0, cdf(k) - cdf(k - 1)) : 0),
    cdf,
    sfAtLeast,
    ppf: (q) => quantile(n, cdf, q),
  };
}

/**
 * Binomial(n, p) through the exact identity P(X ≥ k) = I_p(k, n − k + 1) (and P(X ≤ k) = I_{1−p}(n − k, k + 1)),
 * each tail computed directly, so small tails keep their relative precision.
 */
export function largeBinomial(n: number, p: number): DiscreteDist {
  const sfAtLeast = (k: number): number => {
    const kk = Math.ceil(k);
    if (kk <= 0) return 1;
    if (kk > n) return 0;
    return betaInc(p, kk, n - kk + 1);
  };
  const cdf = (k: number): number => {
    const kk = Math.floor(k);
    if (kk < 0) return 0;
    if (kk >= n) return 1;
    return betaInc(1 - p, n - kk, kk + 1);
  };
  return dist(n, cdf, sfAtLeast);
}

/**
 * Beta-binomial(n, α, β) approximated by X/n ~ Beta(a, b) with the same mean μ = α/(α+β) and variance
 * μ(1−μ)(α+β+n)/(n(α+β+1)), i.e. a + b = n(α+β+1)/(α+β+n) − 1, with a continuity correction of half a count.
 * When n ≫ α+β the binomial noise vanishes next to the Beta's spread and this is the limit Beta(α, β) itself;
 * when α+β ≫ n it is the classical Beta approximation of a binomial with a count in the thousands.
 */
export function largeBetaBinomial(n: number, alpha: number, beta: number): DiscreteDist {
  const mu = alpha / (alpha + beta);
  const conc = (n * (alpha + beta + 1)) / (alpha + beta + n) - 1;
  const a = mu * conc;
  const b = (1 - mu) * conc;
  const sfAtLeast = (k: number): number => {
    const kk = Math.ceil(k);
    if (kk <= 0) return 1;
    if (kk > n) return 0;
    // P(Y ≥ y) = I_{1−y}(b, a), computed on its own side so a small upper tail keeps its precision.
    return betaInc(1 - (kk - 0.5) / n, b, a);
  };
  const cdf = (k: number): number => {
    const kk = Math.floor(k);
    if (kk < 0) return 0;
    if (kk >= n) return 1;
    return betaInc((kk + 0.5) / n, a, b);
  };
  return dist(n, cdf, sfAtLeast);
}
