// ESP webhook bodies at scale (docs/security.md): random and adversarial payloads for SendGrid, Mailgun, SparkPost and SES,
// correctly signed so they get past the signature check and reach the parsers. Each post either is refused
// cleanly (400, nothing stored) or answers 200 with every event accepted (kept to be stored) or listed as
// rejected. A post is answered once it is on disk and loaded moments later (docs/webhooks.md, "Answered once on
// disk"), so once the load is done the store holds at most `accepted` new events, each a new identity stored once,
// and the same payload posted again through the replay route (which waits for the load) finds every accepted event
// stored already. Never a 500. The parsers are also called directly, where anything but their own MalformedPayload
// is a crash. Signatures themselves are tested in test/integration/webhooks*.test.ts.
import { createHmac, generateKeyPairSync, sign } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.ts';
import { loadConfig } from '../../server/config.ts';
import type { Services } from '../../server/context.ts';
import { ApiError } from '../../server/errors.ts';
import { MalformedPayload, type WebhookDeps } from '../../server/ingest/webhooks/common.ts';
import { ADAPTERS, receiveWebhook, type WebhookAnswer } from '../../server/ingest/webhooks/receive.ts';
import { stringToSign, type SnsMessage } from '../../server/ingest/webhooks/sns-verify.ts';

import { defaultSources } from '../../server/ingest/webhooks/fallbacks.ts';
import { Db } from '../../server/store/db.ts';
import { IDENTITY_WINDOW } from '../../server/store/ingest-merge.ts';
import { tempDir } from '../integration/helpers.ts';
import { journalSettled } from '../integration/journal-post.ts';
import { anyText, check, deepArrayJson, deepObjectJson, hostileText, runs, tableCounts, withoutLogs, wrongType } from './support.ts';

const tmp = tempDir('rebound-prop-webhooks-');
afterAll(() => tmp.cleanup());

const NOW = new Date('2026-03-03T12:00:00Z');
const ec = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
const MAILGUN_KEY = 'key-0123456789abcdef0123456789abcdef';
const SPARKPOST = { user: 'rebound', password: 'a-long-sparkpost-secret' };
const TOPIC = 'arn:aws:sns:us-east-1:123456789012:ses-events';
const ENV = {
  REBOUND_DEMO: '0',
  SENDGRID_WEBHOOK_PUBLIC_KEY: ec.publicKey.export({ type: 'spki', format: 'der' }).toString('base64'),
  MAILGUN_WEBHOOK_SIGNING_KEY: MAILGUN_KEY,
  SPARKPOST_WEBHOOK_USER: SPARKPOST.user,
  SPARKPOST_WEBHOOK_PASSWORD: SPARKPOST.password,
  SES_SNS_TOPIC_ARNS: TOPIC,
  REBOUND_TOKENS: 'viewer:viewer-token-0123456789,admin:admin-token-01234567890',
};
const ADMIN = { authorization: 'Bearer admin-token-01234567890' };
const CASES = runs(60);

// ---- adversarial pieces of ESP payloads ------------------------------------------------------------------------------

const opt = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined, freq: 4 });
const anyValue: fc.Arbitrary<unknown> = fc.oneof(hostileText(), wrongType, fc.jsonValue({ maxDepth: 2 }));
const time: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 8, arbitrary: fc.integer({ min: 1_700_000_000, max: 1_800_000_000 }) },
  { weight: 2, arbitrary: fc.constantFrom(1e20, 1e13, 8.64e12, 8.64e12 + 1, -1, 1e308, -1e308, 0, '99999999999999999', '1e400', '8640000000001', 'NaN', '', '2026-03-02T10:00:00Z', '+275760-09-13T00:00:00.001Z', 'not a date', '1772445600.5') },
  { weight: 1, arbitrary: anyValue },
);
const email: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom('ana@gmail.com', 'bo@Yahoo.co.uk', 'x@constructor', 'y@__proto__.com', 'z@toString', 'a@b@c', '<>', '@', 'Ana <ana@Outlook.com>', 'ana@gmail.com\u0000'),
  hostileText(12).map((t) => `${t}@${t}.com`),
  anyValue,
);
const longDiagnostic = fc.constantFrom('550 5.1.1 ' + 'x'.repeat(4085) + '😀 tail', '😀'.repeat(3000), '550 ' + '\u0000'.repeat(10), '\uD800 550');
const text: fc.Arbitrary<unknown> = fc.oneof({ weight: 4, arbitrary: hostileText(30) }, { weight: 1, arbitrary: longDiagnostic }, { weight: 1, arbitrary: wrongType });
const id = fc.oneof({ weight: 6, arbitrary: anyText(20).filter((s) => s.trim() !== '') }, { weight: 1, arbitrary: hostileText(20) }, { weight: 1, arbitrary: wrongType });
/** Send ids and streams that mostly pass, so a good share of events reaches the store. */
const likelyId = fc.oneof({ weight: 3, arbitrary: fc.constantFrom('spring-1', 'promo.example.com', "x'); DROP TABLE sends; --", '=HYPERLINK("x")', '😀 stream') }, { weight: 2, arbitrary: id });

