// SendGrid Event Webhook (Twilio SendGrid docs: "Getting Started with the Event Webhook Security Features" and
// "Event Webhook Reference"). The signature is ECDSA (P-256, SHA-256) over the timestamp header followed by the
// raw body, checked with the verification key SendGrid shows (base64 DER SubjectPublicKeyInfo).
// No freshness limit on the timestamp: SendGrid retries failed posts for up to 72 hours with the original
// signature, and a replayed event is harmless (events are stored once by sg_event_id).
//
// Where things come from: send_id = custom arg `send_id` (custom args appear as top-level fields), else
// `singlesend_id`, else `marketing_campaign_id`; stream = custom arg `stream`, else the first `category`.
// An event with neither is rejected and listed, not guessed.
import { createPublicKey, verify, type KeyObject } from 'node:crypto';
import { event, isObject, lookup, MalformedPayload, smtpCodeOf, str, timeOf, type EspAdapter, type EventRecord } from './common.ts';

export const SIGNATURE_HEADER = 'x-twilio-email-event-webhook-signature';
export const TIMESTAMP_HEADER = 'x-twilio-email-event-webhook-timestamp';

// SendGrid event → SPEC 3.1 type. "dropped" never left SendGrid (suppressed) and is not an injection.
const TYPES: Readonly<Record<string, string>> = {
  processed: 'injection', delivered: 'delivery', bounce: 'bounce', deferred: 'deferral', spamreport: 'complaint',
  unsubscribe: 'unsubscribe', group_unsubscribe: 'unsubscribe', open: 'open', click: 'click',
};

// "Bounce and Block Classifications" (SendGrid docs): Invalid Address → hard; Reputation and Content → block
// (the receiver refused the sender or the message, not the mailbox); Technical, Mailbox Unavailable, Frequency
// or Volume Too High and Unclassified → soft (the address may accept mail later).
const CLASSIFICATION: Readonly<Record<string, string>> = {
  'invalid address': 'hard', reputation: 'block', content: 'block', technical: 'soft', 'mailbox unavailable': 'soft',
  'frequency or volume too high': 'soft', unclassified: 'soft',
};

function bounceClass(e: Record<string, unknown>): string | undefined {
  const c = lookup(CLASSIFICATION, str(e.bounce_classification)?.toLowerCase());
  if (c) return c;
  // Without a classification: event "bounce" with type "blocked" is a block, type "bounce" a hard bounce
  // (SendGrid's own split in the Event Webhook Reference).
  const t = str(e.type)?.toLowerCase();
  return t === 'blocked' ? 'block' : t === 'bounce' ? 'hard' : undefined;
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
  verify: async (req, w) => {
    const signature = req.header(SIGNATURE_HEADER);
    const timestamp = req.header(TIMESTAMP_HEADER);
    if (!signature || !timestamp) return { ok: false, reason: `the ${SIGNATURE_HEADER} and ${TIMESTAMP_HEADER} headers are required` };
    const key = publicKey(w.sendgridPublicKey ?? '');
    const ok = verify('sha256', Buffer.concat([Buffer.from(timestamp, 'utf8'), req.body]), key, Buffer.from(signature, 'base64'));
    return ok ? { ok: true } : { ok: false, reason: 'the signature does not match the body' };
  },
  parse: (body) => {
    if (!Array.isArray(body)) throw new MalformedPayload('a SendGrid payload is a JSON array of events');
    const events: EventRecord[] = [];
    let ignored = 0;
    for (const e of body) {
      if (!isObject(e)) throw new MalformedPayload('every SendGrid event must be a JSON object');
      const type = lookup(TYPES, str(e.event));
      if (!type) {
        ignored++;
        continue;
      }
      const category = Array.isArray(e.category) ? str(e.category[0]) : str(e.category);
      events.push(event({
        event_id: str(e.sg_event_id), type, timestamp: timeOf(e.timestamp),
        send_id: str(e.send_id) ?? str(e.singlesend_id) ?? str(e.marketing_campaign_id),
        stream: str(e.stream) ?? category, recipient: e.email,
        bounce_class: type === 'bounce' ? bounceClass(e) : undefined,
        smtp_code: smtpCodeOf(e.reason, e.response), diagnostic: str(e.reason) ?? str(e.response),
        message_id: str(e.sg_message_id),
      }));
    }
    return { events, ignored };
  },
};
