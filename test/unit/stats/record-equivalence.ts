// Records the evaluation's outputs on the equivalence workload into test/fixtures/stats/equivalence.json.
// Run once with the implementation to compare against: `node bin/run-ts.js test/unit/stats/record-equivalence.ts`.
// Recorded at 9fa340f (before the speed work of docs/performance.md); equivalence.test.ts checks the code against it.
import { writeFileSync } from 'node:fs';
import { rateBandTail } from '#shared/stats/band.ts';
import { betaBinomial, binomial } from '#shared/stats/discrete.ts';
import { betaBinomialTailAndBand } from '#shared/stats/tail-and-band.ts';
import { evaluateIncident } from '#shared/stats/evaluate.ts';
import { compactEvaluation, evaluationInputs, rateCases } from './equivalence-workload.ts';

const rates = rateCases().map((c) => {
  const tail = rateBandTail(c.nu);
  const r = betaBinomialTailAndBand(c.n, c.alpha, c.beta, c.x, c.higher, tail, 1 - tail);
  const d = betaBinomial(c.n, c.alpha, c.beta);
  const b = binomial(c.n, c.alpha / (c.alpha + c.beta));
  return [r.p, r.lowerCount, r.upperCount, d.cdf(c.x), d.sfAtLeast(c.x), d.pmf(c.x), d.ppf(tail), b.cdf(c.x), b.sfAtLeast(c.x), b.ppf(1 - tail)];
});
const evaluations = evaluationInputs().map((input) => compactEvaluation(evaluateIncident(input)));
writeFileSync(new URL('../../fixtures/stats/equivalence.json', import.meta.url), `${JSON.stringify({ recordedAt: '9fa340f', rates, evaluations })}\n`);
console.log(`recorded ${rates.length} rate cases and ${evaluations.length} evaluations`);
