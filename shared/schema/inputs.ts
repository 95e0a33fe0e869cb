// Input records of docs/data-formats.md, validated and turned into the canonical rows the store keeps.
import { z } from 'zod';
import { INPUT_KINDS, type InputKind } from '../kinds.ts';
import { count, id, optionalText, recipient, resolveProvider, rfc3339, toUtcIso } from './common.ts';
import type { Provider } from '../providers.ts';
import { reputationInput, type ReputationRow } from './reputation.ts';

export const EVENT_TYPES = ['injection', 'delivery', 'bounce', 'deferral', 'complaint', 'unsubscribe', 'open', 'click'] as const;
export type EventType = (typeof EVENT_TYPES)[number];
export const BOUNCE_CLASSES = ['hard', 'soft', 'block'] as const;
export type BounceClass = (typeof BOUNCE_CLASSES)[number];

export interface EventRow {
  event_id: string | null;
  type: EventType;
  timestamp: string;
  send_id: string;
  stream: string;
  provider: Provider;
  bounce_class: BounceClass | null;
  smtp_code: number | null;
  diagnostic: string | null;
  message_id: string | null;
  /** Who the message went to (optional; the audience guard of docs/incidents.md needs it). */
  recipient: string | null;
}

// SMTP reply codes are three digits, 2xx–5xx (RFC 5321 section 4.2).
const smtpCode = z.number().int('must be a whole number').min(200).max(599);

export const eventInput = z
  .strictObject({
    event_id: id.optional(),
    type: z.enum(EVENT_TYPES, { message: `must be one of ${EVENT_TYPES.join(', ')}` }),
    timestamp: rfc3339,
    send_id: id,
    stream: id,
    provider: z.string().optional(),
    recipient_domain: z.string().max(255).optional(),
    bounce_class: z.enum(BOUNCE_CLASSES, { message: `must be one of ${BOUNCE_CLASSES.join(', ')}` }).optional(),
    smtp_code: smtpCode.optional(),
    diagnostic: optionalText,
    message_id: id.optional(),
    recipient: recipient.optional(),
  })
  .transform((rec, ctx): EventRow => {
    const provider = resolveProvider(rec, ctx, true);
    if (rec.type === 'bounce' && rec.bounce_class === undefined) {
      ctx.addIssue({ code: 'custom', path: ['bounce_class'], message: 'is required for a bounce (hard, soft or block)' });
    }
    if (rec.type !== 'bounce' && rec.bounce_class !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['bounce_class'], message: 'is only allowed on bounce events' });
    }
    return {
      event_id: rec.event_id ?? null,
      type: rec.type,
      timestamp: toUtcIso(rec.timestamp),
      send_id: rec.send_id,
      stream: rec.stream,
      provider: provider ?? 'other',
      bounce_class: rec.bounce_class ?? null,
      smtp_code: rec.smtp_code ?? null,
      diagnostic: rec.diagnostic ?? null,
      message_id: rec.message_id ?? null,
      recipient: rec.recipient ?? null,
    };
  });

export interface SendRow {
  send_id: string;
  stream: string;
  provider: Provider;
  sent_at: string;
  injected: number;
  delivered: number;
  bounced_hard: number;
  bounced_soft: number;
  bounced_block: number;
  complaints: number;
  unsubscribes: number;
  opens: number | null;
  clicks: number | null;
}