/** Arbitrary key/value pairs merged into an object, prototype keys included (JSON.parse keeps them as own fields). */
const protoKeys = fc.dictionary(fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf'), anyValue, { maxKeys: 2 });

const sendgridEvent = fc.record({
  event: fc.oneof({ weight: 4, arbitrary: fc.constantFrom('processed', 'delivered', 'bounce', 'deferred', 'spamreport', 'unsubscribe', 'group_unsubscribe', 'open', 'click', 'dropped', 'constructor', '__proto__') }, { weight: 1, arbitrary: anyValue }),
  timestamp: time, email, send_id: opt(likelyId), singlesend_id: opt(likelyId), marketing_campaign_id: opt(likelyId), stream: opt(likelyId),
  category: opt(fc.oneof(likelyId, fc.array(likelyId, { maxLength: 3 }))), sg_event_id: opt(id), sg_message_id: opt(id),
  reason: opt(text), response: opt(text), type: opt(fc.oneof(fc.constantFrom('bounce', 'blocked', 'constructor'), anyValue)),
  bounce_classification: opt(fc.oneof(fc.constantFrom('Invalid Address', 'Reputation', 'Technical', 'constructor', 'toString'), anyValue)),
}, { requiredKeys: [] });

const mailgunEvent = fc.record({
  event: fc.oneof({ weight: 4, arbitrary: fc.constantFrom('accepted', 'delivered', 'failed', 'opened', 'clicked', 'unsubscribed', 'complained', 'stored', 'constructor') }, { weight: 1, arbitrary: anyValue }),
  timestamp: time, id: opt(id), recipient: email, severity: opt(fc.oneof(fc.constantFrom('temporary', 'permanent'), anyValue)),
  reason: opt(fc.oneof(fc.constantFrom('bounce', 'suppress-bounce', 'espblock', 'old', 'generic', 'suppress-complaint', '__proto__'), anyValue)),
  'user-variables': opt(fc.oneof(fc.record({ send_id: opt(likelyId), stream: opt(likelyId) }, { requiredKeys: [] }), anyValue)),
  tags: opt(fc.oneof(fc.array(likelyId, { maxLength: 3 }), anyValue)),
  message: opt(fc.oneof(fc.record({ headers: fc.oneof(fc.record({ from: email, 'message-id': id }, { requiredKeys: [] }), anyValue) }), anyValue)),
  envelope: opt(fc.oneof(fc.record({ sender: email }), anyValue)),
  'delivery-status': opt(fc.oneof(fc.record({ code: opt(anyValue), description: opt(text), message: opt(text) }, { requiredKeys: [] }), anyValue)),
}, { requiredKeys: [] });

const sparkpostEvent = fc.record({
  type: fc.oneof({ weight: 4, arbitrary: fc.constantFrom('injection', 'delivery', 'bounce', 'out_of_band', 'delay', 'spam_complaint', 'open', 'click', 'list_unsubscribe', 'policy_rejection', 'constructor') }, { weight: 1, arbitrary: anyValue }),
  timestamp: time, event_id: opt(id), rcpt_to: email, campaign_id: opt(likelyId), sending_domain: opt(id), friendly_from: opt(email),
  rcpt_meta: opt(fc.oneof(fc.record({ send_id: opt(likelyId), stream: opt(likelyId) }, { requiredKeys: [] }), anyValue)),
  bounce_class: opt(fc.oneof(fc.constantFrom('10', 10, 25, 50, 90, 1e308, '__proto__'), anyValue)),
  error_code: opt(anyValue), raw_reason: opt(text), message_id: opt(id),
}, { requiredKeys: [] });

const sesEvent = fc.record({
  eventType: fc.oneof({ weight: 4, arbitrary: fc.constantFrom('Send', 'Delivery', 'Bounce', 'Complaint', 'DeliveryDelay', 'Open', 'Click', 'Subscription', 'Reject', 'Rendering Failure', 'constructor') }, { weight: 1, arbitrary: anyValue }),
  mail: fc.oneof(fc.record({
    timestamp: time, source: email, messageId: opt(id), destination: fc.oneof(fc.array(email, { maxLength: 3 }), anyValue),
    tags: opt(fc.oneof(fc.record({ send_id: fc.array(likelyId, { maxLength: 2 }), stream: fc.array(likelyId, { maxLength: 2 }), campaign: opt(fc.array(id)) }, { requiredKeys: [] }), anyValue)),
  }, { requiredKeys: [] }), anyValue),
  bounce: opt(fc.record({
    bounceType: fc.constantFrom('Permanent', 'Transient', 'Undetermined', '__proto__'), bounceSubType: fc.constantFrom('General', 'ContentRejected', 'constructor'),
    timestamp: time, bouncedRecipients: fc.oneof(fc.array(fc.record({ emailAddress: email, diagnosticCode: opt(text) }), { maxLength: 3 }), anyValue),
  }, { requiredKeys: [] })),
  delivery: opt(fc.record({ timestamp: time, recipients: fc.oneof(fc.array(email, { maxLength: 3 }), anyValue) }, { requiredKeys: [] })),
  complaint: opt(fc.record({ timestamp: time, complainedRecipients: fc.oneof(fc.array(fc.record({ emailAddress: email }), { maxLength: 3 }), anyValue) }, { requiredKeys: [] })),
}, { requiredKeys: [] });

/** JSON text of a payload: the ESP's shape with prototype keys mixed in, or junk, deep nesting, wrong types. */
const body = (shape: fc.Arbitrary<unknown>): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 8, arbitrary: fc.tuple(shape, protoKeys).map(([v, extra]) => JSON.stringify(v).replace(/^\{/, Object.keys(extra).length ? `{${JSON.stringify(extra).slice(1, -1)},` : '{')) },
    { weight: 1, arbitrary: fc.constantFrom(deepArrayJson(10_000), deepObjectJson(10_000), deepArrayJson(100_000), '', 'null', '[]', '{}', '[{}]', '[null]', '{"msys":{}}', 'not json', '\u0000', '"\\ud800"') },
    { weight: 1, arbitrary: anyValue.map((v) => JSON.stringify(v) ?? 'null') },
  );

