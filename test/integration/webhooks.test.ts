// ESP webhooks (docs/webhooks.md): real signatures made here with node:crypto, bad and missing signatures (401, nothing
// stored), replays (idempotent), malformed payloads (400), unconfigured ESPs (404), and the auth exemption that
// covers exactly POST /api/webhooks/:esp. A post is answered once it is on disk and loaded into the store moments
// later, so every direct read of the store below first waits for the posts answered so far (journalSettled).
import { createHmac, generateKeyPairSync, sign } from 'node:crypto';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Services } from '../../server/context.ts';
import { listRuns } from '../../server/store/ingest-runs.ts';
import { sendRows, tempDir } from './helpers.ts';
import { journalSettled } from './journal-post.ts';
import { appFor, NOW, servicesWith, sourceFixture, tableCount } from './sources-helpers.ts';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

const ec = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
const SENDGRID_KEY = ec.publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
const MAILGUN_KEY = 'key-0123456789abcdef0123456789abcdef';
const SPARKPOST = { user: 'rebound', password: 'a-long-sparkpost-secret' };
const TOKENS = 'viewer:viewer-token-0123456789,editor:editor-token-0123456789';

const ENV = {
  SENDGRID_WEBHOOK_PUBLIC_KEY: SENDGRID_KEY,
  MAILGUN_WEBHOOK_SIGNING_KEY: MAILGUN_KEY,
  SPARKPOST_WEBHOOK_USER: SPARKPOST.user,
  SPARKPOST_WEBHOOK_PASSWORD: SPARKPOST.password,
};

let s: Services;
let n = 0;
beforeEach(async () => {
  s = await servicesWith({ ...ENV, REBOUND_TOKENS: TOKENS }, `wh-${++n}`, tmp);
});
// A test that ends right after a post: its load finishes before the store closes.
afterEach(async () => {
  await journalSettled(s.db);
  s.db.close();
});

function sendgridPost(body: string, opts: { key?: typeof ec.privateKey; timestamp?: string; tamper?: boolean; token?: string } = {}) {
  const timestamp = opts.timestamp ?? String(Math.floor(NOW.getTime() / 1000));
  const signature = sign('sha256', Buffer.from(timestamp + body), opts.key ?? ec.privateKey).toString('base64');
  return appFor(s).request('/api/webhooks/sendgrid', {
    method: 'POST',
    body: opts.tamper ? body.replace('spring-1', 'spring-X') : body,
    headers: {
      'content-type': 'application/json',
      'x-twilio-email-event-webhook-signature': signature,
      'x-twilio-email-event-webhook-timestamp': timestamp,
      ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}),
    },
  });
}

