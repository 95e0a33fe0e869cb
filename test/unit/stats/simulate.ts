// Seeded random draws for the calibration and detection tests: uniform (mulberry32), normal, gamma, beta,
// binomial, Poisson. Exact samplers (no normal approximations), because the tests measure tails.
import { logChoose, logGamma } from '#shared/stats/special.ts';

export type Rng = () => number;

/** The seeded generator the scenarios use (mulberry32): plenty for tail frequencies of 1e-3 on 10⁵ draws. */
export { mulberry32 } from '#shared/scenario.ts';

/** Standard normal by Box–Muller. */
export function normal(rng: Rng): number {
  const u = 1 - rng();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng());
}

/** Gamma(shape, 1) by Marsaglia & Tsang (2000); shape < 1 by the u^(1/shape) boost. */
export function gamma(rng: Rng, shape: number): number {
  if (shape < 1) return gamma(rng, shape + 1) * Math.pow(1 - rng(), 1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = normal(rng);
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = 1 - rng();
    if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) return d * v;
  }
}

export function betaDraw(rng: Rng, a: number, b: number): number {
  const x = gamma(rng, a);
  return x / (x + gamma(rng, b));
}

/** A rate with mean μ and coefficient of variation cv (a Beta; cv = 0 gives μ itself). */
export function wobblyRate(rng: Rng, mu: number, cv: number): number {
  if (cv === 0) return mu;
  const conc = (1 - mu) / (mu * cv * cv) - 1;
  return betaDraw(rng, mu * conc, (1 - mu) * conc);
}

/** Binomial(n, p) by chop-down inversion from the mode (exact; O(sd) steps). */
export function binomialDraw(rng: Rng, n: number, p: number): number {
  if (p <= 0) return 0;
  if (p >= 1) return n;
  const mode = Math.min(n, Math.floor((n + 1) * p));
  const logPm = logChoose(n, mode) + mode * Math.log(p) + (n - mode) * Math.log1p(-p);
  const odds = p / (1 - p);
  let u = rng();
  let down = mode;
  let up = mode;
  let pDown = Math.exp(logPm);
  let pUp = pDown;
  u -= pDown;
  if (u <= 0) return mode;
  for (;;) {
    if (up < n) {
      pUp *= ((n - up) / (up + 1)) * odds;
      up++;
      u -= pUp;
      if (u <= 0) return up;
    }
    if (down > 0) {
      pDown *= down / ((n - down + 1) * odds);
      down--;
      u -= pDown;
      if (u <= 0) return down;
    }
    if (up >= n && down <= 0) return mode; // rounding left a sliver of u: the mode is the likeliest answer
  }
}

/** Poisson(λ) by chop-down inversion from the mode. */
export function poissonDraw(rng: Rng, lambda: number): number {
  if (lambda <= 0) return 0;
  const mode = Math.floor(lambda);
  let pUp = Math.exp(mode * Math.log(lambda) - lambda - logGamma(mode + 1));
  let pDown = pUp;
  let u = rng() - pUp;
  let up = mode;
  let down = mode;
  if (u <= 0) return mode;
  for (let i = 0; i < 1e6; i++) {
    up++;
    pUp *= lambda / up;
    u -= pUp;
    if (u <= 0) return up;
    if (down > 0) {
      pDown *= down / lambda;
      down--;
      u -= pDown;
      if (u <= 0) return down;
    }
  }
  return mode;
}

/** A whole number uniformly in [lo, hi]. */
export function uniformInt(rng: Rng, lo: number, hi: number): number {
  return lo + Math.floor(rng() * (hi - lo + 1));
}
