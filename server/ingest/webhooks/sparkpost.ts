// SparkPost webhooks (SparkPost docs: "Webhooks" → authentication, and "Event Types"). SparkPost authenticates
// with HTTP basic auth (or OAuth 2.0) configured on the webhook; the credentials are compared in constant time.
// The payload is an array of { msys: { message_event | track_event | unsubscribe_event: {...} } }; SparkPost's
// test post is [{ "msys": {} }].
//
// Where things come from: send_id = rcpt_meta (or metadata) `send_id`, else campaign_id; stream = rcpt_meta
// `stream`, else the sending_domain, else the domain of friendly_from.
import { createHash, timingSafeEqual } from 'node:crypto';
import { domainOf, event, isObject, lookup, MalformedPayload, smtpCodeOf, str, timeOf, type EspAdapter, type EventRecord } from './common.ts';

const TYPES: Readonly<Record<string, string>> = {
  injection: 'injection', delivery: 'delivery', bounce: 'bounce', out_of_band: 'bounce', delay: 'deferral',
  spam_complaint: 'complaint', open: 'open', initial_open: 'open', click: 'click', list_unsubscribe: 'unsubscribe',
  link_unsubscribe: 'unsubscribe',
};

// SparkPost "Bounce Classification Codes": 10 Invalid Recipient, 30 Generic Bounce: No RCPT, 90 Unsubscribe →
// hard; 25 Admin Failure, 50 Mail Block, 51 Spam Block, 52 Spam Content, 53 Prohibited Attachment,
// 54 Relaying Denied → block; everything else (20–24 soft bounces, 40 Generic, 60 Auto-Reply, 70 Transient,
// 80 Subscribe, 100 Challenge-Response, 1 Undetermined) → soft.
const HARD = new Set([10, 30, 90]);
const BLOCK = new Set([25, 50, 51, 52, 53, 54]);
export function sparkpostBounceClass(code: unknown): string {
  const n = Number(code);
  return HARD.has(n) ? 'hard' : BLOCK.has(n) ? 'block' : 'soft';
}

const digest = (s: string) => createHash('sha256').update(s).digest();

export const sparkpost: EspAdapter = {
  name: 'sparkpost',
  configured: (w) => w.sparkpost !== null,
  verify: async (req, w) => {
    const m = /^Basic\s+(\S+)$/i.exec(req.header('authorization') ?? '');
    if (!m?.[1] || !w.sparkpost) return { ok: false, reason: 'basic authentication is required' };
    // Hashing both sides gives equal lengths, so the comparison's time says nothing about the credentials.
    const given = digest(Buffer.from(m[1], 'base64').toString('utf8'));
    const expected = digest(`${w.sparkpost.user}:${w.sparkpost.password}`);
    return timingSafeEqual(given, expected) ? { ok: true } : { ok: false, reason: 'wrong credentials' };
  },
  parse: (body) => {
    if (!Array.isArray(body)) throw new MalformedPayload('a SparkPost payload is a JSON array');
    const events: EventRecord[] = [];
    let ignored = 0;
    for (const item of body) {
      if (!isObject(item) || !isObject(item.msys)) throw new MalformedPayload('every SparkPost item is { "msys": {...} }');
      for (const e of Object.values(item.msys)) {
        const type = isObject(e) ? lookup(TYPES, str(e.type)) : undefined;
        if (!isObject(e) || !type) {
          ignored++;
          continue;
        }
        const meta = isObject(e.rcpt_meta) ? e.rcpt_meta : isObject(e.metadata) ? e.metadata : {};
        events.push(event({
          event_id: str(e.event_id), type, timestamp: timeOf(e.timestamp),
          send_id: str(meta.send_id) ?? str(e.campaign_id), stream: str(meta.stream) ?? str(e.sending_domain) ?? domainOf(e.friendly_from),
          recipient: e.rcpt_to, bounce_class: type === 'bounce' ? sparkpostBounceClass(e.bounce_class) : undefined,
          smtp_code: smtpCodeOf(e.error_code, e.raw_reason), diagnostic: str(e.raw_reason), message_id: str(e.message_id),
        }));
      }
    }
    return { events, ignored };
  },
};
