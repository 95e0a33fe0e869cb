// SendGrid statistics answers → pulled sends. Both endpoints answer an array of days, each with a list of
// stats entries `{ type, name, metrics }` (Twilio SendGrid API reference, "Retrieve email statistics by mailbox
// provider" and "Retrieve Email Statistics for Categories"). The mailbox-provider entries lack a category; the
// category entries lack a provider (stored as `other`, docs/sources.md).
//
// Counts: injected = processed (SendGrid's "processed", what the webhook's processed event counts) when the
// answer has it, else requests − drops (a drop never left SendGrid), else delivered + bounces + blocks;
// bounces → hard, blocks → block (as the webhook maps bounce and blocked events); deferred messages are retried
// and end as one of those, so they are not counted; spam_reports → complaints; unsubscribes where given.
import { z } from 'zod';
import { count, day, parseAnswer } from '../http.ts';
import type { ProviderMap } from '../providers.ts';
import type { PulledSend } from '../types.ts';

const metrics = z.object({
  requests: count.optional(), processed: count.optional(), drops: count.optional(), delivered: count,
  bounces: count, blocks: count, deferred: count.optional(), spam_reports: count, unsubscribes: count.optional(),
  opens: count.optional(), clicks: count.optional(),
});
export const statsAnswer = z.array(z.object({
  date: day,
  stats: z.array(z.object({ type: z.string().optional(), name: z.string().min(1, 'must name the provider or category'), metrics })),
}));
export type StatsAnswer = z.infer<typeof statsAnswer>;
type Metrics = z.infer<typeof metrics>;

function counts(m: Metrics): Omit<PulledSend, 'stream' | 'provider' | 'day'> {
  const outcomes = m.delivered + m.bounces + m.blocks;
  const injected = m.processed ?? (m.requests !== undefined ? m.requests - (m.drops ?? 0) : outcomes);
  return {
    injected, delivered: m.delivered, bounced_hard: m.bounces, bounced_soft: 0, bounced_block: m.blocks,
    complaints: m.spam_reports, unsubscribes: m.unsubscribes ?? 0, opens: m.opens ?? null, clicks: m.clicks ?? null,
  };
}

export function mailboxProviderSends(body: unknown, stream: string, providers: ProviderMap): PulledSend[] {
  const days = parseAnswer(statsAnswer, body, 'SendGrid /v3/mailbox_providers/stats');
  return days.flatMap((d) => d.stats.map((st) => ({ stream, provider: providers.of(st.name), day: d.date, ...counts(st.metrics) })));
}

export function categorySends(body: unknown): PulledSend[] {
  const days = parseAnswer(statsAnswer, body, 'SendGrid /v3/categories/stats');
  return days.flatMap((d) => d.stats.map((st) => ({ stream: st.name, provider: 'other' as const, all_providers: true as const, day: d.date, ...counts(st.metrics) })));
}
