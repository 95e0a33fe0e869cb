// The evaluation's series for an incident: send summaries and seed tests (shared/stats/series.ts does the
// counting), in a stable order — by the metric catalog, then stream, then provider — as tables and charts show.
import { METRICS } from '#shared/metrics.ts';
import type { SeriesInput } from '#shared/stats/evaluate.ts';
import { seriesFromReputation, type ReputationInputRow, type ReputationScope } from '#shared/stats/reputation-series.ts';
import { seriesFromSeedTests, seriesFromSendSummaries } from '#shared/stats/series.ts';
import type { SeedCounts, SendCounts } from '../store/observations.ts';

const ORDER = new Map(Object.keys(METRICS).map((id, i) => [id, i]));

/**
 * Reputation rows (docs/data-formats.md) become series too, for the incident's streams (domains, and IPs mapped to them by
 * SNDS_IP_STREAMS): see shared/stats/reputation-series.ts for the subject → stream and provider rules.
 */
export function buildSeries(
  sends: SendCounts[],
  seeds: SeedCounts[],
  reputation: readonly ReputationInputRow[] = [],
  scope: ReputationScope = { streams: [], providers: null, ipStreams: {} },
): SeriesInput[] {
  const all = [...seriesFromSendSummaries(sends), ...seriesFromSeedTests(seeds), ...seriesFromReputation(reputation, scope)];
  return all.sort((a, b) =>
    (ORDER.get(a.metric) ?? 0) - (ORDER.get(b.metric) ?? 0) || a.stream.localeCompare(b.stream) || a.provider.localeCompare(b.provider));
}
