// Amazon SES event notifications delivered by Amazon SNS (SES Developer Guide: "Contents of event data that
// Amazon SES publishes to Amazon SNS", https://docs.aws.amazon.com/ses/latest/dg/event-publishing-retrieving-sns-contents.html,
// and "Amazon SNS notification contents for Amazon SES", https://docs.aws.amazon.com/ses/latest/dg/notification-contents.html).
// Authentication is the SNS message signature (sns-verify.ts), a fresh SNS Timestamp, and the allow-list of topic
// ARNs (SES_SNS_TOPIC_ARNS): a valid signature only proves that *some* SNS topic sent it.
//
// send_id and stream come from the configured fallbacks (fallbacks.ts): message tags (mail.tags, set with
// X-SES-MESSAGE-TAGS or the SendEmail Tags), the configuration set, the From domain (mail.source), the source IP.
// An event's identity is the SNS MessageId, the recipient's position and the SES event type: SNS is at-least-once,
// and a redelivered notification is stored once.
import { domainOf, event, eventIdentity, isObject, jsonBody, lookup, MalformedPayload, ParsedBuilder, smtpCodeOf, staleness, str, timeOf, type EspAdapter, type ParseContext, type Parsed } from './common.ts';
import { resolveSendAndStream } from './fallbacks.ts';
import { snsMessage, verifySns } from './sns-verify.ts';

/**
 * SES bounce types ("Bounce types" in the notification contents page): Permanent General, NoEmail and Suppressed
 * (SES's global suppression list: the address bounced recently) → hard; Permanent OnAccountSuppressionList → not a
 * bounce (SES never sent it, and documents that it does not count toward the bounce rate); Transient
 * ContentRejected and AttachmentRejected → block (the receiver refused this message's content); Transient General,
 * MailboxFull, MessageTooLarge and Undetermined → soft. An unknown type or subtype → soft, counted.
 */
const SES_BOUNCE: Readonly<Record<string, string | null>> = {
  'Permanent/General': 'hard', 'Permanent/NoEmail': 'hard', 'Permanent/Suppressed': 'hard', 'Permanent/OnAccountSuppressionList': null,
  'Transient/General': 'soft', 'Transient/MailboxFull': 'soft', 'Transient/MessageTooLarge': 'soft',
  'Transient/ContentRejected': 'block', 'Transient/AttachmentRejected': 'block', 'Undetermined/Undetermined': 'soft',
};
export function sesBounceClass(type: unknown, subType: unknown, defaulted: string[] = []): string | null {
  const key = `${str(type)}/${str(subType)}`;
  const c = lookup(SES_BOUNCE, key);
  if (c !== undefined) return c;
  defaulted.push(`bounceType/bounceSubType=${key}`);
  return 'soft';
}

/** complaintFeedbackType (the ARF feedback types SES documents): "not-spam" corrects an earlier report, not a complaint. */
export const SES_NOT_A_COMPLAINT = 'not-spam';

const SES_TYPES: Readonly<Record<string, string>> = {
  Send: 'injection', Delivery: 'delivery', Bounce: 'bounce', Complaint: 'complaint', DeliveryDelay: 'deferral',
  Open: 'open', Click: 'click', Subscription: 'unsubscribe',
};

const addresses = (list: unknown, field?: string): unknown[] =>
  Array.isArray(list) ? list.map((x) => (field && isObject(x) ? x[field] : x)) : [];

