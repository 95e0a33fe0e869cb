// Every row of the per-ESP mapping tables (docs/webhooks.md), with each value spelled as the ESP's documentation
// spells it, read through the adapter as a payload of that ESP; and an unknown value mapped to the documented
// default and counted.
import { describe, expect, it } from 'vitest';
import type { EventRecord, Parsed } from '../../../server/ingest/webhooks/common.ts';
import { defaultSources, type Esp } from '../../../server/ingest/webhooks/fallbacks.ts';
import { ADAPTERS } from '../../../server/ingest/webhooks/receive.ts';

const read = (esp: Esp, body: unknown): Parsed => ADAPTERS[esp].parse(body, { sources: defaultSources(esp) });
/** What an event became: its type and bounce class, or "ignored". */
const outcome = (p: Parsed): string => {
  const e: EventRecord | undefined = p.events[0];
  return e ? [e.type, e.bounce_class].filter(Boolean).join('/') : p.ignored > 0 ? 'ignored' : 'nothing';
};

describe('SendGrid bounce_classification (Bounce and Block Classifications)', () => {
  const bounce = (bounce_classification: string | undefined, type: 'bounce' | 'blocked') => read('sendgrid', [{
    email: 'a@example.com', timestamp: 1513299569, event: 'bounce', type, category: 'c', sg_event_id: 'e', ...(bounce_classification ? { bounce_classification } : {}),
  }]);
  it.each([
    ['Invalid Address', 'bounce', 'bounce/hard'], ['Technical Failure', 'bounce', 'bounce/soft'], ['Mailbox Unavailable', 'bounce', 'bounce/soft'],
    ['Reputation', 'blocked', 'bounce/block'], ['Content', 'blocked', 'bounce/block'], ['Frequency or Volume Too High', 'blocked', 'bounce/block'],
    ['Unclassified', 'blocked', 'bounce/block'], ['Unclassified', 'bounce', 'bounce/hard'], [undefined, 'blocked', 'bounce/block'], [undefined, 'bounce', 'bounce/hard'],
  ] as const)('%s with type %s → %s', (c, type, expected) => {
    const p = bounce(c, type);
    expect(outcome(p)).toBe(expected);
    expect(p.defaulted).toEqual([]);
  });
  it('an unknown classification falls back to the type, and is counted', () => {
    const p = bounce('Something New', 'bounce');
    expect(outcome(p)).toBe('bounce/hard');
    expect(p.defaulted).toEqual(['bounce_classification=Something New']);
  });
  it.each([
    ['processed', 'injection'], ['delivered', 'delivery'], ['deferred', 'deferral'], ['spamreport', 'complaint'], ['unsubscribe', 'unsubscribe'],
    ['group_unsubscribe', 'unsubscribe'], ['open', 'open'], ['click', 'click'], ['dropped', 'ignored'], ['group_resubscribe', 'ignored'],
  ])('event %s → %s', (event, expected) => {
    expect(outcome(read('sendgrid', [{ email: 'a@example.com', timestamp: 1513299569, event, category: 'c', sg_event_id: 'e' }]))).toBe(expected);
  });
});

describe('Amazon SES (Amazon SNS notification contents: bounce types, complaint types)', () => {
  const mail = { source: 'a@example.com', destination: ['r@example.com'], messageId: 'm', timestamp: '2017-08-05T00:40:02.012Z' };
  const bounce = (bounceType: string, bounceSubType: string) => read('ses', {
    eventType: 'Bounce', mail, bounce: { bounceType, bounceSubType, timestamp: '2017-08-05T00:41:02.669Z', bouncedRecipients: [{ emailAddress: 'r@example.com' }] },
  });
  it.each([
    ['Permanent', 'General', 'bounce/hard'], ['Permanent', 'NoEmail', 'bounce/hard'], ['Permanent', 'Suppressed', 'bounce/hard'],
    ['Permanent', 'OnAccountSuppressionList', 'ignored'], ['Transient', 'General', 'bounce/soft'], ['Transient', 'MailboxFull', 'bounce/soft'],
    ['Transient', 'MessageTooLarge', 'bounce/soft'], ['Transient', 'ContentRejected', 'bounce/block'], ['Transient', 'AttachmentRejected', 'bounce/block'],
    ['Undetermined', 'Undetermined', 'bounce/soft'],
  ])('%s/%s → %s', (type, sub, expected) => {
    const p = bounce(type, sub);
    expect(outcome(p)).toBe(expected);
    expect(p.defaulted).toEqual([]);
  });
  it('an unknown subtype is soft, and counted', () => {
    const p = bounce('Transient', 'SomethingNew');
    expect(outcome(p)).toBe('bounce/soft');
    expect(p.defaulted).toEqual(['bounceType/bounceSubType=Transient/SomethingNew']);
  });
  it.each([['abuse', 'complaint'], ['auth-failure', 'complaint'], ['fraud', 'complaint'], ['other', 'complaint'], ['virus', 'complaint'], ['not-spam', 'ignored']])(
    'complaintFeedbackType %s → %s',
    (complaintFeedbackType, expected) => {
      expect(outcome(read('ses', { notificationType: 'Complaint', mail, complaint: { complaintFeedbackType, timestamp: '2017-08-05T00:41:02.669Z', complainedRecipients: [{ emailAddress: 'r@example.com' }] } }))).toBe(expected);
    },
  );
  it('the SMTP code comes from the diagnosticCode ("smtp; 550 5.1.1 …")', () => {
    const p = read('ses', { eventType: 'Bounce', mail, bounce: { bounceType: 'Permanent', bounceSubType: 'General', bouncedRecipients: [{ emailAddress: 'r@example.com', diagnosticCode: 'smtp; 550 5.1.1 user unknown' }] } });
    expect(p.events[0]).toMatchObject({ smtp_code: 550, diagnostic: 'smtp; 550 5.1.1 user unknown' });
  });
});

