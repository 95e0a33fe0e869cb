// Mailgun webhooks (Mailgun docs: "Securing Webhooks", https://documentation.mailgun.com/docs/mailgun/user-manual/webhooks/securing-webhooks,
// and "Events", https://documentation.mailgun.com/docs/mailgun/user-manual/events/). The payload is
// { signature: { timestamp, token, signature }, "event-data": {...} }; the signature is the hex HMAC-SHA256 of
// timestamp + token under the HTTP webhook signing key. It does not cover the event data, so as Mailgun advises a
// stale timestamp is refused and a token seen before is refused (token-cache.ts): a captured signature cannot
// carry other events.
//
// send_id and stream come from the configured fallbacks (fallbacks.ts): user-variables (X-Mailgun-Variables), the
// first tag, the first campaign, the From header's domain, the envelope sender's domain, the sending IP.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { domainOf, event, eventIdentity, isObject, jsonBody, lookup, MalformedPayload, ParsedBuilder, smtpCodeOf, staleness, str, timeOf, type EspAdapter } from './common.ts';
import { resolveSendAndStream } from './fallbacks.ts';

/**
 * "failed" events: severity "temporary" is a deferral (Mailgun retries). Permanent failures by `reason`: "bounce"
 * and "hardfail" → hard (the receiver refused the address); "espblock" and "blacklisted" → block (the receiver
 * refused the sender); "old" (retried until it expired), "generic" and "greylisted" → soft. "suppress-bounce",
 * "suppress-complaint" and "suppress-unsubscribe" mean Mailgun did not send at all (the address is on a
 * suppression list), so they are not new bounces: ignored. Another reason → soft, counted.
 */
export const MAILGUN_FAILED: Readonly<Record<string, string | null>> = {
  bounce: 'hard', hardfail: 'hard', espblock: 'block', blacklisted: 'block', old: 'soft', generic: 'soft', greylisted: 'soft',
  'suppress-bounce': null, 'suppress-complaint': null, 'suppress-unsubscribe': null,
};

function failed(e: Record<string, unknown>, defaulted: string[]): { type: string; bounce_class?: string } | null {
  if (str(e.severity) === 'temporary') return { type: 'deferral' };
  const reason = str(e.reason) ?? 'generic';
  const c = lookup(MAILGUN_FAILED, reason);
  if (c === null) return null;
  if (c === undefined) defaulted.push(`reason=${reason}`);
  return { type: 'bounce', bounce_class: c ?? 'soft' };
}

// "rejected" (Mailgun refused to send) and "stored" are not deliveries of anything: ignored.
export const MAILGUN_TYPES: Readonly<Record<string, string>> = {
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
    const expected = createHmac('sha256', w.mailgunSigningKey ?? '').update(timestamp + token).digest();
    const given = Buffer.from(signature, 'hex');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'the signature does not match' };
    const signedAt = /^\d+$/.test(timestamp) ? Number(timestamp) : NaN;
    const stale = staleness(signedAt, deps.now(), w.maxAgeSeconds, 'the signature timestamp');
    if (stale) return { ok: false, reason: stale };
    const claim = await deps.tokens.claim('mailgun', token, deps.now().getTime(), (signedAt + w.maxAgeSeconds) * 1000 + 1);
    if (!claim) {
      return { ok: false, reason: 'the signature token was used before (a replayed post); Mailgun signs every post with a new token' };
    }
    return { ok: true, release: () => deps.tokens.release(claim), claims: [claim] };
  },
  parse: (body, ctx) => {
    const e = isObject(body) ? body['event-data'] : undefined;
    if (!isObject(e)) throw new MalformedPayload('a Mailgun payload has an "event-data" object');
    const out = new ParsedBuilder();
    const kind = str(e.event) ?? '';
    const type = lookup(MAILGUN_TYPES, kind);
    const mapped = kind === 'failed' ? failed(e, out.defaulted) : type ? { type } : null;
    if (!mapped) {
      out.ignored++;
      return out;
    }
    const vars = isObject(e['user-variables']) ? e['user-variables'] : {};
    const tags = Array.isArray(e.tags) ? e.tags : [];
    const campaigns = Array.isArray(e.campaigns) ? e.campaigns : [];
    const headers = isObject(e.message) && isObject(e.message.headers) ? e.message.headers : {};
    const envelope = isObject(e.envelope) ? e.envelope : {};
    const status = isObject(e['delivery-status']) ? e['delivery-status'] : {};
    const pick = (name: string, arg?: string): string | undefined => {
      if (name === 'var:') return arg === undefined ? undefined : str(vars[arg]);
      if (name === 'tag') return str(tags[0]);
      if (name === 'campaign') return isObject(campaigns[0]) ? str(campaigns[0].id) ?? str(campaigns[0].name) : str(campaigns[0]);
      if (name === 'from_domain') return domainOf(headers.from);
      if (name === 'sender_domain') return domainOf(envelope.sender);
      if (name === 'sending_ip') return str(envelope['sending-ip']);
      return undefined;
    };
    const timestamp = timeOf(e.timestamp);
    out.add(event({
      event_id: eventIdentity('mailgun', str(e.id), kind), type: mapped.type, timestamp, ...resolveSendAndStream(ctx.sources, pick, timestamp),
      recipient: e.recipient, bounce_class: mapped.bounce_class, smtp_code: smtpCodeOf(status.code),
      diagnostic: str(status.description) ?? str(status.message), message_id: str(headers['message-id']),
    }), body);
    return out;
  },
};