/** The events with some of them sent again in the same post, as an ESP's redelivery can be: stored once. */
const withRepeats = <T>(events: fc.Arbitrary<T[]>): fc.Arbitrary<T[]> =>
  fc.tuple(events, fc.array(fc.nat(), { maxLength: 2 })).map(([list, again]) => (list.length === 0 ? list : [...list, ...again.map((i) => list[i % list.length] as T)]));

const sendgridBody = body(withRepeats(fc.array(sendgridEvent, { minLength: 0, maxLength: 5 })));
const mailgunBody = body(fc.record({ 'event-data': fc.oneof({ weight: 5, arbitrary: mailgunEvent }, { weight: 1, arbitrary: anyValue }) }));
const sparkpostBody = body(withRepeats(fc.array(fc.oneof(
  { weight: 5, arbitrary: fc.record({ msys: fc.record({ message_event: opt(sparkpostEvent), track_event: opt(sparkpostEvent), unsubscribe_event: opt(sparkpostEvent) }, { requiredKeys: [] }) }) },
  { weight: 1, arbitrary: anyValue },
), { maxLength: 4 })));
const sesMessage = fc.oneof({ weight: 6, arbitrary: sesEvent.map((e) => JSON.stringify(e)) }, { weight: 1, arbitrary: fc.oneof(hostileText(), fc.constantFrom(deepArrayJson(10_000), '{}', '[]', 'null')) });

// ---- signing -----------------------------------------------------------------------------------------------------------

interface Post { path: string; body: string; headers: Record<string, string> }

function sendgridPost(raw: string): Post {
  const timestamp = String(Math.floor(NOW.getTime() / 1000));
  const signature = sign('sha256', Buffer.from(timestamp + raw), ec.privateKey).toString('base64');
  return { path: '/api/webhooks/sendgrid', body: raw, headers: { 'x-twilio-email-event-webhook-signature': signature, 'x-twilio-email-event-webhook-timestamp': timestamp } };
}

