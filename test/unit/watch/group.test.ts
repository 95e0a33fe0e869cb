// Grouping dips into suspects, their sentence, and matching a run's groups to stored suspects (shared/watch/).
import { describe, expect, it } from 'vitest';
import type { MetricId } from '#shared/metrics.ts';
import type { RecoverySeries } from '#shared/schema/recovery.ts';
import { continueGroup, groupDips, memberKey } from '#shared/watch/group.ts';
import { reconcile } from '#shared/watch/reconcile.ts';
import { listText, summarize } from '#shared/watch/summary.ts';

const T0 = Date.parse('2026-03-02T06:00:00Z');
const H = 3_600_000;

function series(metric: MetricId, stream: string, provider: string, dipHours: number[], okHours: number[] = []): RecoverySeries {
  const point = (h: number, verdict: 'ok' | 'dip') => ({
    send_id: null, at: new Date(T0 + h * H).toISOString(), numerator: 1, denominator: 100, value: 0.01, lower: 0, upper: 0.02,
    p_value: 0.5, q_value: 0.5, verdict, provisional: false,
  });
  const points = [...dipHours.map((h) => point(h, 'dip')), ...okHours.map((h) => point(h, 'ok'))].sort((a, b) => a.at.localeCompare(b.at));
  return {
    metric, stream, provider, status: 'degraded', first_dip_at: null, recovered_at: null, time_to_recover_hours: null, points,
    baseline: { from: '2026-02-01T00:00:00.000Z', to: '2026-03-01T00:00:00.000Z', observations: 28, rate: 0.01, lower: 0, upper: 0.02 },
  };
}

describe('groupDips', () => {
  it('groups series that share a provider or a stream and started within the gap; keeps the rest apart', () => {
    const groups = groupDips([
      series('hard_bounce_rate', 'transactional', 'microsoft', [0, 24]),
      series('block_rate', 'newsletter', 'microsoft', [3]),
      series('complaint_rate', 'promo', 'gmail', [1]), // another stream and provider: its own suspect
      series('block_rate', 'promo', 'yahoo', [40]), // shares promo, but 39 h after: its own suspect
      series('soft_bounce_rate', 'winback', 'apple', [], [0, 24]), // no dip: no suspect
    ], 12);
    expect(groups.map((g) => [g.first_seen_at, g.streams, g.providers, g.metrics])).toEqual([
      ['2026-03-02T06:00:00.000Z', ['newsletter', 'transactional'], ['microsoft'], ['hard_bounce_rate', 'block_rate']],
      ['2026-03-02T07:00:00.000Z', ['promo'], ['gmail'], ['complaint_rate']],
      ['2026-03-03T22:00:00.000Z', ['promo'], ['yahoo'], ['block_rate']],
    ]);
    expect(groups[0]?.last_seen_at).toBe('2026-03-03T06:00:00.000Z');
    expect(groups[0]?.summary).toBe('Hard bounces and blocks rose at Microsoft on newsletter and transactional since 2026-03-02 06:00 UTC');
  });

  it('links a chain: a stream shared with one member and a provider with another', () => {
    const groups = groupDips([
      series('block_rate', 'a', 'microsoft', [0]),
      series('block_rate', 'b', 'microsoft', [2]),
      series('inbox_placement_rate', 'b', 'gmail', [4]),
    ], 12);
    expect(groups).toHaveLength(1);
    expect(groups[0]?.summary).toBe('Blocks rose and inbox placement fell at Gmail and Microsoft on a and b since 2026-03-02 06:00 UTC');
  });
});

describe('summary lists', () => {
  it('names up to four, then counts', () => {
    expect(listText(['a'], 'streams')).toBe('a');
    expect(listText(['a', 'b', 'c', 'd'], 'streams')).toBe('a, b, c and d');
    expect(listText(['a', 'b', 'c', 'd', 'e', 'f'], 'streams')).toBe('a, b, c and 3 other streams');
    expect(summarize({ metrics: ['domain_reputation'], providers: ['gmail'], streams: ['example.com'], first_seen_at: '2026-03-02T00:00:00.000Z' }))
      .toBe('Domain reputation fell at Gmail on example.com since 2026-03-02 00:00 UTC');
  });
});

describe('reconcile and continueGroup', () => {
  const [g] = groupDips([series('block_rate', 'a', 'microsoft', [30, 54])], 12);
  const known = { id: 'sus-1', status: 'open' as const, first_seen_at: new Date(T0).toISOString(), last_seen_at: new Date(T0 + 24 * H).toISOString(), members: ['block_rate|a|microsoft'] };

  it('matches a group that shares a series and meets the stored dips within the gap', () => {
    expect(reconcile([known], [g!], 12)[0]?.suspect?.id).toBe('sus-1');
    expect(reconcile([{ ...known, members: ['block_rate|b|microsoft'] }], [g!], 12)[0]?.suspect).toBeNull();
    expect(reconcile([{ ...known, last_seen_at: new Date(T0 + 10 * H).toISOString() }], [g!], 12)[0]?.suspect).toBeNull();
    // The oldest of two candidates.
    expect(reconcile([{ ...known, id: 'sus-9', first_seen_at: new Date(T0 + H).toISOString() }, known], [g!], 12)[0]?.suspect?.id).toBe('sus-1');
  });

  it('keeps the first dip ever seen and takes this run\'s series for its members', () => {
    const stored = series('block_rate', 'a', 'microsoft', [0, 24]);
    const now = series('block_rate', 'a', 'microsoft', [30, 54], [78]);
    const other = series('hard_bounce_rate', 'a', 'microsoft', [31]);
    const [h] = groupDips([now, other], 12);
    const next = continueGroup({ ...known, evidence: [stored] }, [h!], new Map([[memberKey(now), now], [memberKey(other), other]]));
    expect(next.first_seen_at).toBe(new Date(T0).toISOString());
    expect(next.last_seen_at).toBe(new Date(T0 + 54 * H).toISOString());
    expect(next.metrics).toEqual(['hard_bounce_rate', 'block_rate']);
    expect(next.evidence.find((e) => e.metric === 'block_rate')).toBe(now);
  });
});
