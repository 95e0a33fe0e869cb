// Postmark outbound statistics → pulled sends (Postmark API reference, Stats: "Get sent counts", "Get bounce
// counts", "Get spam complaints"). Each answers `{ Days: [ { Date, <count>… } ], <totals> }`; a day without
// activity is absent, and a day lists only the counts it has.
//
// Postmark's statistics have no mailbox-provider dimension: every row is provider `other` (docs/sources.md).
// Counts: injected = Sent; bounces by Postmark's bounce types: HardBounce and BadEmailAddress → hard; Blocked →
// block; SoftBounce, Transient and DnsError → soft; the other types (AutoResponder, AddressChange,
// SMTPApiError, SpamNotification, …) are not delivery failures and are not counted; complaints = SpamComplaint;
// delivered = Sent − the counted bounces (Postmark reports no delivered count per day).
import { z } from 'zod';
import { count, day, parseAnswer } from '../http.ts';
import type { PulledSend } from '../types.ts';

const HARD = ['HardBounce', 'BadEmailAddress'] as const;
const BLOCK = ['Blocked'] as const;
const SOFT = ['SoftBounce', 'Transient', 'DnsError'] as const;

const days = <T extends z.ZodRawShape>(shape: T) => z.object({ Days: z.array(z.looseObject({ Date: day, ...shape })) });
export const sendsAnswer = days({ Sent: count.optional() });
export const bouncesAnswer = days({
  HardBounce: count.optional(), BadEmailAddress: count.optional(), Blocked: count.optional(), SoftBounce: count.optional(),
  Transient: count.optional(), DnsError: count.optional(),
});
export const spamAnswer = days({ SpamComplaint: count.optional() });

export interface PostmarkAnswers { sends: unknown; bounces: unknown; spam: unknown }

export function postmarkSends(a: PostmarkAnswers, stream: string, where: string): PulledSend[] {
  const sent = parseAnswer(sendsAnswer, a.sends, `Postmark /stats/outbound/sends (${where})`);
  const bounces = parseAnswer(bouncesAnswer, a.bounces, `Postmark /stats/outbound/bounces (${where})`);
  const spam = parseAnswer(spamAnswer, a.spam, `Postmark /stats/outbound/spam (${where})`);
  const byDay = new Map<string, PulledSend>();
  const row = (d: string) => {
    let r = byDay.get(d);
    if (!r) {
      r = { stream, provider: 'other', all_providers: true, day: d, injected: 0, delivered: 0, bounced_hard: 0, bounced_soft: 0, bounced_block: 0, complaints: 0, unsubscribes: 0, opens: null, clicks: null };
      byDay.set(d, r);
    }
    return r;
  };
  const sum = (d: Record<string, unknown>, keys: readonly string[]) => keys.reduce((n, k) => n + (typeof d[k] === 'number' ? d[k] : 0), 0);
  for (const d of sent.Days) row(d.Date).injected += d.Sent ?? 0;
  for (const d of bounces.Days) {
    const r = row(d.Date);
    r.bounced_hard += sum(d, HARD);
    r.bounced_block += sum(d, BLOCK);
    r.bounced_soft += sum(d, SOFT);
  }
  for (const d of spam.Days) row(d.Date).complaints += d.SpamComplaint ?? 0;
  for (const r of byDay.values()) r.delivered = Math.max(0, r.injected - r.bounced_hard - r.bounced_soft - r.bounced_block);
  return [...byDay.values()];
}
