// Reputation rows → evaluation series (docs/sources.md): subject → stream (domains as themselves, IPs through
// SNDS_IP_STREAMS), provider from the metric, one observation per day, and buildSeries keeping its order.
import { describe, expect, it } from 'vitest';
import { buildSeries } from '../../../server/services/series.ts';
import { evaluateIncident } from '#shared/stats/evaluate.ts';
import { seriesFromReputation, streamOfSubject, type ReputationScope } from '#shared/stats/reputation-series.ts';

const scope: ReputationScope = { streams: ['news.example.com'], providers: null, ipStreams: { '203.0.113.7': 'news.example.com', '203.0.113.8': 'news.example.com', '198.51.100.1': 'other.example.com' } };

describe('streamOfSubject', () => {
  it.each([
    ['news.example.com', 'news.example.com'],
    ['203.0.113.7', 'news.example.com'],
    ['198.51.100.1', null], // mapped to a stream the incident does not name
    ['promo.example.com', null],
  ])('%s → %s', (subject, stream) => expect(streamOfSubject(subject, scope)).toBe(stream));

  it('takes an unmapped IP as a stream of its own', () => {
    expect(streamOfSubject('192.0.2.1', { ...scope, streams: ['192.0.2.1'] })).toBe('192.0.2.1');
  });
});

describe('seriesFromReputation', () => {
  const rows = [
    { date: '2026-03-01', subject: 'news.example.com', metric: 'gmail_spam_rate', value: 0.001 },
    { date: '2026-03-01', subject: 'news.example.com', metric: 'domain_reputation', value: 3 },
    { date: '2026-03-01', subject: '203.0.113.7', metric: 'snds_filter_result', value: 2 },
    { date: '2026-03-01', subject: '203.0.113.8', metric: 'snds_filter_result', value: 0 },
    { date: '2026-03-01', subject: '203.0.113.7', metric: 'spam_trap_hits', value: 2 },
    { date: '2026-03-01', subject: '203.0.113.8', metric: 'spam_trap_hits', value: 5 },
    { date: '2026-03-01', subject: '203.0.113.7', metric: 'snds_complaint_rate', value: 0.001 },
    { date: '2026-03-01', subject: '203.0.113.8', metric: 'snds_complaint_rate', value: 0.003 },
    { date: '2026-03-01', subject: 'promo.example.com', metric: 'gmail_spam_rate', value: 0.5 },
    { date: '2026-03-01', subject: 'news.example.com', metric: 'complaint_rate', value: 0.5 },
  ];

  it('gives daily observations without counts, at the end of the day, provider from the metric', () => {
    const series = seriesFromReputation(rows, scope);
    const get = (metric: string) => series.find((s) => s.metric === metric);
    expect(get('gmail_spam_rate')).toEqual({
      metric: 'gmail_spam_rate', stream: 'news.example.com', provider: 'gmail',
      observations: [{ send_id: null, at: '2026-03-01T23:59:59.999Z', numerator: null, denominator: null, value: 0.001 }],
    });
    expect(get('domain_reputation')?.provider).toBe('gmail');
    // Two IPs of the stream on one day: worst colour, summed trap hits, mean complaint rate.
    expect(get('snds_filter_result')).toMatchObject({ provider: 'microsoft', observations: [{ value: 0 }] });
    expect(get('spam_trap_hits')?.observations[0]?.value).toBe(7);
    expect(get('snds_complaint_rate')?.observations[0]?.value).toBeCloseTo(0.002, 12);
    // Out of scope: another stream, and a metric with counts (those come from send summaries).
    expect(series).toHaveLength(5);
  });

  it('respects the incident providers', () => {
    const series = seriesFromReputation(rows, { ...scope, providers: ['microsoft'] });
    expect(new Set(series.map((s) => s.provider))).toEqual(new Set(['microsoft']));
  });
});

describe('buildSeries with reputation', () => {
  it('adds reputation series in catalog order after the rate series, and none without rows', () => {
    const send = { send_id: 's1', stream: 'news.example.com', provider: 'gmail' as const, sent_at: '2026-03-01T10:00:00Z', injected: 100, delivered: 90, bounced_hard: 1, bounced_soft: 1, bounced_block: 1, complaints: 0, unsubscribes: 0 };
    const without = buildSeries([send], []);
    const withRep = buildSeries([send], [], [{ date: '2026-03-01', subject: 'news.example.com', metric: 'gmail_spam_rate', value: 0.001 }], scope);
    expect(withRep.length).toBe(without.length + 1);
    expect(withRep.at(-1)?.metric).toBe('gmail_spam_rate');
  });

  it('flags a Postmaster spam rate crossing 0.3% as severe against a quiet baseline', () => {
    const days = Array.from({ length: 20 }, (_, i) => new Date(Date.UTC(2026, 1, 10 + i)).toISOString().slice(0, 10));
    const rows = days.map((date, i) => ({ date, subject: 'news.example.com', metric: 'gmail_spam_rate', value: i < 14 ? 0.0008 + (i % 3) * 0.0001 : 0.004 }));
    const result = evaluateIncident({
      occurred_at: `${days[14]}T08:00:00Z`, baseline_days: 28, monitor_days: 30, now: new Date('2026-03-10T00:00:00Z'),
      series: buildSeries([], [], rows, scope),
    });
    const spam = result.series.find((s) => s.metric === 'gmail_spam_rate');
    expect(spam?.baseline.observations).toBe(14);
    expect(spam?.points.filter((p) => p.at >= `${days[14]}`).every((p) => p.verdict === 'severe')).toBe(true);
    expect(spam?.status).toBe('degraded');
  });
});
