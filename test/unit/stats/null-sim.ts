// Null simulations for the calibration test (and the figures in docs/statistics.md): baselines and new
// observations drawn from the same process, no effect, so every p-value should be uniform or conservative.
// Each family mixes the shapes its metrics take in practice, one shape per simulated baseline.
import { estimateOrdinalBaseline, estimateRateBaseline, estimateRatioBaseline } from '#shared/stats/baseline.ts';
import { testLevel, testRate, testRatio } from '#shared/stats/tests.ts';
import type { MetricUnit, WorseDirection } from '#shared/metrics.ts';
import { binomialDraw, mulberry32, normal, poissonDraw, uniformInt, wobblyRate, type Rng } from './simulate.ts';

export const FAMILIES = ['counts', 'placement', 'ratios', 'levels'] as const;
export type Family = (typeof FAMILIES)[number];

/** One simulated baseline: draws its k baseline points, then tests `perBaseline` fresh points against them. */
type Trial = (rng: Rng, k: number, perBaseline: number) => number[];

interface RateShape { mu: number; cv: number; nLo: number; nHi: number; worse: WorseDirection }
// Counts: complaint-like (0.05%, CV 30%, 20–60k), a small weekly stream (0.1% on ~2,000: two events a send),
// bounce-like (1%, CV 20%), and pure binomial noise (no send-to-send variation at all).
const COUNT_SHAPES: RateShape[] = [
  { mu: 0.0005, cv: 0.3, nLo: 20_000, nHi: 60_000, worse: 'higher' },
  { mu: 0.001, cv: 0.1, nLo: 1500, nHi: 2500, worse: 'higher' },
  { mu: 0.01, cv: 0.2, nLo: 5000, nHi: 15_000, worse: 'higher' },
  { mu: 0.02, cv: 0, nLo: 3000, nHi: 6000, worse: 'higher' },
];
// Placement on seed lists (worse when lower): 88% on 500–1,000 seeds, steady or wobbling, and 70% on a few
// hundred. CV is on the inbox rate: 2% of 88% is 15% of the 12% not-inbox rate.
const PLACEMENT_SHAPES: RateShape[] = [
  { mu: 0.88, cv: 0.02, nLo: 500, nHi: 1000, worse: 'lower' },
  { mu: 0.88, cv: 0.05, nLo: 200, nHi: 400, worse: 'lower' },
  { mu: 0.7, cv: 0.05, nLo: 250, nHi: 1000, worse: 'lower' },
  { mu: 0.88, cv: 0, nLo: 1000, nHi: 1000, worse: 'lower' },
];

function rateTrial(shapes: readonly RateShape[]): Trial {
  let i = 0;
  return (rng, k, per) => {
    const s = shapes[i++ % shapes.length] as RateShape;
    const draw = () => {
      const n = uniformInt(rng, s.nLo, s.nHi);
      return { numerator: binomialDraw(rng, n, wobblyRate(rng, s.mu, s.cv)), denominator: n };
    };
    const b = estimateRateBaseline(Array.from({ length: k }, draw));
    return Array.from({ length: per }, () => {
      const o = draw();
      return testRate(b, o.numerator, o.denominator, s.worse).pValue;
    });
  };
}

