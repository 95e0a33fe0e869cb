// Special functions the distributions are built on: log-gamma, log-beta, the regularized incomplete gamma and
// beta functions. Written here because simple-statistics has no incomplete gamma/beta, and its gammaln is a
// Lanczos fit we do not need (docs/statistics.md, "Numerical methods"). Checked against scipy.special in the unit tests.

// Convergence target for series and continued fractions: a little above double precision (2^-52 ≈ 2.2e-16).
const EPS = 1e-16;
// Lentz's algorithm replaces an exact zero denominator by this tiny number (Numerical Recipes §5.2).
const TINY = 1e-300;
// Iteration cap: the continued fractions below converge in O(√max(a, b)) steps; far more means bad input.
const MAX_ITER = 100_000;
// Stirling's series is used from here up; below, the recurrence Γ(x+1) = xΓ(x) shifts x up to it. At x = 10
// the first omitted term (3617/(122400·x^15)) is ~3e-17, below double precision.
const STIRLING_FROM = 10;
const HALF_LOG_2PI = 0.9189385332046728; // ½·ln(2π)
const LOG_PI = 1.1447298858494002; // ln(π)
// Stirling series coefficients B_{2k} / (2k(2k−1)), k = 1…8 (Abramowitz & Stegun 6.1.40).
const STIRLING = [1 / 12, -1 / 360, 1 / 1260, -1 / 1680, 1 / 1188, -691 / 360360, 1 / 156, -3617 / 122400];

/** ln |Γ(x)| for real x (not a non-positive integer). */
export function logGamma(x: number): number {
  if (!Number.isFinite(x)) return x === Infinity ? Infinity : NaN;
  if (x <= 0 && Number.isInteger(x)) return Infinity;
  if (x < 0.5) {
    // Reflection: Γ(x)Γ(1−x) = π / sin(πx).
    return LOG_PI - Math.log(Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
  }
  let shift = 0;
  let z = x;
  let prod = 1;
  while (z < STIRLING_FROM) {
    prod *= z;
    z += 1;
  }
  if (prod !== 1) shift = Math.log(prod);
  const z2 = 1 / (z * z);
  let series = 0;
  for (let k = STIRLING.length - 1; k >= 0; k--) series = series * z2 + (STIRLING[k] ?? 0);
  return (z - 0.5) * Math.log(z) - z + HALF_LOG_2PI + series / z - shift;
}

/** ln B(a, b) = ln Γ(a) + ln Γ(b) − ln Γ(a+b). */
export function logBeta(a: number, b: number): number {
  return logGamma(a) + logGamma(b) - logGamma(a + b);
}

/** ln C(n, k) for real n ≥ k ≥ 0. */
export function logChoose(n: number, k: number): number {
  return logGamma(n + 1) - logGamma(k + 1) - logGamma(n - k + 1);
}

/** Regularized lower incomplete gamma P(a, x) = γ(a, x)/Γ(a). */
export function gammaP(a: number, x: number): number {
  if (x <= 0) return 0;
  if (x < a + 1) return gammaSeries(a, x);
  return 1 - gammaContinuedFraction(a, x);
}

/** Regularized upper incomplete gamma Q(a, x) = 1 − P(a, x), accurate in the upper tail. */
export function gammaQ(a: number, x: number): number {
  if (x <= 0) return 1;
  if (x < a + 1) return 1 - gammaSeries(a, x);
  return gammaContinuedFraction(a, x);
}

function gammaSeries(a: number, x: number): number {
  let ap = a;
  let term = 1 / a;
  let sum = term;
  for (let i = 0; i < MAX_ITER; i++) {
    ap += 1;
    term *= x / ap;
    sum += term;
    if (Math.abs(term) < Math.abs(sum) * EPS) break;
  }
  return sum * Math.exp(-x + a * Math.log(x) - logGamma(a));
}

// Q(a, x) by its continued fraction, evaluated with the modified Lentz method (Numerical Recipes gcf).
function gammaContinuedFraction(a: number, x: number): number {
  let b = x + 1 - a;
  let c = 1 / TINY;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < MAX_ITER; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < TINY) d = TINY;
    c = b + an / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < EPS) break;
  }
  return Math.exp(-x + a * Math.log(x) - logGamma(a)) * h;
}

/** Regularized incomplete beta I_x(a, b), for a, b > 0 and 0 ≤ x ≤ 1. */
export function betaInc(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  // The continued fraction converges fast for x < (a+1)/(a+b+2); otherwise use I_x(a,b) = 1 − I_{1−x}(b,a).
  if (x > (a + 1) / (a + b + 2)) return 1 - betaIncCf(1 - x, b, a);
  return betaIncCf(x, a, b);
}

/** 1 − I_x(a, b) computed without cancellation when I_x(a, b) is close to 1. */
export function betaIncComplement(x: number, a: number, b: number): number {
  return betaInc(1 - x, b, a);
}

function betaIncCf(x: number, a: number, b: number): number {
  const logFront = a * Math.log(x) + b * Math.log1p(-x) - logBeta(a, b);
  // Numerical Recipes betacf: the continued fraction for I_x(a,b)·B(a,b)·a / (x^a (1−x)^b).
  const qab = a + b;
  const qap = a + 1;
  const qam = a - 1;
  let c = 1;
  let d = 1 - (qab * x) / qap;
  if (Math.abs(d) < TINY) d = TINY;
  d = 1 / d;
  let h = d;
  for (let m = 1; m < MAX_ITER; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((qam + m2) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < EPS) break;
  }
  return (Math.exp(logFront) * h) / a;
}
