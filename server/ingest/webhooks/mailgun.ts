// Mailgun webhooks (Mailgun docs: "Webhooks" → "Securing Webhooks", and the "Events" reference). The payload is
// { signature: { timestamp, token, signature }, "event-data": {...} }; the signature is the hex HMAC-SHA256 of
// timestamp + token under the HTTP webhook signing key. A stale timestamp is refused, as Mailgun advises, so a
// captured request cannot be replayed later (a replay inside the window is idempotent: events keep their id).
//
// Where things come from: send_id = user-variables `send_id` (X-Mailgun-Variables), else the first tag;
// stream = user-variables `stream`, else the domain of the From header / envelope sender.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { domainOf, event, isObject, jsonBody, lookup, MalformedPayload, smtpCodeOf, str, timeOf, type EspAdapter, type EventRecord } from './common.ts';

// Mailgun signs each post when it sends it; 15 minutes allows for clock skew and queueing, not for replays.
export const MAILGUN_MAX_AGE_SECONDS = 15 * 60;

/**
 * Mailgun "failed" events: severity "temporary" is a deferral (Mailgun retries). Permanent failures by reason
 * ("Events" reference, reason field): "bounce" and "suppress-bounce" → hard (the address does not exist or
 * bounced before); "espblock" → block (the ESP/receiver refused the sender); "old" (retried until expiry) and
 * "generic" → soft. "suppress-complaint"/"suppress-unsubscribe" were never sent and are ignored.
 */
function failed(e: Record<string, unknown>): { type: string; bounce_class?: string } | null {
  if (str(e.severity) === 'temporary') return { type: 'deferral' };
  const reason = str(e.reason) ?? 'generic';
  if (reason === 'suppress-complaint' || reason === 'suppress-unsubscribe') return null;
  if (reason === 'bounce' || reason === 'suppress-bounce') return { type: 'bounce', bounce_class: 'hard' };
  if (reason === 'espblock') return { type: 'bounce', bounce_class: 'block' };
  return { type: 'bounce', bounce_class: 'soft' };
}

const TYPES: Readonly<Record<string, string>> = {
  accepted: 'injection', delivered: 'delivery', opened: 'open', clicked: 'click', unsubscribed: 'unsubscribe', complained: 'complaint',
};

export const mailgun: EspAdapter = {
  name: 'mailgun',
  configured: (w) => w.mailgunSigningKey !== null,
  verify: async (req, w, deps) => {
    const body = jsonBody(req.body);
    const sig = isObject(body) && isObject(body.signature) ? body.signature : null;
    const timestamp = str(sig?.timestamp);
    const token = str(sig?.token);
    const signature = str(sig?.signature);
    if (!timestamp || !token || !signature) return { ok: false, reason: 'signature.timestamp, token and signature are required' };
    const age = Math.abs(deps.now().getTime() / 1000 - Number(timestamp));
    if (!Number.isFinite(age) || age > MAILGUN_MAX_AGE_SECONDS) return { ok: false, reason: 'the signature timestamp is stale' };
    const expected = createHmac('sha256', w.mailgunSigningKey ?? '').update(timestamp + token).digest();
    const given = Buffer.from(signature, 'hex');
    return given.length === expected.length && timingSafeEqual(given, expected) ? { ok: true } : { ok: false, reason: 'the signature does not match' };
  },
  parse: (body) => {
    const e = isObject(body) ? body['event-data'] : undefined;
    if (!isObject(e)) throw new MalformedPayload('a Mailgun payload has an "event-data" object');
    const kind = str(e.event) ?? '';
    const type = lookup(TYPES, kind);
    const mapped = kind === 'failed' ? failed(e) : type ? { type } : null;
    if (!mapped) return { events: [], ignored: 1 };
    const vars = isObject(e['user-variables']) ? e['user-variables'] : {};
    const tags = Array.isArray(e.tags) ? e.tags : [];
    const message = isObject(e.message) && isObject(e.message.headers) ? e.message.headers : {};
    const envelope = isObject(e.envelope) ? e.envelope : {};
    const status = isObject(e['delivery-status']) ? e['delivery-status'] : {};
    const events: EventRecord[] = [event({
      event_id: str(e.id), type: mapped.type, timestamp: timeOf(e.timestamp),
      send_id: str(vars.send_id) ?? str(tags[0]), stream: str(vars.stream) ?? domainOf(message.from) ?? domainOf(envelope.sender),
      recipient: e.recipient, bounce_class: mapped.bounce_class, smtp_code: smtpCodeOf(status.code),
      diagnostic: str(status.description) ?? str(status.message), message_id: str(message['message-id']),
    })];
    return { events, ignored: 0 };
  },
};