export const sendInput = z
  .strictObject({
    send_id: id,
    stream: id,
    provider: z.string().optional(),
    recipient_domain: z.string().max(255).optional(),
    sent_at: rfc3339,
    injected: count,
    delivered: count,
    bounced_hard: count,
    bounced_soft: count,
    bounced_block: count,
    complaints: count,
    unsubscribes: count,
    opens: count.optional(),
    clicks: count.optional(),
  })
  .transform((rec, ctx): SendRow => {
    const provider = resolveProvider(rec, ctx);
    const outcomes = rec.delivered + rec.bounced_hard + rec.bounced_soft + rec.bounced_block;
    // Every injected message ends delivered, bounced or still deferred, so outcomes can never exceed injections.
    if (outcomes > rec.injected) {
      ctx.addIssue({
        code: 'custom',
        path: ['injected'],
        message: `delivered + bounces (${outcomes}) exceed injected (${rec.injected})`,
      });
    }
    // A complaint or unsubscribe needs a delivered message; more of them than deliveries is a broken export.
    if (rec.complaints > rec.delivered) {
      ctx.addIssue({ code: 'custom', path: ['complaints'], message: `exceed delivered (${rec.delivered})` });
    }
    if (rec.unsubscribes > rec.delivered) {
      ctx.addIssue({ code: 'custom', path: ['unsubscribes'], message: `exceed delivered (${rec.delivered})` });
    }
    return {
      send_id: rec.send_id,
      stream: rec.stream,
      provider: provider ?? 'other',
      sent_at: toUtcIso(rec.sent_at),
      injected: rec.injected,
      delivered: rec.delivered,
      bounced_hard: rec.bounced_hard,
      bounced_soft: rec.bounced_soft,
      bounced_block: rec.bounced_block,
      complaints: rec.complaints,
      unsubscribes: rec.unsubscribes,
      opens: rec.opens ?? null,
      clicks: rec.clicks ?? null,
    };
  });

export interface SeedTestRow {
  send_id: string;
  stream: string;
  provider: Provider;
  tested_at: string;
  seeds: number;
  inbox: number;
  spam: number;
  missing: number;
}

export const seedTestInput = z
  .strictObject({
    send_id: id,
    stream: id,
    provider: z.string().optional(),
    recipient_domain: z.string().max(255).optional(),
    tested_at: rfc3339,
    seeds: count,
    inbox: count,
    spam: count,
    missing: count,
  })
  .transform((rec, ctx): SeedTestRow => {
    const provider = resolveProvider(rec, ctx);
    if (rec.inbox + rec.spam + rec.missing !== rec.seeds) {
      ctx.addIssue({
        code: 'custom',
        path: ['seeds'],
        message: `inbox + spam + missing (${rec.inbox + rec.spam + rec.missing}) must equal seeds (${rec.seeds})`,
      });
    }
    return {
      send_id: rec.send_id,
      stream: rec.stream,
      provider: provider ?? 'other',
      tested_at: toUtcIso(rec.tested_at),
      seeds: rec.seeds,
      inbox: rec.inbox,
      spam: rec.spam,
      missing: rec.missing,
    };
  });

export { INPUT_KINDS, type InputKind } from '../kinds.ts';
export interface RowOfKind {
  events: EventRow;
  sends: SendRow;
  seeds: SeedTestRow;
  reputation: ReputationRow;
}

/** The columns whose values are whole numbers: a CSV cell of digits becomes a number before validation. */
export const INTEGER_FIELDS: ReadonlySet<string> = new Set([
  'smtp_code', 'injected', 'delivered', 'bounced_hard', 'bounced_soft', 'bounced_block',
  'complaints', 'unsubscribes', 'opens', 'clicks', 'seeds', 'inbox', 'spam', 'missing',
]);

export const inputSchemas = { events: eventInput, sends: sendInput, seeds: seedTestInput, reputation: reputationInput } as const;

/** Fields that only one kind has; detection counts them, so one missing column still points the right way. */
const KIND_FIELDS: Readonly<Record<InputKind, readonly string[]>> = {
  events: ['type', 'timestamp', 'event_id', 'bounce_class', 'smtp_code', 'diagnostic', 'message_id'],
  sends: ['sent_at', 'injected', 'delivered', 'bounced_hard', 'bounced_soft', 'bounced_block', 'complaints', 'unsubscribes'],
  seeds: ['tested_at', 'seeds', 'inbox', 'spam', 'missing'],
  reputation: ['date', 'subject', 'source', 'metric', 'value'],
};
// Two distinctive fields: one could be a coincidence (a "source" column in some unrelated export).
const MIN_KIND_FIELDS = 2;

/** Kind detection from a CSV header or the keys of the first record: the kind whose own fields it has most of. */
export function detectKind(fields: readonly string[]): InputKind | undefined {
  const scored = INPUT_KINDS.map((k) => ({ k, n: KIND_FIELDS[k].filter((f) => fields.includes(f)).length })).sort((a, b) => b.n - a.n);
  const [best, next] = scored;
  if (!best || best.n < MIN_KIND_FIELDS || (next && next.n === best.n)) return undefined;
  return best.k;
}