describe('Mailgun failed events (Events reference: severity, reason)', () => {
  const failed = (severity: string, reason: string) => read('mailgun', {
    'event-data': { event: 'failed', severity, reason, id: 'i', timestamp: 1521233195.375624, recipient: 'r@example.com', message: { headers: { from: 'b@example.com' } } },
  });
  it.each([
    ['permanent', 'bounce', 'bounce/hard'], ['permanent', 'hardfail', 'bounce/hard'], ['permanent', 'espblock', 'bounce/block'],
    ['permanent', 'blacklisted', 'bounce/block'], ['permanent', 'old', 'bounce/soft'], ['permanent', 'generic', 'bounce/soft'],
    ['permanent', 'greylisted', 'bounce/soft'], ['permanent', 'suppress-bounce', 'ignored'], ['permanent', 'suppress-complaint', 'ignored'],
    ['permanent', 'suppress-unsubscribe', 'ignored'], ['temporary', 'generic', 'deferral'],
  ])('%s %s → %s', (severity, reason, expected) => expect(outcome(failed(severity, reason))).toBe(expected));
  it('an unknown reason is soft, and counted', () => {
    const p = failed('permanent', 'something-new');
    expect(outcome(p)).toBe('bounce/soft');
    expect(p.defaulted).toEqual(['reason=something-new']);
  });
});

describe('SparkPost bounce_class (Bounce Classification Codes)', () => {
  const bounce = (bounce_class: string) => read('sparkpost', [{ msys: { message_event: {
    type: 'bounce', bounce_class, event_id: 'e', timestamp: '1454442600', rcpt_to: 'r@example.com', sending_domain: 'example.com', campaign_id: 'c',
  } } }]);
  it.each([
    ['1', 'bounce/soft'], ['10', 'bounce/hard'], ['15', 'bounce/hard'], ['20', 'bounce/soft'], ['21', 'bounce/soft'], ['22', 'bounce/soft'],
    ['23', 'bounce/soft'], ['24', 'bounce/soft'], ['25', 'ignored'], ['26', 'ignored'], ['30', 'bounce/hard'], ['40', 'bounce/soft'],
    ['50', 'bounce/block'], ['51', 'bounce/block'], ['52', 'bounce/block'], ['53', 'bounce/block'], ['54', 'bounce/block'], ['60', 'ignored'],
    ['70', 'bounce/soft'], ['80', 'ignored'], ['90', 'unsubscribe'], ['100', 'ignored'],
  ])('%s → %s', (code, expected) => {
    const p = bounce(code);
    expect(outcome(p)).toBe(expected);
    expect(p.defaulted).toEqual([]);
  });
  it('an unknown class is soft, and counted', () => {
    const p = bounce('42');
    expect(outcome(p)).toBe('bounce/soft');
    expect(p.defaulted).toEqual(['bounce_class=42']);
  });
});

describe('Postmark (Bounce types: TypeCode)', () => {
  const bounce = (TypeCode: number, Type: string) => read('postmark', {
    RecordType: 'Bounce', ID: 1, Type, TypeCode, MessageID: 'm', Email: 'r@example.com', BouncedAt: '2019-11-05T16:33:54Z', MessageStream: 'outbound', Tag: 't',
  });
  it.each([
    [1, 'HardBounce', 'bounce/hard'], [2, 'Transient', 'deferral'], [16, 'Unsubscribe', 'unsubscribe'], [32, 'Subscribe', 'ignored'],
    [64, 'AutoResponder', 'ignored'], [128, 'AddressChange', 'ignored'], [256, 'DnsError', 'bounce/soft'], [512, 'SpamNotification', 'bounce/block'],
    [1024, 'OpenRelayTest', 'ignored'], [2048, 'Unknown', 'bounce/soft'], [4096, 'SoftBounce', 'bounce/soft'], [8192, 'VirusNotification', 'bounce/block'],
    [16384, 'ChallengeVerification', 'ignored'], [100000, 'BadEmailAddress', 'bounce/hard'], [100001, 'SpamComplaint', 'complaint'],
    [100002, 'ManuallyDeactivated', 'ignored'], [100003, 'Unconfirmed', 'ignored'], [100006, 'Blocked', 'bounce/block'], [100007, 'SMTPApiError', 'ignored'],
    [100008, 'InboundError', 'ignored'], [100009, 'DMARCPolicy', 'bounce/block'], [100010, 'TemplateRenderingFailed', 'ignored'],
  ])('%s %s → %s', (code, type, expected) => {
    const p = bounce(code, type);
    expect(outcome(p)).toBe(expected);
    expect(p.defaulted).toEqual([]);
  });
  it('an unknown TypeCode is soft, and counted', () => {
    const p = bounce(99, 'New');
    expect(outcome(p)).toBe('bounce/soft');
    expect(p.defaulted).toEqual(['TypeCode=99']);
  });
  it.each([
    [{ SuppressSending: true, SuppressionReason: 'ManualSuppression' }, 'unsubscribe'], [{ SuppressSending: true, SuppressionReason: 'HardBounce' }, 'ignored'],
    [{ SuppressSending: true, SuppressionReason: 'SpamComplaint' }, 'ignored'], [{ SuppressSending: false, SuppressionReason: null }, 'ignored'],
  ])('SubscriptionChange %o → %s', (change, expected) => {
    expect(outcome(read('postmark', { RecordType: 'SubscriptionChange', MessageID: 'm', Recipient: 'r@example.com', ChangedAt: '2020-02-01T10:53:34Z', MessageStream: 'outbound', ...change }))).toBe(expected);
  });
});