// Mailgun refuses a token seen before (a replay): every post gets its own.
let mailgunTokens = 0;

/** Mailgun signs timestamp + token inside the body: a parsable object gets a valid signature block. */
function mailgunPost(raw: string): Post {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return { path: '/api/webhooks/mailgun', body: raw, headers: {} };
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return { path: '/api/webhooks/mailgun', body: raw, headers: {} };
  const timestamp = String(Math.floor(NOW.getTime() / 1000));
  const token = `tok-${++mailgunTokens}-0123456789`;
  const signature = createHmac('sha256', MAILGUN_KEY).update(timestamp + token).digest('hex');
  const signed = JSON.stringify({ signature: { timestamp, token, signature } }).slice(0, -1);
  // The signature block goes first and the rest follows as written (prototype keys stay own fields).
  const rest = raw.trim().slice(1);
  return { path: '/api/webhooks/mailgun', body: rest.startsWith('}') ? `${signed}}` : `${signed},${rest}`, headers: {} };
}

function sparkpostPost(raw: string): Post {
  const auth = Buffer.from(`${SPARKPOST.user}:${SPARKPOST.password}`).toString('base64');
  return { path: '/api/webhooks/sparkpost', body: raw, headers: { authorization: `Basic ${auth}` } };
}

function snsEnvelope(message: string, n: number): string {
  const m: SnsMessage = {
    Type: 'Notification', MessageId: `prop-${n}`, TopicArn: TOPIC, Timestamp: NOW.toISOString(), SignatureVersion: '2', Signature: '',
    SigningCertURL: 'https://sns.us-east-1.amazonaws.com/SimpleNotificationService-local.pem', Message: message,
  };
  m.Signature = sign('sha256', Buffer.from(stringToSign(m)), rsa.privateKey).toString('base64');
  return JSON.stringify(m);
}

// ---- the properties ------------------------------------------------------------------------------------------------------

