// The evaluation after the speed work of docs/performance.md gives the numbers the implementation before it gave
// (recorded at 9fa340f by record-equivalence.ts on a fixed seeded workload), to floating-point noise: every
// p-value, q-value and band, every verdict, status and date. The calibration and reference tests say the old
// numbers were right; this says the fast code still computes them.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { rateBandTail } from '#shared/stats/band.ts';
import { betaBinomial, binomial } from '#shared/stats/discrete.ts';
import { betaBinomialTailAndBand } from '#shared/stats/tail-and-band.ts';
import { evaluateIncident } from '#shared/stats/evaluate.ts';
import { compactEvaluation, evaluationInputs, rateCases } from './equivalence-workload.ts';

// Relative difference allowed between a recorded and a recomputed number: summation order and rounding only.
const NOISE = 1e-12;

interface Recorded { rates: number[][]; evaluations: unknown[][] }
const recorded = JSON.parse(readFileSync(new URL('../../fixtures/stats/equivalence.json', import.meta.url), 'utf8')) as Recorded;

/** Walks two JSON-like values together; numbers may differ by NOISE (relative), everything else must be equal. */
function compare(actual: unknown, expected: unknown, path: string, worst: { rel: number; at: string }): void {
  if (typeof expected === 'number' && typeof actual === 'number') {
    const rel = expected === actual ? 0 : Math.abs(actual - expected) / Math.max(Math.abs(expected), Number.MIN_VALUE);
    if (rel > worst.rel) Object.assign(worst, { rel, at: `${path}: ${actual} vs ${expected}` });
    return;
  }
  if (Array.isArray(expected) && Array.isArray(actual)) {
    expect(actual.length, `${path} length`).toBe(expected.length);
    expected.forEach((e, i) => compare(actual[i], e, `${path}[${i}]`, worst));
    return;
  }
  expect(actual, path).toEqual(expected);
}

describe('the evaluation computes the numbers it computed before it was made fast', () => {
  it('beta-binomial and binomial tails, pmf and quantiles on 1,000 seeded cases (n from 1 to 10⁶)', () => {
    const cases = rateCases();
    expect(cases.length).toBe(recorded.rates.length);
    const worst = { rel: 0, at: '' };
    cases.forEach((c, i) => {
      const tail = rateBandTail(c.nu);
      const r = betaBinomialTailAndBand(c.n, c.alpha, c.beta, c.x, c.higher, tail, 1 - tail);
      const d = betaBinomial(c.n, c.alpha, c.beta);
      const b = binomial(c.n, c.alpha / (c.alpha + c.beta));
      const now = [r.p, r.lowerCount, r.upperCount, d.cdf(c.x), d.sfAtLeast(c.x), d.pmf(c.x), d.ppf(tail), b.cdf(c.x), b.sfAtLeast(c.x), b.ppf(1 - tail)];
      compare(now, recorded.rates[i], `case ${i} (n ${c.n}, x ${c.x})`, worst);
    });
    if (process.env.SHOW_WORST) console.log(worst);
    expect(worst.rel, worst.at).toBeLessThanOrEqual(NOISE);
  });

  it('the early stop of the hot path\'s walk moves no quantile, and no p-value of 1e-3 or more beyond 2e-15 of itself', () => {
    // Against the same walk taken to the reference cut-off (1e-20 of the largest term), on 5,000 seeded cases:
    // what the early stop leaves out is below 1e-18 of the mass walked (tail-and-band.ts), so a p-value of 1e-3 or
    // more moves by a few units in its last place at most, and a smaller one is topped up as before (rounding only).
    const worst = { big: 0, small: 0, at: '' };
    rateCases(5_000).forEach((c, i) => {
      const tail = rateBandTail(c.nu);
      const early = betaBinomialTailAndBand(c.n, c.alpha, c.beta, c.x, c.higher, tail, 1 - tail);
      const full = betaBinomialTailAndBand(c.n, c.alpha, c.beta, c.x, c.higher, tail, 1 - tail, false);
      expect([early.lowerCount, early.upperCount], `case ${i} quantiles`).toEqual([full.lowerCount, full.upperCount]);
      const rel = early.p === full.p ? 0 : Math.abs(early.p - full.p) / full.p;
      if (full.p >= 1e-3 && rel > worst.big) Object.assign(worst, { big: rel, at: `case ${i}: ${early.p} vs ${full.p}` });
      if (full.p < 1e-3 && rel > worst.small) worst.small = rel;
    });
    if (process.env.SHOW_WORST) console.log(worst);
    expect(worst.big, worst.at).toBeLessThanOrEqual(2e-15);
    expect(worst.small).toBeLessThanOrEqual(NOISE);
  });

  it('whole evaluations (sends, seed tests, ratios; a long and a short baseline): every point and status', () => {
    const worst = { rel: 0, at: '' };
    evaluationInputs().forEach((input, i) => compare(compactEvaluation(evaluateIncident(input)), recorded.evaluations[i], `evaluation ${i}`, worst));
    if (process.env.SHOW_WORST) console.log(worst);
    expect(worst.rel, worst.at).toBeLessThanOrEqual(NOISE);
  });
});
