// A fixed, seeded workload for the evaluation's equivalence check (equivalence.test.ts): the outputs of the
// implementation before the speed work of docs/performance.md were recorded on it (record-equivalence.ts), and the
// optimized code must give the same numbers to floating-point noise. Direct beta-binomial tests over sizes from 1
// to 10⁶ (every tail, both directions, every band tail), and whole evaluations of sends, seed tests and ratios.
import { generateScenario, mulberry32 } from '#shared/scenario.ts';
import type { EvaluateInput, EvaluationResult, SeriesInput } from '#shared/stats/evaluate.ts';
import { seriesFromSeedTests, seriesFromSendSummaries } from '#shared/stats/series.ts';

const DAY_MS = 86_400_000;

const rng = mulberry32;

export interface RateCase { n: number; alpha: number; beta: number; x: number; higher: boolean; nu: number }

/** Beta-binomial test cases: size log-uniform in 1…10⁶, rate 10⁻⁵…0.5, concentration 2…10⁷, x anywhere. */
export function rateCases(count = 1000): RateCase[] {
  const r = rng(20261204);
  const out: RateCase[] = [];
  for (let i = 0; i < count; i++) {
    const n = Math.max(1, Math.round(10 ** (6 * r())));
    const rate = 10 ** (-5 + 4.7 * r());
    const conc = 2 * 10 ** (6.7 * r());
    const mean = n * rate;
    const sd = Math.sqrt(n * rate * (1 - rate) * (conc + n) / (conc + 1));
    // Mostly near the centre, some in the far tails (p down to 1e-300 and below), some at the edges 0 and n.
    const u = r();
    const z = u < 0.05 ? 0 : u < 0.1 ? n : Math.round(mean + sd * (u < 0.3 ? 40 * (r() - 0.5) : 6 * (r() - 0.5)));
    out.push({ n, alpha: rate * conc, beta: (1 - rate) * conc, x: Math.min(n, Math.max(0, z)), higher: r() < 0.5, nu: r() < 0.3 ? 1e7 : 1 + 60 * r() });
  }
  return out;
}

/** Whole evaluations: one stream with an incident and two without, sends and seed tests, and Postmaster ratios. */
export function evaluationInputs(): EvaluateInput[] {
  const sc = generateScenario({
    seed: 77,
    baselineDays: 28,
    postDays: 20,
    streams: [
      { stream: 'news', size: 300_000, hour: 8, cv: 0.15, rates: { hard: 0.003, soft: 0.01, block: 0.002, complaint: 0.0004, unsubscribe: 0.002, inbox: 0.88 } },
      { stream: 'weekly', size: 3_000, hour: 9, cv: 0.3, rates: { hard: 0.002, soft: 0.006, block: 0.001, complaint: 0.0002, unsubscribe: 0.004, inbox: 0.9 } },
      { stream: 'billing', size: 40_000, hour: 3, cv: 0.05, rates: { hard: 0.001, soft: 0.004, block: 0.003, complaint: 0.0001, unsubscribe: 0.0005, inbox: 0.95 } },
    ],
    incidents: [{ stream: 'news', metrics: ['complaint_rate', 'inbox_placement_rate'], peak: 5, decay: 0.7, sends: 6 }],
    seedTests: true,
  });
  const r = rng(99);
  const occurred = Date.parse(sc.occurred_at);
  const ratios: SeriesInput[] = ['gmail_spam_rate', 'spam_trap_hits'].map((metric) => ({
    metric: metric as SeriesInput['metric'],
    stream: 'news',
    provider: 'gmail',
    observations: Array.from({ length: 48 }, (_, d) => {
      const base = metric === 'spam_trap_hits' ? Math.floor(3 * r()) : 0.0004 * Math.exp(0.4 * (r() - 0.5));
      const value = d >= 28 && d < 32 ? base * 6 : base;
      return { send_id: null, at: new Date(occurred + (d - 28) * DAY_MS + 3_600_000).toISOString(), numerator: null, denominator: null, value };
    }),
  }));
  const series = [...seriesFromSendSummaries(sc.sends), ...seriesFromSeedTests(sc.seedTests), ...ratios];
  const now = new Date(occurred + 21 * DAY_MS);
  return [
    { occurred_at: sc.occurred_at, baseline_days: 28, monitor_days: 20, series, now },
    // The same data seen mid-way, with a shorter baseline (small-baseline inflation, provisional points).
    { occurred_at: sc.occurred_at, baseline_days: 6, monitor_days: 20, series, now: new Date(occurred + 9 * DAY_MS) },
  ];
}

/** What is compared of an evaluation: every status, date and number, without the repeated identifiers. */
export function compactEvaluation(e: EvaluationResult): unknown[] {
  return [e.status, e.series.map((s) => [
    s.metric, s.stream, s.provider, s.status, s.first_dip_at, s.recovered_at, s.time_to_recover_hours,
    s.baseline.observations, s.baseline.rate, s.baseline.lower, s.baseline.upper,
    s.points.map((p) => [Date.parse(p.at) / 1000, p.value, p.lower, p.upper, p.p_value, p.q_value, p.verdict, p.provisional]),
  ])];
}
