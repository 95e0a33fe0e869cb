// SendGrid Event Webhook (Twilio SendGrid docs: "Getting Started with the Event Webhook Security Features",
// https://www.twilio.com/docs/sendgrid/for-developers/tracking-events/getting-started-event-webhook-security-features,
// and "Event Webhook Reference", https://www.twilio.com/docs/sendgrid/for-developers/tracking-events/event).
// The signature is ECDSA (P-256, SHA-256) over the timestamp header followed by the raw body, checked with the
// verification key SendGrid shows (base64 DER SubjectPublicKeyInfo); the signed timestamp must be fresh
// (WEBHOOK_MAX_AGE_MINUTES), so a captured post cannot be re-sent later.
//
// send_id and stream come from the configured fallbacks (fallbacks.ts; docs/webhooks.md): custom args (top-level
// fields), singlesend_id, marketing_campaign_id, category, pool, asm_group_id.
import { createPublicKey, verify, type KeyObject } from 'node:crypto';
import {
  event, eventIdentity, isObject, lookup, MalformedPayload, ParsedBuilder, smtpCodeOf, staleness, str, timeOf, type EspAdapter,
} from './common.ts';
import { resolveSendAndStream } from './fallbacks.ts';

export const SIGNATURE_HEADER = 'x-twilio-email-event-webhook-signature';
export const TIMESTAMP_HEADER = 'x-twilio-email-event-webhook-timestamp';

// SendGrid event → Rebound event type (Event Webhook Reference). "dropped" never left SendGrid (suppressed or invalid)
// and is not an injection; "group_resubscribe" is not something Rebound measures: both are ignored.
export const SENDGRID_TYPES: Readonly<Record<string, string>> = {
  processed: 'injection', delivered: 'delivery', bounce: 'bounce', deferred: 'deferral', spamreport: 'complaint',
  unsubscribe: 'unsubscribe', group_unsubscribe: 'unsubscribe', open: 'open', click: 'click',
};

// "Bounce and Block Classifications" (https://www.twilio.com/docs/sendgrid/ui/analytics-and-reporting/bounce-and-block-classifications;
// the enum of bounce_classification in the Bounces API: Content, Frequency or Volume Too High, Invalid Address,
// Mailbox Unavailable, Reputation, Technical Failure, Unclassified). Invalid Address → hard (the mailbox does not
// exist); Reputation, Content and Frequency or Volume Too High → block (the receiver refused the sender or the
// message, not the mailbox); Technical Failure and Mailbox Unavailable → soft (the address may take mail later).
// Unclassified says nothing, so SendGrid's own split decides: `type` "blocked" → block, "bounce" → hard.
export const SENDGRID_CLASSIFICATION: Readonly<Record<string, string | null>> = {
  'Invalid Address': 'hard', Reputation: 'block', Content: 'block', 'Frequency or Volume Too High': 'block',
  'Technical Failure': 'soft', 'Mailbox Unavailable': 'soft', Unclassified: null,
};

function bounceClass(e: Record<string, unknown>, defaulted: string[]): string {
  const classification = str(e.bounce_classification);
  const c = lookup(SENDGRID_CLASSIFICATION, classification);
  if (c) return c;
  if (classification !== undefined && c === undefined) defaulted.push(`bounce_classification=${classification}`);
  // Without a usable classification: type "blocked" → block; type "bounce" (a permanent failure SendGrid adds to
  // its bounce list), or none, → hard.
  return str(e.type) === 'blocked' ? 'block' : 'hard';
}

/** A custom argument: SendGrid puts them at the top level (older payloads: inside `unique_args`). */
function customArg(e: Record<string, unknown>, name: string): string | undefined {
  return str(e[name]) ?? (isObject(e.unique_args) ? str(e.unique_args[name]) : undefined);
}

const keys = new Map<string, KeyObject>();
function publicKey(configured: string): KeyObject {
  let k = keys.get(configured);
  if (!k) {
    k = configured.includes('BEGIN PUBLIC KEY')
      ? createPublicKey(configured)
      : createPublicKey({ key: Buffer.from(configured.replace(/\s+/g, ''), 'base64'), format: 'der', type: 'spki' });
    keys.set(configured, k);
  }
  return k;
}

export const sendgrid: EspAdapter = {
  name: 'sendgrid',
  configured: (w) => w.sendgridPublicKey !== null,
  verify: async (req, w, deps) => {
    const signature = req.header(SIGNATURE_HEADER);
    const timestamp = req.header(TIMESTAMP_HEADER);
    if (!signature || !timestamp) return { ok: false, reason: `the ${SIGNATURE_HEADER} and ${TIMESTAMP_HEADER} headers are required` };
    const key = publicKey(w.sendgridPublicKey ?? '');
    const ok = verify('sha256', Buffer.concat([Buffer.from(timestamp, 'utf8'), req.body]), key, Buffer.from(signature, 'base64'));
    if (!ok) return { ok: false, reason: 'the signature does not match the body' };
    // Checked after the signature: an unsigned claim about time is not worth an answer.
    const stale = staleness(/^\d+$/.test(timestamp) ? Number(timestamp) : NaN, deps.now(), w.maxAgeSeconds, `the signed timestamp (${TIMESTAMP_HEADER})`);
    return stale ? { ok: false, reason: stale } : { ok: true };
  },
  parse: (body, ctx) => {
    if (!Array.isArray(body)) throw new MalformedPayload('a SendGrid payload is a JSON array of events');
    const out = new ParsedBuilder();
    for (const e of body) {
      if (!isObject(e)) throw new MalformedPayload('every SendGrid event must be a JSON object');
      const kind = str(e.event);
      const type = lookup(SENDGRID_TYPES, kind);
      if (!type || !kind) {
        out.ignored++;
        continue;
      }
      const categories = Array.isArray(e.category) ? e.category : [e.category];
      const pick = (name: string, arg?: string): string | undefined => {
        if (name === 'arg:') return arg === undefined ? undefined : customArg(e, arg);
        if (name === 'category') return str(categories[0]);
        if (name === 'pool') return isObject(e.pool) ? str(e.pool.name) : undefined;
        return str(e[name]);
      };
      const timestamp = timeOf(e.timestamp);
      // A bounce and a block are both event "bounce"; SendGrid's `type` tells them apart.
      const identityKind = kind === 'bounce' && str(e.type) === 'blocked' ? 'blocked' : kind;
      out.add(event({
        event_id: eventIdentity('sendgrid', str(e.sg_event_id), identityKind), type, timestamp,
        ...resolveSendAndStream(ctx.sources, pick, timestamp), recipient: e.email,
        bounce_class: type === 'bounce' ? bounceClass(e, out.defaulted) : undefined,
        smtp_code: smtpCodeOf(e.reason, e.response, e.status), diagnostic: str(e.reason) ?? str(e.response),
        message_id: str(e.sg_message_id),
      }), [e]);
    }
    return out;
  },
};