describe('ESP webhook bodies', () => {
  let s: Services;
  let app: ReturnType<typeof createApp>;
  const sesDeps: WebhookDeps = {
    now: () => NOW,
    fetchSigningCert: async () => rsa.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    confirmSubscription: async () => undefined,
  };
  beforeAll(async () => {
    s = { db: await Db.open(tmp.path('webhooks.duckdb')), config: loadConfig(ENV), now: () => NOW, localToken: null };
    app = createApp(s);
  });
  afterAll(() => {
    console.log(`webhook posts: ${tally.stored} answered 200 (${tally.events} events stored, ${tally.listed} quarantined), ${tally.refused} refused with 400/401`);
    s.db.close();
  });

  const tally = { refused: 0, stored: 0, events: 0, listed: 0 };
  /** What the newest load of `source` recorded: a run per load, and the test waits for each post's own load. */
  const lastRun = (source: string) =>
    s.db.one<{ id: number; rows_read: number; rows_stored: number; rows_duplicate: number; rows_rejected: number }>(
      'SELECT id, rows_read, rows_stored, rows_duplicate, rows_rejected FROM ingest_runs WHERE source = $1 ORDER BY id DESC LIMIT 1', [source]);
  /** The events a run stored: how many, how many identities, and how many of those the store held already (a copy
   * within the identity window, docs/data-formats.md "Event identity"). */
  const storedBy = (run: number) =>
    s.db.one<{ n: number; keys: number; seen: number }>(
      `SELECT count(*) AS n, count(DISTINCT event_key) AS keys,
              count(*) FILTER (WHERE EXISTS (SELECT 1 FROM events o WHERE o.event_key = e.event_key AND o.ingest_id <> e.ingest_id
                                              AND o.ts BETWEEN e.ts - ${IDENTITY_WINDOW} AND e.ts + ${IDENTITY_WINDOW})) AS seen
         FROM events e WHERE ingest_id = $1`, [run]);

  /** The outcome rules every post must meet, given its status and answer; `raw` is the body as posted. */
  async function judge(esp: string, raw: string, status: number, answer: unknown, before: Record<string, number>): Promise<void> {
    // The answer comes once the post is on disk; the store has it once the loader is done.
    await journalSettled(s.db);
    const after = await tableCounts(s.db);
    if (status !== 200) tally.refused++;
    expect(status, JSON.stringify(answer).slice(0, 300)).not.toBe(500);
    if (status !== 200) {
      expect([400, 401]).toContain(status);
      expect(withoutLogs(after, ['ingest_runs', 'source_state'])).toEqual(withoutLogs(before, ['ingest_runs', 'source_state']));
      return;
    }
    const a = answer as WebhookAnswer;
    // An ESP's post is not waited for: it does not know what the load will make of its events.
    expect(a.stored).toBeUndefined();
    expect(a.duplicate).toBeUndefined();
    expect(a.accepted + a.quarantined).toBe(a.received);
    const added = (after.events ?? 0) - (before.events ?? 0);
    expect(added).toBeGreaterThanOrEqual(0);
    expect(added).toBeLessThanOrEqual(a.accepted);
    expect((after.webhook_quarantine ?? 0) - (before.webhook_quarantine ?? 0)).toBeLessThanOrEqual(a.quarantined);
    if (a.received > 0) {
      // The load of this post alone: it read every event, kept the quarantined ones aside, and stored exactly the
      // events the table gained, each a distinct identity the store did not hold (stored once by identity).
      const run = await lastRun(`webhook:${esp}`);
      expect(run).toMatchObject({ rows_read: a.received, rows_rejected: a.quarantined, rows_stored: added, rows_duplicate: a.accepted - added });
      expect(await storedBy(Number(run?.id))).toEqual({ n: added, keys: added, seen: 0 });
    }
    // Nothing accepted was lost: the same payload again, waited for, finds every accepted event stored already.
    const res = await app.request(`/api/webhooks/${esp}/replay`, { method: 'POST', body: raw, headers: { 'content-type': 'application/json', ...ADMIN } });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ received: a.received, accepted: a.accepted, quarantined: a.quarantined, stored: 0, duplicate: a.accepted });
    expect((await tableCounts(s.db)).events).toBe(after.events);
    tally.stored++;
    tally.events += added;
    tally.listed += a.quarantined;
    for (const r of a.rejections) {
      expect(r.line).toBeGreaterThanOrEqual(1);
      expect(r.line).toBeLessThanOrEqual(a.received);
      expect(r.reason.length).toBeGreaterThan(0);
    }
  }

  const esps = [
    { esp: 'sendgrid', arb: sendgridBody, post: sendgridPost },
    { esp: 'mailgun', arb: mailgunBody, post: mailgunPost },
    { esp: 'sparkpost', arb: sparkpostBody, post: sparkpostPost },
  ] as const;

  it.each(esps)('$esp: parse never throws anything but MalformedPayload', async ({ esp, arb }) => {
    const adapter = ADAPTERS[esp];
    if (!adapter) throw new Error(esp);
    await check(`webhook ${esp} parse`, arb, runs(300), async (raw) => {
      let value: unknown;
      try {
        value = JSON.parse(raw);
      } catch {
        return;
      }
      try {
        const parsed = adapter.parse(value, { sources: defaultSources(esp) });
        expect(parsed.ignored).toBeGreaterThanOrEqual(0);
        // Every event is a flat record of strings and numbers: the events schema judges it next.
        for (const e of parsed.events) for (const v of Object.values(e)) expect(['string', 'number', 'undefined']).toContain(typeof v);
      } catch (err) {
        if (!(err instanceof MalformedPayload)) throw err;
      }
    });
  });

  it.each(esps)('$esp: a signed post is stored, listed or refused cleanly, never a 500', async ({ esp, arb, post }) => {
    await check(`webhook ${esp} post`, arb, CASES, async (raw) => {
      const p = post(raw);
      const before = await tableCounts(s.db);
      const res = await app.request(p.path, { method: 'POST', body: p.body, headers: { 'content-type': 'application/json', ...p.headers } });
      await judge(esp, p.body, res.status, await res.json(), before);
    });
  });

  it('ses: a signed SNS notification is stored, listed or refused cleanly, never a crash', async () => {
    let n = 0;
    await check('webhook ses post', sesMessage, CASES, async (message) => {
      const raw = snsEnvelope(message, ++n);
      const before = await tableCounts(s.db);
      let status = 200;
      let answer: unknown;
      try {
        answer = await receiveWebhook(s, 'ses', { body: Buffer.from(raw), header: () => undefined }, sesDeps);
      } catch (err) {
        if (!(err instanceof ApiError)) throw err;
        status = err.status;
        answer = { error: err.message };
      }
      await judge('ses', raw, status, answer, before);
    });
  });
});