describe('SendGrid', () => {
  const body = sourceFixture('sendgrid-events.json');

  it('stores a signed batch without a Rebound token, maps bounce classifications, and a replay changes nothing', async () => {
    const res = await sendgridPost(body);
    expect(res.status).toBe(200);
    const r = (await res.json()) as Record<string, unknown>;
    // "dropped" never left SendGrid: ignored, not stored.
    expect(r).toMatchObject({ received: 5, ignored: 1, accepted: 5, quarantined: 0 });
    // The ESP is answered once the post is on disk, before the load: what was new is not known yet, so not said.
    expect(r).not.toHaveProperty('stored');
    expect(r).not.toHaveProperty('duplicate');
    await journalSettled(s.db);
    expect(await tableCount(s.db, 'events')).toBe(5);
    const rows = await sendRows(s.db);
    const byProvider = Object.fromEntries(rows.map((x) => [x.provider, x]));
    expect(byProvider.yahoo).toMatchObject({ send_id: 'spring-1', stream: 'news.example.com', bounced_hard: 1 });
    expect(byProvider.microsoft).toMatchObject({ bounced_block: 1 });
    expect(byProvider.gmail).toMatchObject({ injected: 1, delivered: 1, complaints: 1 });

    // The redelivery is kept on disk like any post, and its load finds every event stored already.
    const again = await sendgridPost(body);
    expect(await again.json()).toMatchObject({ received: 5, accepted: 5 });
    await journalSettled(s.db);
    expect((await listRuns(s.db, 1))[0]).toMatchObject({ source: 'webhook:sendgrid', rows_read: 5, rows_stored: 0, rows_duplicate: 5 });
    expect(await tableCount(s.db, 'events')).toBe(5);
    expect(await sendRows(s.db)).toEqual(rows);
  });

  it('keeps recipient addresses only with WEBHOOK_RECIPIENTS=address, and then adds them to events already stored', async () => {
    const recipients = async () => (await s.db.all<{ r: string | null }>('SELECT recipient AS r FROM events ORDER BY r')).map((x) => x.r);
    expect((await sendgridPost(body)).status).toBe(200);
    await journalSettled(s.db);
    expect(await recipients()).toEqual([null, null, null, null, null]);
    s.db.close();
    s = await servicesWith({ ...ENV, REBOUND_TOKENS: TOKENS, WEBHOOK_RECIPIENTS: 'address' }, `wh-${n}`, tmp);
    const before = await sendRows(s.db);
    // The same batch again: nothing new to count, but the addresses the team now asked for are added.
    expect(await (await sendgridPost(body)).json()).toMatchObject({ accepted: 5 });
    await journalSettled(s.db);
    expect(await tableCount(s.db, 'events')).toBe(5);
    const added = await recipients();
    expect(added).toHaveLength(5);
    expect(added.every((r) => r !== null && r.includes('@'))).toBe(true);
    expect(await sendRows(s.db)).toEqual(before);
  });

  it('refuses a wrong key, a tampered body and missing headers with 401, storing nothing', async () => {
    const other = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
    expect((await sendgridPost(body, { key: other.privateKey })).status).toBe(401);
    expect((await sendgridPost(body, { tamper: true })).status).toBe(401);
    const bare = await appFor(s).request('/api/webhooks/sendgrid', { method: 'POST', body });
    expect(bare.status).toBe(401);
    await journalSettled(s.db);
    expect(await tableCount(s.db, 'events')).toBe(0);
  });

  it('answers 400 for a signed body that is not a SendGrid payload, and quarantines events without a stream', async () => {
    const notArray = await sendgridPost('{"event":"delivered"}');
    expect(notArray.status).toBe(400);
    const noStream = JSON.stringify([{ email: 'a@gmail.com', timestamp: 1772359200, event: 'delivered', sg_event_id: 'x1' }]);
    const res = await sendgridPost(noStream);
    expect(res.status).toBe(200);
    const r = (await res.json()) as { quarantined: number; rejections: { line: number; reason: string }[] };
    expect(r.quarantined).toBe(1);
    expect(r.rejections[0]?.reason).toMatch(/stream/);
    await journalSettled(s.db);
    expect(await tableCount(s.db, 'events')).toBe(0);
    expect(await tableCount(s.db, 'webhook_quarantine')).toBe(1);
  });
});