interface ValueShape { unit: MetricUnit; resolution: number; draw: (rng: Rng) => number }
// Values without counts: a Postmaster spam rate on a large volume (log-normal day-to-day, 30% and 60%), one on
// 50,000 and one on 5,000 Gmail messages a day (Poisson counts over volume: 50 and 2 reports a day), a delivery
// error rate with additive noise, and spam-trap hits per day (about 3 a day, and 0.3: mostly zeros).
const VALUE_SHAPES: ValueShape[] = [
  { unit: 'fraction', resolution: 1e-4, draw: (r) => 0.001 * Math.exp(0.3 * normal(r)) },
  { unit: 'fraction', resolution: 1e-4, draw: (r) => 0.0002 * Math.exp(0.6 * normal(r)) },
  { unit: 'fraction', resolution: 1e-4, draw: (r) => poissonDraw(r, 50_000 * 0.001 * Math.exp(0.2 * normal(r))) / 50_000 },
  { unit: 'fraction', resolution: 1e-4, draw: (r) => Math.max(0, 0.01 + 0.002 * normal(r)) },
  { unit: 'fraction', resolution: 1e-4, draw: (r) => poissonDraw(r, 5000 * 0.0004 * Math.exp(0.3 * normal(r))) / 5000 },
  { unit: 'count', resolution: 1, draw: (r) => poissonDraw(r, 3 * Math.exp(0.3 * normal(r))) },
  { unit: 'count', resolution: 1, draw: (r) => poissonDraw(r, 0.3 * Math.exp(0.3 * normal(r))) },
];

function ratioTrial(): Trial {
  let i = 0;
  return (rng, k, per) => {
    const s = VALUE_SHAPES[i++ % VALUE_SHAPES.length] as ValueShape;
    const b = estimateRatioBaseline(Array.from({ length: k }, () => s.draw(rng)), s.unit, s.resolution);
    return Array.from({ length: per }, () => testRatio(b, s.draw(rng), 'higher', s.unit).pValue);
  };
}

// Levels (worst = 0): a reputation that is mostly HIGH with occasional dips, one spread over all four levels,
// and an SNDS colour that is almost always GREEN.
const LEVEL_SHAPES: number[][] = [
  [0.02, 0.08, 0.2, 0.7],
  [0.1, 0.2, 0.3, 0.4],
  [0.01, 0.04, 0.95],
];

function levelTrial(): Trial {
  let i = 0;
  return (rng, k, per) => {
    const probs = LEVEL_SHAPES[i++ % LEVEL_SHAPES.length] as number[];
    const draw = () => {
      let u = rng();
      for (let l = 0; l < probs.length; l++) if ((u -= probs[l] ?? 0) < 0) return l;
      return probs.length - 1;
    };
    const b = estimateOrdinalBaseline(Array.from({ length: k }, draw), 'lower');
    return Array.from({ length: per }, () => testLevel(b, draw(), 'lower', probs.length - 1).pValue);
  };
}

function trialOf(family: Family): Trial {
  if (family === 'counts') return rateTrial(COUNT_SHAPES);
  if (family === 'placement') return rateTrial(PLACEMENT_SHAPES);
  if (family === 'ratios') return ratioTrial();
  return levelTrial();
}

export interface NullRates {
  tests: number;
  /** P(p ≤ α) for each α asked for. */
  rate: number[];
  /** Its standard error, robust to the correlation of tests that share a baseline (cluster by baseline). */
  se: number[];
}

/** Simulates `baselines` null baselines of k points, each with `perBaseline` new points, from a fixed seed. */
export function nullRates(family: Family, k: number, alphas: readonly number[], baselines: number, perBaseline: number, seed: number): NullRates {
  const rng = mulberry32(seed);
  const trial = trialOf(family);
  const hits = alphas.map(() => new Int32Array(baselines));
  for (let b = 0; b < baselines; b++) {
    for (const p of trial(rng, k, perBaseline)) {
      alphas.forEach((a, i) => {
        const h = hits[i] as Int32Array;
        if (p <= a) h[b] = (h[b] ?? 0) + 1;
      });
    }
  }
  const tests = baselines * perBaseline;
  const rate: number[] = [];
  const se: number[] = [];
  for (const h of hits) {
    let total = 0;
    for (const x of h) total += x;
    const r = total / tests;
    let ss = 0;
    for (const x of h) ss += (x - perBaseline * r) ** 2;
    rate.push(r);
    se.push(Math.sqrt(ss / (baselines * (baselines - 1))) / perBaseline);
  }
  return { tests, rate, se };
}
