// Daily reputation rows (docs/data-formats.md) → evaluation series, one per metric × stream × provider. Pure: rows and the
// incident's scope in, series out.
//
// - Subject → stream: a domain subject is the stream when the incident names it, or names all streams ("*")
//   (Postmaster reports per sending domain, and Rebound's streams are usually sending domains). An IP subject (SNDS reports per IP) belongs to
//   the stream `ipStreams` maps it to (SNDS_IP_STREAMS), or is a stream of its own when unmapped — so an
//   incident can also name a dedicated IP as its stream.
// - Provider: from the metric (Postmaster is Gmail's, SNDS is Microsoft's), see REPUTATION_PROVIDER.
// - Several rows for the same series and day (a stream's four IPs in SNDS, or two sources of one metric) make
//   one observation: ordinals take the worst level (one RED IP is what the stream's mail is judged by at that
//   IP), fractions the mean, counts (trap hits) the sum.
// - A daily value is observed at the end of its day (23:59:59.999 UTC): the incident's own day already carries
//   post-incident mail, so it is tested, never part of the baseline.
import { coversAllStreams } from '../kinds.ts';
import { METRICS } from '../metrics.ts';
import { REPUTATION_METRICS, REPUTATION_PROVIDER, type ReputationMetric } from '../schema/reputation.ts';
import type { Observation, SeriesInput } from './evaluate.ts';

export interface ReputationInputRow {
  date: string;
  subject: string;
  metric: string;
  value: number;
}

export interface ReputationScope {
  streams: readonly string[];
  providers: readonly string[] | null;
  /** IP → stream (SNDS_IP_STREAMS). */
  ipStreams: Readonly<Record<string, string>>;
}

const END_OF_DAY = 'T23:59:59.999Z';

const isReputationMetric = (m: string): m is ReputationMetric => (REPUTATION_METRICS as readonly string[]).includes(m);

function combine(metric: ReputationMetric, values: number[]): number {
  const def = METRICS[metric];
  if (def.kind === 'ordinal') return Math.min(...values);
  if (def.unit === 'count') return values.reduce((a, b) => a + b, 0);
  return values.reduce((a, b) => a + b, 0) / values.length;
}

/** The stream a subject belongs to in this incident, or null when it is outside the incident's scope. */
export function streamOfSubject(subject: string, scope: ReputationScope): string | null {
  const all = coversAllStreams(scope.streams);
  const mapped = scope.ipStreams[subject];
  if (mapped !== undefined) return all || scope.streams.includes(mapped) ? mapped : null;
  return all || scope.streams.includes(subject) ? subject : null;
}

export function seriesFromReputation(rows: readonly ReputationInputRow[], scope: ReputationScope): SeriesInput[] {
  // series key → day → values of that day
  const grouped = new Map<string, { metric: ReputationMetric; stream: string; provider: string; days: Map<string, number[]> }>();
  for (const r of rows) {
    if (!isReputationMetric(r.metric) || !Number.isFinite(r.value)) continue;
    const provider = REPUTATION_PROVIDER[r.metric];
    if (scope.providers && !scope.providers.includes(provider)) continue;
    const stream = streamOfSubject(r.subject, scope);
    if (stream === null) continue;
    const key = `${r.metric}\u0000${stream}\u0000${provider}`;
    let g = grouped.get(key);
    if (!g) {
      g = { metric: r.metric, stream, provider, days: new Map() };
      grouped.set(key, g);
    }
    const day = g.days.get(r.date);
    if (day) day.push(r.value);
    else g.days.set(r.date, [r.value]);
  }
  return [...grouped.values()].map((g) => {
    const observations: Observation[] = [...g.days.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([date, values]) => ({ send_id: null, at: `${date}${END_OF_DAY}`, numerator: null, denominator: null, value: combine(g.metric, values) }));
    return { metric: g.metric, stream: g.stream, provider: g.provider, observations };
  });
}
