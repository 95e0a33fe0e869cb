// Amazon SES via SNS (docs/webhooks.md): SNS messages signed here with a locally generated RSA key, served to the verifier
// by an injected certificate fetcher (the real one only fetches https sns.<region>.amazonaws.com URLs). Covers
// SignatureVersion 1 and 2, the topic allow-list, a forged certificate URL, subscription confirmation, replays. A post
// is answered once on disk and loaded moments later: direct reads of the store wait for the load (journalSettled).
import { generateKeyPairSync, sign } from 'node:crypto';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Services } from '../../server/context.ts';
import { ApiError } from '../../server/errors.ts';
import type { WebhookDeps } from '../../server/ingest/webhooks/common.ts';
import { stringToSign, type SnsMessage } from '../../server/ingest/webhooks/sns-verify.ts';
import { router } from '../../server/routes/openapi.ts';
import { webhookRoutes } from '../../server/routes/webhooks/index.ts';
import { listRuns } from '../../server/store/ingest-runs.ts';
import { sendRows, tempDir } from './helpers.ts';
import { journalSettled } from './journal-post.ts';
import { NOW, servicesWith, sourceFixture, tableCount } from './sources-helpers.ts';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

const TOPIC = 'arn:aws:sns:us-east-1:123456789012:ses-events';
const CERT_URL = 'https://sns.us-east-1.amazonaws.com/SimpleNotificationService-local.pem';
const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
const PUBLIC_PEM = rsa.publicKey.export({ type: 'spki', format: 'pem' }).toString();

let s: Services;
let fetched: string[];
let confirmed: string[];
let n = 0;
const deps: WebhookDeps = {
  now: () => NOW,
  fetchSigningCert: async (url) => {
    fetched.push(url);
    return PUBLIC_PEM;
  },
  confirmSubscription: async (url) => {
    confirmed.push(url);
  },
};

beforeEach(async () => {
  fetched = [];
  confirmed = [];
  s = await servicesWith({ SES_SNS_TOPIC_ARNS: TOPIC }, `ses-${++n}`, tmp);
});
// A test that ends right after a post: its load finishes before the store closes.
afterEach(async () => {
  await journalSettled(s.db);
  s.db.close();
});

function app() {
  const a = router();
  a.route('/', webhookRoutes(s, deps));
  a.onError((err, c) => (err instanceof ApiError ? c.json({ error: { code: err.code, message: err.message } }, err.status) : c.json({ error: String(err) }, 500)));
  return a;
}

function snsEnvelope(over: Partial<SnsMessage> & { Message: string }, version: '1' | '2' = '2', key = rsa.privateKey): SnsMessage {
  const m: SnsMessage = {
    Type: 'Notification', MessageId: 'c1a1b2c3-0000-4000-8000-000000000001', TopicArn: TOPIC, Timestamp: NOW.toISOString(),
    SignatureVersion: version, Signature: '', SigningCertURL: CERT_URL, ...over,
  };
  m.Signature = sign(version === '1' ? 'sha1' : 'sha256', Buffer.from(stringToSign(m)), key).toString('base64');
  return m;
}

const post = async (body: unknown): Promise<Response> => app().request('/api/webhooks/ses', { method: 'POST', body: typeof body === 'string' ? body : JSON.stringify(body), headers: { 'content-type': 'text/plain; charset=UTF-8' } });

describe('SES via SNS', () => {
  it('stores a signed bounce notification per recipient (hard), with stream from the From domain; a redelivery is idempotent', async () => {
    const msg = snsEnvelope({ Message: sourceFixture('ses-bounce.json'), Subject: 'Amazon SES Email Event Notification' });
    const res = await post(msg);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ received: 2, accepted: 2 });
    expect(fetched).toEqual([CERT_URL]);
    await journalSettled(s.db);
    expect(await tableCount(s.db, 'events')).toBe(2);
    const rows = await sendRows(s.db);
    expect(rows.map((r) => [r.provider, r.stream, r.bounced_hard])).toEqual([['gmail', 'promo.example.com', 1], ['yahoo', 'promo.example.com', 1]]);
    // SNS redelivers the same message: kept on disk like any post, and its load finds both events stored already.
    expect(await (await post(msg)).json()).toMatchObject({ received: 2, accepted: 2 });
    await journalSettled(s.db);
    expect((await listRuns(s.db, 1))[0]).toMatchObject({ source: 'webhook:ses', rows_read: 2, rows_stored: 0, rows_duplicate: 2 });
    expect(await tableCount(s.db, 'events')).toBe(2);
    expect(await sendRows(s.db)).toEqual(rows);
  });

  it('accepts SignatureVersion 1 (SHA1)', async () => {
    const res = await post(snsEnvelope({ Message: sourceFixture('ses-delivery.json') }, '1'));
    expect(res.status).toBe(200);
    await journalSettled(s.db);
    expect((await sendRows(s.db))[0]).toMatchObject({ provider: 'apple', delivered: 1 });
  });

  it('refuses a wrong key, an unlisted topic, a non-SNS certificate URL and a changed message with 401', async () => {
    const other = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const message = sourceFixture('ses-bounce.json');
    expect((await post(snsEnvelope({ Message: message }, '2', other.privateKey))).status).toBe(401);
    expect((await post(snsEnvelope({ Message: message, TopicArn: 'arn:aws:sns:us-east-1:123456789012:other' }))).status).toBe(401);
    expect((await post(snsEnvelope({ Message: message, SigningCertURL: 'https://sns.evil.example.com/cert.pem' }))).status).toBe(401);
    expect((await post(snsEnvelope({ Message: message, SigningCertURL: 'http://sns.us-east-1.amazonaws.com/cert.pem' }))).status).toBe(401);
    const changed = snsEnvelope({ Message: message });
    changed.Message = changed.Message.replace('Permanent', 'Transient');
    expect((await post(changed)).status).toBe(401);
    expect((await post('{"Type":"Notification"}')).status).toBe(401);
    await journalSettled(s.db);
    expect(await tableCount(s.db, 'events')).toBe(0);
  });

  it('answers 400 for a signed notification whose Message is not an SES event', async () => {
    expect((await post(snsEnvelope({ Message: 'not json' }))).status).toBe(400);
    await journalSettled(s.db);
    expect(await tableCount(s.db, 'events')).toBe(0);
  });

  it('records and confirms a signed subscription confirmation for an allowed topic', async () => {
    const subscribe = 'https://sns.us-east-1.amazonaws.com/?Action=ConfirmSubscription&TopicArn=x&Token=abc';
    const msg = snsEnvelope({ Type: 'SubscriptionConfirmation', Message: 'You have chosen to subscribe…', Token: 'abc', SubscribeURL: subscribe });
    const res = await post(msg);
    expect(await res.json()).toMatchObject({ subscription: 'confirmed', received: 0, accepted: 0 });
    expect(confirmed).toEqual([subscribe]);
    expect(await tableCount(s.db, 'sns_subscriptions')).toBe(1);
    const evil = snsEnvelope({ Type: 'SubscriptionConfirmation', MessageId: 'm2', Message: 'x', Token: 'abc', SubscribeURL: 'https://evil.example.com/confirm' });
    expect(await (await post(evil)).json()).toMatchObject({ subscription: 'recorded' });
    expect(confirmed).toHaveLength(1);
  });
});
