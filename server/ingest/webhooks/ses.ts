// Amazon SES event notifications delivered by Amazon SNS (SES Developer Guide: "Contents of event data that
// Amazon SES publishes to Amazon SNS" and "Amazon SNS notification contents"). Authentication is the SNS message
// signature (sns-verify.ts) plus the allow-list of topic ARNs (SES_SNS_TOPIC_ARNS): a valid signature only
// proves that *some* SNS topic sent it.
//
// Where things come from: send_id = SES message tag `send_id` (mail.tags, set with X-SES-MESSAGE-TAGS or the
// SendEmail Tags), else tag `campaign`; stream = tag `stream`, else the domain of mail.source (the From
// address). event_id = the SNS MessageId and the recipient's position, so a redelivered notification (SNS is
// at-least-once) is stored once.
import { event, isObject, jsonBody, MalformedPayload, smtpCodeOf, str, timeOf, domainOf, type EspAdapter, type EventRecord } from './common.ts';
import { snsMessage, verifySns } from './sns-verify.ts';

/**
 * SES bounce types ("Bounce types", SES Developer Guide): every Permanent subtype (General, NoEmail, Suppressed,
 * OnAccountSuppressionList) means the address will not take mail → hard. Transient/ContentRejected and
 * AttachmentRejected → block (the receiver refused this message's content); other Transient (General,
 * MailboxFull, MessageTooLarge) and Undetermined → soft.
 */
export function sesBounceClass(type: unknown, subType: unknown): string {
  if (type === 'Permanent') return 'hard';
  if (subType === 'ContentRejected' || subType === 'AttachmentRejected') return 'block';
  return 'soft';
}

const tag = (tags: Record<string, unknown>, name: string) => (Array.isArray(tags[name]) ? str((tags[name] as unknown[])[0]) : undefined);
const addresses = (list: unknown, field?: string): unknown[] =>
  Array.isArray(list) ? list.map((x) => (field && isObject(x) ? x[field] : x)) : [];

/** The SES event inside an SNS notification → its canonical events, one per recipient it names. */
export function sesEvents(snsMessageId: string, m: Record<string, unknown>): { events: EventRecord[]; ignored: number } {
  const kind = str(m.eventType) ?? str(m.notificationType) ?? '';
  const mail = isObject(m.mail) ? m.mail : {};
  const tags = isObject(mail.tags) ? mail.tags : {};
  const base = {
    send_id: tag(tags, 'send_id') ?? tag(tags, 'campaign'), stream: tag(tags, 'stream') ?? domainOf(mail.source),
    message_id: str(mail.messageId),
  };
  const detail = (k: string) => (isObject(m[k]) ? (m[k] as Record<string, unknown>) : {});
  const make = (type: string, recipients: unknown[], at: unknown, extra: (i: number) => Partial<Parameters<typeof event>[0]> = () => ({})) =>
    recipients.map((r, i) => event({ ...base, event_id: `${snsMessageId}:${i}`, type, timestamp: timeOf(at) ?? timeOf(mail.timestamp), recipient: r, ...extra(i) }));
  switch (kind) {
    case 'Send':
      return { events: make('injection', addresses(mail.destination), mail.timestamp), ignored: 0 };
    case 'Delivery': {
      const d = detail('delivery');
      return { events: make('delivery', addresses(d.recipients), d.timestamp), ignored: 0 };
    }
    case 'Bounce': {
      const b = detail('bounce');
      const list = Array.isArray(b.bouncedRecipients) ? b.bouncedRecipients.filter(isObject) : [];
      return {
        events: make('bounce', list.map((r) => r.emailAddress), b.timestamp, (i) => ({
          bounce_class: sesBounceClass(b.bounceType, b.bounceSubType),
          smtp_code: smtpCodeOf(list[i]?.diagnosticCode), diagnostic: str(list[i]?.diagnosticCode),
        })),
        ignored: 0,
      };
    }
    case 'Complaint': {
      const c = detail('complaint');
      return { events: make('complaint', addresses(c.complainedRecipients, 'emailAddress'), c.timestamp), ignored: 0 };
    }
    case 'DeliveryDelay': {
      const d = detail('deliveryDelay');
      return { events: make('deferral', addresses(d.delayedRecipients, 'emailAddress'), d.timestamp), ignored: 0 };
    }
    case 'Open':
      return { events: make('open', addresses(mail.destination).slice(0, 1), detail('open').timestamp), ignored: 0 };
    case 'Click':
      return { events: make('click', addresses(mail.destination).slice(0, 1), detail('click').timestamp), ignored: 0 };
    case 'Subscription':
      return { events: make('unsubscribe', addresses(mail.destination).slice(0, 1), detail('subscription').timestamp), ignored: 0 };
    default:
      // Reject, Rendering Failure and anything newer: nothing Rebound measures.
      return { events: [], ignored: 1 };
  }
}

export const ses: EspAdapter = {
  name: 'ses',
  configured: (w) => w.sesTopicArns !== null,
  verify: async (req, w, deps) => {
    const m = snsMessage(jsonBody(req.body));
    if (!m) return { ok: false, reason: 'not a signed Amazon SNS message' };
    if (!(w.sesTopicArns ?? []).includes(m.TopicArn)) return { ok: false, reason: `topic ${m.TopicArn} is not in SES_SNS_TOPIC_ARNS` };
    const problem = await verifySns(m, deps.fetchSigningCert);
    return problem ? { ok: false, reason: problem } : { ok: true };
  },
  parse: (body) => {
    const m = snsMessage(body);
    if (!m || m.Type !== 'Notification') throw new MalformedPayload('not an SNS notification');
    const inner = jsonBody(Buffer.from(m.Message, 'utf8'));
    if (!isObject(inner)) throw new MalformedPayload('the SNS Message is not an SES event');
    return sesEvents(m.MessageId, inner);
  },
};
