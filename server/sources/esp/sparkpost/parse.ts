// SparkPost Metrics API answers → pulled sends and seed placement. `GET /api/v1/metrics/deliverability/
// mailbox-provider` answers `{ results: [ { mailbox_provider, count_… } ] }` (SparkPost API reference, Metrics,
// "Deliverability Metrics by Mailbox Provider"); a metric the account does not have (the seed counts without
// Deliverability Analytics) is absent.
//
// Counts: injected = count_injected; delivered = count_delivered; hard/soft/block = count_hard_bounce,
// count_soft_bounce, count_block_bounce (SparkPost's own bounce classes, as the webhook maps them); complaints =
// count_spam_complaint; unsubscribes = count_unsubscribe; opens = count_rendered; clicks = count_clicked.
// Seeds: count_inbox_seed and count_spam_seed (seed messages delivered to the inbox or the spam folder) become a
// seed test of the day; SparkPost does not report missing seeds, so missing is 0. Panel counts are not seeds and
// are not stored.
import { z } from 'zod';
import { count, parseAnswer } from '../http.ts';
import type { ProviderMap } from '../providers.ts';
import type { PulledSeed, PulledSend } from '../types.ts';

export const METRICS = ['count_injected', 'count_delivered', 'count_hard_bounce', 'count_soft_bounce', 'count_block_bounce',
  'count_spam_complaint', 'count_unsubscribe', 'count_rendered', 'count_clicked', 'count_inbox_seed', 'count_spam_seed'] as const;

const row = z.object({
  mailbox_provider: z.string().min(1, 'must name the mailbox provider'),
  count_injected: count, count_delivered: count, count_hard_bounce: count, count_soft_bounce: count, count_block_bounce: count,
  count_spam_complaint: count, count_unsubscribe: count.optional(), count_rendered: count.optional(), count_clicked: count.optional(),
  count_inbox_seed: count.optional(), count_spam_seed: count.optional(),
});
export const mailboxProviderAnswer = z.object({ results: z.array(row) });

export function mailboxProviderDay(body: unknown, stream: string, day: string, providers: ProviderMap): { sends: PulledSend[]; seeds: PulledSeed[] } {
  const answer = parseAnswer(mailboxProviderAnswer, body, `SparkPost /api/v1/metrics/deliverability/mailbox-provider (${day})`);
  const sends: PulledSend[] = [];
  const seeds = new Map<string, PulledSeed>();
  for (const r of answer.results) {
    const provider = providers.of(r.mailbox_provider);
    sends.push({
      stream, provider, day, injected: r.count_injected, delivered: r.count_delivered, bounced_hard: r.count_hard_bounce,
      bounced_soft: r.count_soft_bounce, bounced_block: r.count_block_bounce, complaints: r.count_spam_complaint,
      unsubscribes: r.count_unsubscribe ?? 0, opens: r.count_rendered ?? null, clicks: r.count_clicked ?? null,
    });
    const inbox = r.count_inbox_seed ?? 0;
    const spam = r.count_spam_seed ?? 0;
    if (inbox + spam === 0) continue;
    // Two SparkPost providers of one Rebound provider make one seed test.
    const prev = seeds.get(provider);
    const s = { inbox: inbox + (prev?.inbox ?? 0), spam: spam + (prev?.spam ?? 0) };
    seeds.set(provider, { stream, provider, send_id: `${stream}/${day}`, tested_at: `${day}T00:00:00Z`, seeds: s.inbox + s.spam, inbox: s.inbox, spam: s.spam, missing: 0 });
  }
  return { sends, seeds: [...seeds.values()] };
}