/** The SES event inside an SNS notification → its canonical events, one per recipient it names. */
export function sesEvents(snsMessageId: string, m: Record<string, unknown>, ctx: ParseContext, envelope: unknown = m): Parsed {
  const out = new ParsedBuilder();
  const kind = str(m.eventType) ?? str(m.notificationType) ?? '';
  const type = lookup(SES_TYPES, kind);
  const mail = isObject(m.mail) ? m.mail : {};
  const tags = isObject(mail.tags) ? mail.tags : {};
  const tag = (name: string) => (Array.isArray(tags[name]) ? str((tags[name] as unknown[])[0]) : undefined);
  const headers = isObject(mail.commonHeaders) ? mail.commonHeaders : {};
  const pick = (name: string, arg?: string): string | undefined => {
    if (name === 'tag:') return arg === undefined ? undefined : tag(arg);
    if (name === 'configuration_set') return tag('ses:configuration-set');
    if (name === 'source_ip') return tag('ses:source-ip');
    if (name === 'from_domain') return domainOf(mail.source) ?? domainOf(addresses(headers.from)[0]);
    return undefined;
  };
  const detail = (k: string) => (isObject(m[k]) ? (m[k] as Record<string, unknown>) : {});
  const make = (recipients: unknown[], at: unknown, extra: (i: number) => Partial<Parameters<typeof event>[0]> | null = () => ({})) =>
    recipients.forEach((r, i) => {
      const more = extra(i);
      if (!type || more === null) {
        out.ignored++;
        return;
      }
      const timestamp = timeOf(at) ?? timeOf(mail.timestamp);
      out.add(event({
        event_id: eventIdentity('ses', `${snsMessageId}:${i}`, kind), type, timestamp, ...resolveSendAndStream(ctx.sources, pick, timestamp),
        recipient: r, message_id: str(mail.messageId), ...more,
      }), envelope, out.events.length);
    });
  switch (kind) {
    case 'Send':
      make(addresses(mail.destination), mail.timestamp);
      break;
    case 'Delivery':
      make(addresses(detail('delivery').recipients), detail('delivery').timestamp);
      break;
    case 'Bounce': {
      const b = detail('bounce');
      const list = Array.isArray(b.bouncedRecipients) ? b.bouncedRecipients.filter(isObject) : [];
      const cls = sesBounceClass(b.bounceType, b.bounceSubType, out.defaulted);
      make(list.map((r) => r.emailAddress), b.timestamp, (i) => (cls === null ? null : {
        bounce_class: cls, smtp_code: smtpCodeOf(list[i]?.diagnosticCode, list[i]?.status), diagnostic: str(list[i]?.diagnosticCode),
      }));
      break;
    }
    case 'Complaint': {
      const c = detail('complaint');
      const notSpam = str(c.complaintFeedbackType) === SES_NOT_A_COMPLAINT;
      make(addresses(c.complainedRecipients, 'emailAddress'), c.timestamp, () => (notSpam ? null : {}));
      break;
    }
    case 'DeliveryDelay': {
      const d = detail('deliveryDelay');
      const list = Array.isArray(d.delayedRecipients) ? d.delayedRecipients.filter(isObject) : [];
      make(list.map((r) => r.emailAddress), d.timestamp, (i) => ({ smtp_code: smtpCodeOf(list[i]?.diagnosticCode), diagnostic: str(list[i]?.diagnosticCode) }));
      break;
    }
    // Opens, clicks and unsubscribes name no recipient of their own: the message's first.
    case 'Open':
    case 'Click':
    case 'Subscription':
      make(addresses(mail.destination).slice(0, 1), detail(kind.toLowerCase()).timestamp);
      break;
    default:
      // Reject, Rendering Failure and anything newer: nothing Rebound measures.
      out.ignored++;
  }
  return out;
}

export const ses: EspAdapter = {
  name: 'ses',
  configured: (w) => w.sesTopicArns !== null,
  verify: async (req, w, deps) => {
    const m = snsMessage(jsonBody(req.body));
    if (!m) return { ok: false, reason: 'not a signed Amazon SNS message' };
    if (!(w.sesTopicArns ?? []).includes(m.TopicArn)) return { ok: false, reason: `topic ${m.TopicArn} is not in SES_SNS_TOPIC_ARNS` };
    const testCert = w.snsTestCert;
    const problem = testCert
      ? await verifySns(m, async () => testCert, { anyCertUrl: true })
      : await verifySns(m, deps.fetchSigningCert);
    if (problem) return { ok: false, reason: problem };
    const stale = staleness(Date.parse(m.Timestamp) / 1000, deps.now(), w.maxAgeSeconds, 'the SNS Timestamp');
    return stale ? { ok: false, reason: stale } : { ok: true };
  },
  parse: (body, ctx) => {
    const m = snsMessage(body);
    // A saved SES event without its SNS envelope (`rebound webhooks replay ses`) reads the same way.
    if (!m && isObject(body) && (str(body.eventType) ?? str(body.notificationType))) return sesEvents(`local:${str(isObject(body.mail) ? body.mail.messageId : '') ?? ''}`, body, ctx);
    if (!m || m.Type !== 'Notification') throw new MalformedPayload('not an SNS notification');
    const inner = jsonBody(Buffer.from(m.Message, 'utf8'));
    if (!isObject(inner)) throw new MalformedPayload('the SNS Message is not an SES event');
    return sesEvents(m.MessageId, inner, ctx, body);
  },
};
