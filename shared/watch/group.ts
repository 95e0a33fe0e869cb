// Dips → suspects (docs/watch.md): the watched series with a dip are grouped by what moved together — two series
// belong together when they share a stream or a provider and their first dips are at most `groupHours` apart —
// and each group becomes one suspect with its evidence, its first-seen time and a sentence a person can act on.
// Pure.
import { METRIC_IDS, type MetricId } from '../metrics.ts';
import { PROVIDERS } from '../providers.ts';
import type { RecoverySeries } from '../schema/recovery.ts';
import { summarize } from './summary.ts';

const HOUR_MS = 3_600_000;

export interface SuspectGroup {
  /** The first dip of any member (RFC 3339 UTC). */
  first_seen_at: string;
  /** The latest dip of any member. */
  last_seen_at: string;
  streams: string[];
  providers: string[];
  metrics: MetricId[];
  /** The members' keys (memberKey): what a later run's group is matched on. */
  members: string[];
  /** The members' series, in the catalog's order. */
  evidence: RecoverySeries[];
  summary: string;
}

export const memberKey = (s: Pick<RecoverySeries, 'metric' | 'stream' | 'provider'>): string => `${s.metric}|${s.stream}|${s.provider}`;

interface Dipped { series: RecoverySeries; first: number; last: number }

function dipSpan(s: RecoverySeries): Dipped | null {
  let first = Infinity;
  let last = -Infinity;
  for (const p of s.points) {
    if (p.verdict === 'ok') continue;
    const at = Date.parse(p.at);
    if (at < first) first = at;
    if (at > last) last = at;
  }
  return Number.isFinite(first) ? { series: s, first, last } : null;
}

const METRIC_ORDER = new Map<string, number>(METRIC_IDS.map((m, i) => [m, i]));
const PROVIDER_ORDER = new Map<string, number>(PROVIDERS.map((p, i) => [p, i]));
const byMetric = (a: string, b: string) => (METRIC_ORDER.get(a) ?? 99) - (METRIC_ORDER.get(b) ?? 99);
const byProvider = (a: string, b: string) => (PROVIDER_ORDER.get(a) ?? 99) - (PROVIDER_ORDER.get(b) ?? 99) || a.localeCompare(b);

/** The dipped series of one run, grouped; groups ordered by first-seen time. */
export function groupDips(series: readonly RecoverySeries[], groupHours: number): SuspectGroup[] {
  const dipped = series.map(dipSpan).filter((d): d is Dipped => d !== null);
  // Union–find over the dipped series: linked when they share a stream or a provider and started close together.
  const parent = dipped.map((_, i) => i);
  const find = (i: number): number => {
    let r = i;
    while (parent[r] !== r) r = parent[r] as number;
    while (parent[i] !== r) {
      const next = parent[i] as number;
      parent[i] = r;
      i = next;
    }
    return r;
  };
  const gap = groupHours * HOUR_MS;
  for (let i = 0; i < dipped.length; i++) {
    const a = dipped[i] as Dipped;
    for (let j = i + 1; j < dipped.length; j++) {
      const b = dipped[j] as Dipped;
      const related = a.series.stream === b.series.stream || a.series.provider === b.series.provider;
      if (related && Math.abs(a.first - b.first) <= gap) parent[find(i)] = find(j);
    }
  }
  const groups = new Map<number, Dipped[]>();
  dipped.forEach((d, i) => {
    const root = find(i);
    groups.set(root, [...(groups.get(root) ?? []), d]);
  });
  return [...groups.values()].map(toGroup).sort((a, b) => a.first_seen_at.localeCompare(b.first_seen_at) || a.members[0]!.localeCompare(b.members[0]!));
}

function toGroup(members: readonly Dipped[]): SuspectGroup {
  const evidence = members.map((m) => m.series).sort((a, b) => byMetric(a.metric, b.metric) || a.stream.localeCompare(b.stream) || byProvider(a.provider, b.provider));
  const first = Math.min(...members.map((m) => m.first));
  const last = Math.max(...members.map((m) => m.last));
  const streams = [...new Set(evidence.map((s) => s.stream))].sort((a, b) => a.localeCompare(b));
  const providers = [...new Set(evidence.map((s) => s.provider))].sort(byProvider);
  const metrics = [...new Set(evidence.map((s) => s.metric))].sort(byMetric);
  const first_seen_at = new Date(first).toISOString();
  return {
    first_seen_at,
    last_seen_at: new Date(last).toISOString(),
    streams,
    providers,
    metrics,
    members: evidence.map(memberKey),
    evidence,
    summary: summarize({ metrics, providers, streams, first_seen_at }),
  };
}

/** What a stored suspect brings to a run: its dips so far and its evidence as last stored. */
export interface StoredGroup { first_seen_at: string; last_seen_at: string; members: readonly string[]; evidence: readonly RecoverySeries[] }

/**
 * A stored suspect as this run sees it: its members and the groups of this run that continue it, each member's
 * series as this run evaluated it (the stored one when this run has none: no data in the window), its first dip the
 * earliest ever seen.
 */
export function continueGroup(stored: StoredGroup, groups: readonly SuspectGroup[], current: ReadonlyMap<string, RecoverySeries>): SuspectGroup {
  const keys = [...new Set([...stored.members, ...groups.flatMap((g) => g.members)])];
  const storedEvidence = new Map(stored.evidence.map((e) => [memberKey(e), e]));
  const evidence = keys.map((k) => current.get(k) ?? storedEvidence.get(k)).filter((e): e is RecoverySeries => e !== undefined)
    .sort((a, b) => byMetric(a.metric, b.metric) || a.stream.localeCompare(b.stream) || byProvider(a.provider, b.provider));
  const firsts = [stored.first_seen_at, ...groups.map((g) => g.first_seen_at)].map(Date.parse);
  const lasts = [stored.last_seen_at, ...groups.map((g) => g.last_seen_at)].map(Date.parse);
  const streams = [...new Set(evidence.map((s) => s.stream))].sort((a, b) => a.localeCompare(b));
  const providers = [...new Set(evidence.map((s) => s.provider))].sort(byProvider);
  const metrics = [...new Set(evidence.map((s) => s.metric))].sort(byMetric);
  const first_seen_at = new Date(Math.min(...firsts)).toISOString();
  return {
    first_seen_at,
    last_seen_at: new Date(Math.max(...lasts)).toISOString(),
    streams, providers, metrics,
    members: evidence.map(memberKey),
    evidence,
    summary: summarize({ metrics, providers, streams, first_seen_at }),
  };
}