describe('Mailgun', () => {
  function mailgunBody(opts: { timestamp?: number; key?: string; token?: string } = {}) {
    const payload = JSON.parse(sourceFixture('mailgun-failed.json')) as { signature: Record<string, string> };
    const timestamp = String(opts.timestamp ?? Math.floor(NOW.getTime() / 1000));
    const token = opts.token ?? 'f1e2d3c4b5a697887766554433221100aabbccddeeff0011';
    payload.signature = { timestamp, token, signature: createHmac('sha256', opts.key ?? MAILGUN_KEY).update(timestamp + token).digest('hex') };
    return JSON.stringify(payload);
  }
  const post = (body: string) => appFor(s).request('/api/webhooks/mailgun', { method: 'POST', body, headers: { 'content-type': 'application/json' } });

  it('stores a signed permanent failure as a hard bounce, once; a post re-using a token is refused', async () => {
    const body = mailgunBody();
    expect(await (await post(body)).json()).toMatchObject({ received: 1, accepted: 1 });
    // Loaded on its own, so the redelivery's load below is its own run.
    await journalSettled(s.db);
    // Mailgun's own redelivery is signed anew (a new token): accepted, and stored once (checked below).
    expect(await (await post(mailgunBody({ token: 'a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e2f3' }))).json()).toMatchObject({ received: 1, accepted: 1 });
    // The captured signature with other event data: the token was used, so it is refused, saying why.
    const forged = JSON.parse(body) as { 'event-data': { id: string } };
    forged['event-data'].id = 'invented-event';
    const replayed = await post(JSON.stringify(forged));
    expect(replayed.status).toBe(401);
    expect(((await replayed.json()) as { error: { message: string } }).error.message).toMatch(/token was used before/);
    await journalSettled(s.db);
    // The redelivery was loaded, and found the event stored already.
    expect((await listRuns(s.db, 1))[0]).toMatchObject({ source: 'webhook:mailgun', rows_read: 1, rows_stored: 0, rows_duplicate: 1 });
    expect(await tableCount(s.db, 'events')).toBe(1);
    const rows = await sendRows(s.db);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ send_id: 'spring-3', stream: 'news.example.com', provider: 'microsoft', bounced_hard: 1, injected: 1 });
  });

  it('refuses a wrong key and a stale timestamp with 401', async () => {
    expect((await post(mailgunBody({ key: 'key-ffffffffffffffffffffffffffffffff' }))).status).toBe(401);
    expect((await post(mailgunBody({ timestamp: Math.floor(NOW.getTime() / 1000) - 3600 }))).status).toBe(401);
    expect((await post('not json')).status).toBe(400);
    await journalSettled(s.db);
    expect(await tableCount(s.db, 'events')).toBe(0);
  });
});

describe('SparkPost', () => {
  const body = sourceFixture('sparkpost-events.json');
  const post = (user: string, password: string, b = body) => appFor(s).request('/api/webhooks/sparkpost', {
    method: 'POST', body: b, headers: { 'content-type': 'application/json', authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}` },
  });

  it('accepts basic auth, maps bounce class 51 to block and the campaign to send_id', async () => {
    const res = await post(SPARKPOST.user, SPARKPOST.password);
    expect(await res.json()).toMatchObject({ received: 3, ignored: 1, accepted: 3 });
    await journalSettled(s.db);
    expect(await tableCount(s.db, 'events')).toBe(3);
    const rows = await sendRows(s.db);
    expect(rows[0]).toMatchObject({ send_id: 'spring-4', provider: 'gmail', bounced_block: 1, injected: 1, opens: 1 });
    expect((await post(SPARKPOST.user, SPARKPOST.password, '[{"msys":{}}]')).status).toBe(200);
  });

  it('refuses wrong credentials with 401 and a body that is not an array with 400', async () => {
    expect((await post(SPARKPOST.user, 'wrong-password-of-same-size')).status).toBe(401);
    expect((await post(SPARKPOST.user, SPARKPOST.password, '{"events":[]}')).status).toBe(400);
    await journalSettled(s.db);
    expect(await tableCount(s.db, 'events')).toBe(0);
  });
});

describe('unconfigured ESPs and the auth exemption', () => {
  it('answers 404 for an ESP without a key and for an unknown ESP, never storing', async () => {
    expect((await appFor(s).request('/api/webhooks/ses', { method: 'POST', body: '{}' })).status).toBe(404);
    expect((await appFor(s).request('/api/webhooks/postmark', { method: 'POST', body: '{}' })).status).toBe(404);
  });

  it('still requires tokens on every other route, including other methods and paths under /api/webhooks', async () => {
    const app = appFor(s);
    expect((await app.request('/api/sources')).status).toBe(401);
    expect((await app.request('/api/incidents', { method: 'POST', body: '{}' })).status).toBe(401);
    expect((await app.request('/api/ingest', { method: 'POST', body: 'x' })).status).toBe(401);
    expect((await app.request('/api/webhooks/sendgrid')).status).toBe(401);
    expect((await app.request('/api/webhooks/sendgrid/extra', { method: 'POST', body: '[]' })).status).toBe(401);
    expect((await app.request('/api/sources', { headers: { authorization: 'Bearer viewer-token-0123456789' } })).status).toBe(200);
  });
});
