// SparkPost webhooks (SparkPost docs: "Webhooks", https://developers.sparkpost.com/api/webhooks/, and "Event
// Types", https://developers.sparkpost.com/api/events/). SparkPost authenticates with HTTP basic auth (or OAuth 2.0)
// configured on the webhook; the credentials are compared in constant time. The payload is an array of
// { msys: { message_event | track_event | unsubscribe_event: {...} } }; SparkPost's test post is [{ "msys": {} }],
// and older integrations post a single { "msys": {...} } object, read the same way.
//
// send_id and stream come from the configured fallbacks (fallbacks.ts): rcpt_meta (or metadata), campaign_id,
// template_id, subaccount_id, sending_domain, the From domain (friendly_from, else the envelope msg_from), ip_pool.
import { createHash, timingSafeEqual } from 'node:crypto';
import { domainOf, event, eventIdentity, isObject, lookup, MalformedPayload, ParsedBuilder, smtpCodeOf, str, timeOf, type EspAdapter, type WebhookRequest } from './common.ts';
import { resolveSendAndStream } from './fallbacks.ts';

// Generation and policy failures never reached a receiver: ignored.
export const SPARKPOST_TYPES: Readonly<Record<string, string>> = {
  injection: 'injection', delivery: 'delivery', bounce: 'bounce', out_of_band: 'bounce', delay: 'deferral',
  spam_complaint: 'complaint', open: 'open', initial_open: 'open', amp_open: 'open', amp_initial_open: 'open',
  click: 'click', amp_click: 'click', list_unsubscribe: 'unsubscribe', link_unsubscribe: 'unsubscribe',
};

/**
 * "Bounce Classification Codes" (https://support.sparkpost.com/docs/deliverability/bounce-classification-codes)
 * → what Rebound counts. 10 Invalid Recipient and 30 Generic Bounce: No RCPT → hard; 15 Recipient Refused (in the
 * Momentum classification SparkPost's codes come from, listed in Adobe's "Email error types",
 * https://experienceleague.adobe.com/en/docs/journey-optimizer/using/configuration/monitor-reputation/email-error-types)
 * → hard; 50 Mail Block, 51 Spam Block, 52 Spam Content, 53 Prohibited Attachment, 54 Relaying Denied → block;
 * 1 Undetermined, 20–24 soft bounces, 40 Generic Bounce, 70 Transient Failure → soft. Not bounces of the message:
 * 25 Admin Failure and 26 Smart Send Suppression (SparkPost's own policy never sent it), 60 Auto-Reply (it was
 * delivered), 80 Subscribe and 100 Challenge-Response (requests, not failures) → ignored; 90 Unsubscribe (a
 * request to unsubscribe sent by mail) → an unsubscribe. Another code → soft, counted.
 */
export const SPARKPOST_CLASSES: Readonly<Record<string, { type: 'bounce'; bounce_class: string } | { type: 'unsubscribe' } | null>> = {
  ...Object.fromEntries(['10', '15', '30'].map((c) => [c, { type: 'bounce', bounce_class: 'hard' }])),
  ...Object.fromEntries(['50', '51', '52', '53', '54'].map((c) => [c, { type: 'bounce', bounce_class: 'block' }])),
  ...Object.fromEntries(['1', '20', '21', '22', '23', '24', '40', '70'].map((c) => [c, { type: 'bounce', bounce_class: 'soft' }])),
  ...Object.fromEntries(['25', '26', '60', '80', '100'].map((c) => [c, null])),
  90: { type: 'unsubscribe' },
};

const digest = (s: string) => createHash('sha256').update(s).digest();

/** HTTP basic auth against configured credentials (SparkPost, Postmark), in constant time. */
export function basicAuth(req: WebhookRequest, creds: { user: string; password: string } | null): { ok: true } | { ok: false; reason: string } {
  const m = /^Basic\s+(\S+)$/i.exec(req.header('authorization') ?? '');
  if (!m?.[1] || !creds) return { ok: false, reason: 'basic authentication is required' };
  // Hashing both sides gives equal lengths, so the comparison's time says nothing about the credentials.
  const given = digest(Buffer.from(m[1], 'base64').toString('utf8'));
  return timingSafeEqual(given, digest(`${creds.user}:${creds.password}`)) ? { ok: true } : { ok: false, reason: 'wrong credentials' };
}

export const sparkpost: EspAdapter = {
  name: 'sparkpost',
  configured: (w) => w.sparkpost !== null,
  verify: async (req, w) => basicAuth(req, w.sparkpost),
  parse: (body, ctx) => {
    const items = Array.isArray(body) ? body : isObject(body) && 'msys' in body ? [body] : null;
    if (!items) throw new MalformedPayload('a SparkPost payload is a JSON array of { "msys": {...} }');
    const out = new ParsedBuilder();
    for (const item of items) {
      if (!isObject(item) || !isObject(item.msys)) throw new MalformedPayload('every SparkPost item is { "msys": {...} }');
      for (const [key, e] of Object.entries(item.msys)) {
        const kind = isObject(e) ? str(e.type) : undefined;
        let type = lookup(SPARKPOST_TYPES, kind);
        if (!isObject(e) || !type || !kind) {
          out.ignored++;
          continue;
        }
        let bounce_class: string | undefined;
        if (type === 'bounce') {
          const code = str(e.bounce_class);
          const c = lookup(SPARKPOST_CLASSES, code);
          if (c === null) {
            out.ignored++;
            continue;
          }
          if (c === undefined) out.defaulted.push(`bounce_class=${code ?? ''}`);
          type = c?.type ?? 'bounce';
          bounce_class = c && c.type === 'bounce' ? c.bounce_class : c ? undefined : 'soft';
        }
        const meta = isObject(e.rcpt_meta) ? e.rcpt_meta : {};
        const metadata = isObject(e.metadata) ? e.metadata : {};
        const pick = (name: string, arg?: string): string | undefined => {
          if (name === 'meta:') return arg === undefined ? undefined : str(meta[arg]) ?? str(metadata[arg]);
          if (name === 'from_domain') return domainOf(e.friendly_from) ?? domainOf(e.msg_from);
          return str(e[name]);
        };
        const timestamp = timeOf(e.timestamp);
        out.add(event({
          event_id: eventIdentity('sparkpost', str(e.event_id), kind), type, timestamp, ...resolveSendAndStream(ctx.sources, pick, timestamp),
          recipient: e.rcpt_to, bounce_class, smtp_code: smtpCodeOf(e.error_code, e.raw_reason, e.reason),
          diagnostic: str(e.raw_reason) ?? str(e.reason), message_id: str(e.message_id),
        }), [{ msys: { [key]: e } }]);
      }
    }
    return out;
  },
};
