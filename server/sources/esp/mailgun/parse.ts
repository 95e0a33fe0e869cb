// Mailgun analytics metrics answers → pulled sends. `POST /v1/analytics/metrics` answers `{ start, end,
// resolution, dimensions, pagination: { sort, skip, limit, total }, items: [ { dimensions: [ { dimension, value,
// display_value } ], metrics: { <name>_count… } } ], aggregates }` (Mailgun API reference, Metrics, "Query account
// metrics"; the official mailgun-go client's MetricsResponse). The `time` dimension's value is an RFC 2822 date.
//
// Counts: injected = accepted_outgoing_count; delivered = delivered_count; hard = hard_bounces_count; soft =
// soft_bounces_count; block = esp_block_count (the receiver refused the sender, as the webhook maps "espblock");
// complaints = complained_count; unsubscribes = unsubscribed_count; opens, clicks = opened_count, clicked_count.
import { z } from 'zod';
import { count, EspAnswerError, parseAnswer } from '../http.ts';
import type { ProviderMap } from '../providers.ts';
import type { PulledSend } from '../types.ts';

export const METRICS = ['accepted_outgoing_count', 'delivered_count', 'hard_bounces_count', 'soft_bounces_count', 'esp_block_count',
  'complained_count', 'unsubscribed_count', 'opened_count', 'clicked_count'] as const;

const rfc2822 = z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'must be an RFC 2822 date');
export const metricsAnswer = z.object({
  pagination: z.object({ skip: count, limit: count, total: count }),
  items: z.array(z.object({
    dimensions: z.array(z.object({ dimension: z.string(), value: z.string() })),
    metrics: z.object({
      accepted_outgoing_count: count, delivered_count: count, hard_bounces_count: count, soft_bounces_count: count,
      esp_block_count: count.optional(), complained_count: count, unsubscribed_count: count.optional(),
      opened_count: count.optional(), clicked_count: count.optional(),
    }),
  })),
});

export interface MetricsPage { sends: PulledSend[]; total: number }

export function metricsPage(body: unknown, stream: string, providers: ProviderMap): MetricsPage {
  const a = parseAnswer(metricsAnswer, body, `Mailgun /v1/analytics/metrics (${stream})`);
  const sends = a.items.map((item, i) => {
    const dim = (d: string) => item.dimensions.find((x) => x.dimension === d)?.value;
    const time = dim('time');
    const parsed = rfc2822.safeParse(time);
    if (!parsed.success) throw new EspAnswerError(`Mailgun /v1/analytics/metrics (${stream}) answered a malformed items[${i}].dimensions: the time dimension must be an RFC 2822 date`);
    const m = item.metrics;
    return {
      stream, provider: providers.of(dim('recipient_provider') ?? 'other'), day: new Date(parsed.data).toISOString().slice(0, 10),
      injected: m.accepted_outgoing_count, delivered: m.delivered_count, bounced_hard: m.hard_bounces_count, bounced_soft: m.soft_bounces_count,
      bounced_block: m.esp_block_count ?? 0, complaints: m.complained_count, unsubscribes: m.unsubscribed_count ?? 0,
      opens: m.opened_count ?? null, clicks: m.clicked_count ?? null,
    };
  });
  return { sends, total: a.pagination.total };
}
