// Turns send summaries and seed tests (docs/data-formats.md) into evaluation series, one per
// metric × stream × provider, using the numerator/denominator columns of the metric catalog.
import { METRICS, type MetricId, type SeedTestCount, type SendSummaryCount } from '../metrics.ts';
import type { Observation, SeriesInput } from './evaluate.ts';

export type SendSummaryCounts = { send_id: string; stream: string; provider: string; sent_at: string } & Record<SendSummaryCount, number>;
export type SeedTestCounts = { send_id: string; stream: string; provider: string; tested_at: string } & Record<SeedTestCount, number>;

/** Rate metrics computed from send summaries. */
export const SEND_SUMMARY_METRICS: readonly MetricId[] = ['hard_bounce_rate', 'block_rate', 'soft_bounce_rate', 'complaint_rate', 'unsubscribe_rate'];
/** Rate metrics computed from seed tests. */
export const SEED_TEST_METRICS: readonly MetricId[] = ['inbox_placement_rate', 'spam_placement_rate'];

function group<T>(
  rows: readonly T[],
  metrics: readonly MetricId[],
  key: (r: T) => { stream: string; provider: string; send_id: string; at: string },
  count: (r: T, column: string) => number,
): SeriesInput[] {
  const columns = metrics.map((metric) => {
    const counts = METRICS[metric].counts;
    if (counts === null) throw new RangeError(`${metric} is not a rate with counts`);
    return counts;
  });
  // One pass over the rows, the stream × provider key made once a row (not once per metric): each pair's series,
  // one per metric, are made when the pair first appears. Returned metric by metric, each in the order its pairs
  // first appear, as a pass per metric would give.
  const byPair = new Map<string, SeriesInput[]>();
  const pairs: SeriesInput[][] = [];
  for (const r of rows) {
    const k = key(r);
    const id = `${k.stream}\u0000${k.provider}`;
    let own = byPair.get(id);
    if (own === undefined) {
      own = metrics.map((metric) => ({ metric, stream: k.stream, provider: k.provider, observations: [] }));
      byPair.set(id, own);
      pairs.push(own);
    }
    for (let m = 0; m < columns.length; m++) {
      const c = columns[m] as (typeof columns)[number];
      const numerator = count(r, c.numerator);
      const denominator = count(r, c.denominator);
      const obs: Observation = { send_id: k.send_id, at: k.at, numerator, denominator, value: denominator > 0 ? numerator / denominator : 0 };
      (own[m] as SeriesInput).observations.push(obs);
    }
  }
  const out: SeriesInput[] = [];
  for (let m = 0; m < metrics.length; m++) for (const own of pairs) out.push(own[m] as SeriesInput);
  return out;
}

export function seriesFromSendSummaries(rows: readonly SendSummaryCounts[], metrics: readonly MetricId[] = SEND_SUMMARY_METRICS): SeriesInput[] {
  for (const m of metrics) {
    if (METRICS[m].counts?.table !== 'send_summary') throw new RangeError(`${m} is not computed from send summaries`);
  }
  return group(rows, metrics, (r) => ({ stream: r.stream, provider: r.provider, send_id: r.send_id, at: r.sent_at }), (r, c) => r[c as SendSummaryCount]);
}

export function seriesFromSeedTests(rows: readonly SeedTestCounts[], metrics: readonly MetricId[] = SEED_TEST_METRICS): SeriesInput[] {
  for (const m of metrics) {
    if (METRICS[m].counts?.table !== 'seed_test') throw new RangeError(`${m} is not computed from seed tests`);
  }
  return group(rows, metrics, (r) => ({ stream: r.stream, provider: r.provider, send_id: r.send_id, at: r.tested_at }), (r, c) => r[c as SeedTestCount]);
}
