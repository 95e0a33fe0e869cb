// Postmark webhooks (Postmark docs: "Webhooks overview", https://postmarkapp.com/developer/webhooks/webhooks-overview,
// and one page per record type: https://postmarkapp.com/developer/webhooks/bounce-webhook, …/delivery-webhook,
// …/open-tracking-webhook, …/click-webhook, …/spam-complaint-webhook, …/subscription-change-webhook). Postmark
// protects a webhook URL with HTTP basic auth (POSTMARK_WEBHOOK_USER, POSTMARK_WEBHOOK_PASSWORD); one record per
// post, its kind in RecordType.
//
// send_id and stream come from the configured fallbacks (fallbacks.ts): Metadata, Tag, MessageStream, the From
// domain (bounces only), ServerID. Postmark's ids are per message (MessageID) except a bounce's own ID, so an
// event's identity adds the recipient, and the time for opens, clicks and subscription changes (one message is
// opened many times).
import { domainOf, event, eventIdentity, isObject, lookup, MalformedPayload, ParsedBuilder, smtpCodeOf, str, timeOf, type EspAdapter } from './common.ts';
import { resolveSendAndStream } from './fallbacks.ts';
import { basicAuth } from './sparkpost.ts';

type Mapped = { type: string; bounce_class?: string } | null;
const bounce = (bounce_class: string): Mapped => ({ type: 'bounce', bounce_class });

/**
 * Bounce TypeCodes ("Bounce types", https://postmarkapp.com/developer/api/bounce-api#bounce-types): 1 HardBounce and
 * 100000 BadEmailAddress → hard; 4096 SoftBounce, 256 DnsError and 2048 Unknown → soft; 512 SpamNotification,
 * 8192 VirusNotification, 100006 Blocked and 100009 DMARCPolicy → block (the receiver refused the message or the
 * sender); 2 Transient (delayed, Postmark retries) → deferral; 16 Unsubscribe → unsubscribe; 100001 SpamComplaint →
 * complaint. Not outcomes of a delivery: 32 Subscribe, 64 AutoResponder, 128 AddressChange, 1024 OpenRelayTest,
 * 16384 ChallengeVerification, 100002 ManuallyDeactivated, 100003 Unconfirmed, 100007 SMTPApiError,
 * 100008 InboundError, 100010 TemplateRenderingFailed → ignored. Another code → soft, counted.
 */
export const POSTMARK_TYPE_CODES: Readonly<Record<string, Mapped>> = {
  1: bounce('hard'), 100000: bounce('hard'), 4096: bounce('soft'), 256: bounce('soft'), 2048: bounce('soft'),
  512: bounce('block'), 8192: bounce('block'), 100006: bounce('block'), 100009: bounce('block'),
  2: { type: 'deferral' }, 16: { type: 'unsubscribe' }, 100001: { type: 'complaint' },
  ...Object.fromEntries([32, 64, 128, 1024, 16384, 100002, 100003, 100007, 100008, 100010].map((c) => [c, null])),
};

function mapped(r: Record<string, unknown>, defaulted: string[]): Mapped {
  switch (str(r.RecordType)) {
    case 'Bounce': {
      const code = str(r.TypeCode) ?? '';
      const m = lookup(POSTMARK_TYPE_CODES, code);
      if (m !== undefined) return m;
      defaulted.push(`TypeCode=${code}`);
      return bounce('soft');
    }
    case 'SpamComplaint':
      return { type: 'complaint' };
    case 'Delivery':
      return { type: 'delivery' };
    case 'Open':
      return { type: 'open' };
    case 'Click':
      return { type: 'click' };
    case 'SubscriptionChange':
      // A suppression the recipient asked for (ManualSuppression: an unsubscribe link or the List-Unsubscribe
      // header). Suppressions for a hard bounce or a spam complaint repeat those events; a reactivation is not one.
      return r.SuppressSending === true && str(r.SuppressionReason) === 'ManualSuppression' ? { type: 'unsubscribe' } : null;
    default:
      return null;
  }
}

export const postmark: EspAdapter = {
  name: 'postmark',
  configured: (w) => w.postmark !== null,
  verify: async (req, w) => basicAuth(req, w.postmark),
  parse: (body, ctx) => {
    if (!isObject(body) || !str(body.RecordType)) throw new MalformedPayload('a Postmark payload is one JSON object with a RecordType');
    const r = body;
    const out = new ParsedBuilder();
    const kind = str(r.RecordType) as string;
    const m = mapped(r, out.defaulted);
    if (!m) {
      out.ignored++;
      return out;
    }
    const recipient = r.Recipient ?? r.Email;
    const at = r.BouncedAt ?? r.DeliveredAt ?? r.ReceivedAt ?? r.ChangedAt;
    const metadata = isObject(r.Metadata) ? r.Metadata : {};
    const pick = (name: string, arg?: string): string | undefined => {
      if (name === 'metadata:') return arg === undefined ? undefined : str(metadata[arg]);
      if (name === 'tag') return str(r.Tag);
      if (name === 'message_stream') return str(r.MessageStream);
      if (name === 'from_domain') return domainOf(r.From);
      if (name === 'server_id') return str(r.ServerID);
      return undefined;
    };
    // A bounce or complaint has an ID of its own; other records only the message's, so the recipient (and for
    // repeatable records the time) tells them apart.
    const ownId = kind === 'Bounce' || kind === 'SpamComplaint' ? str(r.ID) : undefined;
    const repeatable = kind === 'Open' || kind === 'Click' || kind === 'SubscriptionChange';
    const messageId = str(r.MessageID);
    const id = ownId ?? (messageId && repeatable ? `${messageId}@${str(at) ?? ''}` : messageId);
    const timestamp = timeOf(at);
    out.add(event({
      event_id: eventIdentity('postmark', id, kind, ownId ? undefined : recipient), type: m.type, timestamp,
      ...resolveSendAndStream(ctx.sources, pick, timestamp), recipient, bounce_class: m.bounce_class,
      smtp_code: smtpCodeOf(r.Details), diagnostic: str(r.Details) ?? str(r.Description), message_id: messageId,
    }), body);
    return out;
  },
};
