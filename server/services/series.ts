// Send summaries and seed tests → the evaluation's series: one per rate metric × stream × provider, each
// observation with its counts (the metric catalog says which columns form numerator and denominator).
import { METRICS, type MetricDef } from '../../shared/metrics.ts';
import type { Observation, SeriesInput } from '../../shared/stats/evaluate.ts';
import type { SeedCounts, SendCounts } from '../store/observations.ts';

type CountRow = { send_id: string; stream: string; provider: string; at: string } & Record<string, number | string>;

function add(into: Map<string, SeriesInput>, metric: MetricDef, row: CountRow): void {
  if (!metric.counts) return;
  const numerator = Number(row[metric.counts.numerator]);
  const denominator = Number(row[metric.counts.denominator]);
  const key = `${metric.id}\u0000${row.stream}\u0000${row.provider}`;
  let series = into.get(key);
  if (!series) {
    series = { metric: metric.id, stream: row.stream, provider: row.provider, observations: [] };
    into.set(key, series);
  }
  const obs: Observation = {
    send_id: row.send_id,
    at: row.at,
    numerator,
    denominator,
    value: denominator > 0 ? numerator / denominator : 0,
  };
  series.observations.push(obs);
}

export function buildSeries(sends: SendCounts[], seeds: SeedCounts[]): SeriesInput[] {
  const out = new Map<string, SeriesInput>();
  const rates = Object.values(METRICS).filter((m) => m.kind === 'rate' && m.counts);
  const fromSends = rates.filter((m) => m.counts?.table === 'send_summary');
  const fromSeeds = rates.filter((m) => m.counts?.table === 'seed_test');
  for (const row of sends) for (const m of fromSends) add(out, m, row as unknown as CountRow);
  for (const row of seeds) for (const m of fromSeeds) add(out, m, row as unknown as CountRow);
  // Stable order: by metric catalog order, then stream, then provider — what tables and charts show.
  const order = new Map(Object.keys(METRICS).map((id, i) => [id, i]));
  return [...out.values()].sort((a, b) =>
    (order.get(a.metric) ?? 0) - (order.get(b.metric) ?? 0) || a.stream.localeCompare(b.stream) || a.provider.localeCompare(b.provider));
}
