// Replays of captured posts: a signed timestamp (SendGrid's header, SNS's Timestamp, Mailgun's) outside the
// freshness window (WEBHOOK_MAX_AGE_MINUTES, default 15) is refused with 401 saying why, and stores nothing; a
// Mailgun token is used once; the replay route for saved payloads needs a Rebound editor token.
import { createHmac, sign } from 'node:crypto';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { Services } from '../../server/context.ts';
import { tempDir } from '../integration/helpers.ts';
import { appFor, NOW, servicesWith, tableCount } from '../integration/sources-helpers.ts';
import { ec, MAILGUN_KEY, signedPost, webhookEnv } from '../integration/webhook-signing.ts';

const tmp = tempDir('rebound-sec-fresh-');
afterAll(() => tmp.cleanup());
const ENV = webhookEnv(tmp.path('sns.pem'));
let s: Services;
let n = 0;
afterEach(() => s.db.close());
const open = async (extra: Record<string, string> = {}) => (s = await servicesWith({ ...ENV, ...extra }, `fresh-${++n}`, tmp));

const minutes = (m: number) => new Date(NOW.getTime() + m * 60_000);
const EVENTS = JSON.stringify([{ email: 'a@gmail.com', timestamp: 1772445600, event: 'delivered', sg_event_id: 'f1', category: 'news' }]);
const SES = JSON.stringify({ eventType: 'Delivery', mail: { source: 'a@example.com', messageId: 'm', timestamp: '2026-03-03T11:59:00Z' }, delivery: { recipients: ['r@gmail.com'], timestamp: '2026-03-03T11:59:01Z' } });
const MAILGUN = JSON.stringify({ 'event-data': { event: 'delivered', id: 'g1', timestamp: 1772445600, recipient: 'a@gmail.com', message: { headers: { from: 'n@news.example.com' } } } });

async function send(esp: string, raw: string, signedAt: Date) {
  const p = signedPost(esp, raw, signedAt);
  const res = await appFor(s).request(p.path, { method: 'POST', body: p.body, headers: { 'content-type': 'application/json', ...p.headers } });
  return { status: res.status, message: res.status === 200 ? '' : ((await res.json()) as { error: { message: string } }).error.message };
}

describe('freshness window', () => {
  it.each([['sendgrid', EVENTS], ['ses', SES], ['mailgun', MAILGUN]])('%s: 14 minutes old is stored; 16 minutes old, 16 in the future, 2020 and 2012 are refused saying why', async (esp, raw) => {
    await open();
    for (const at of [minutes(-16), minutes(16), new Date('2020-06-01T00:00:00Z'), new Date('2012-04-26T20:45:04Z')]) {
      const r = await send(esp, raw, at);
      expect(r.status, at.toISOString()).toBe(401);
      expect(r.message).toMatch(/(old|in the future); posts signed more than 15 minutes away from now are refused \(WEBHOOK_MAX_AGE_MINUTES\)/);
    }
    expect(await tableCount(s.db, 'events')).toBe(0);
    expect((await send(esp, raw, minutes(-14))).status).toBe(200);
    expect(await tableCount(s.db, 'events')).toBe(1);
  });

  it('is configurable: WEBHOOK_MAX_AGE_MINUTES=60 takes a post signed 30 minutes ago', async () => {
    await open({ WEBHOOK_MAX_AGE_MINUTES: '60' });
    expect((await send('sendgrid', EVENTS, minutes(-30))).status).toBe(200);
    expect((await send('sendgrid', EVENTS, minutes(-61))).message).toMatch(/61 minutes old/);
  });

  it('SendGrid: the timestamp header is signed, so changing it to look fresh breaks the signature', async () => {
    await open();
    const old = String(Math.floor(new Date('2020-06-01T00:00:00Z').getTime() / 1000));
    const signature = sign('sha256', Buffer.from(old + EVENTS), ec.privateKey).toString('base64');
    const res = await appFor(s).request('/api/webhooks/sendgrid', {
      method: 'POST', body: EVENTS,
      headers: { 'x-twilio-email-event-webhook-signature': signature, 'x-twilio-email-event-webhook-timestamp': String(Math.floor(NOW.getTime() / 1000)) },
    });
    expect(res.status).toBe(401);
  });
});

describe('Mailgun token cache', () => {
  it('refuses a captured signature re-posted with invented event-data inside the window, and accepts the token again only after a failed load', async () => {
    await open();
    const seconds = String(Math.floor(NOW.getTime() / 1000));
    const token = 'c'.repeat(50);
    const signature = { timestamp: seconds, token, signature: createHmac('sha256', MAILGUN_KEY).update(seconds + token).digest('hex') };
    const post = (body: unknown) => appFor(s).request('/api/webhooks/mailgun', { method: 'POST', body: JSON.stringify(body) });
    // A signed post whose body is not Mailgun's format is not stored: its token is given back.
    expect((await post({ signature, 'event-data': 'not an object' })).status).toBe(400);
    expect((await post({ signature, ...JSON.parse(MAILGUN) as object })).status).toBe(200);
    const invented = JSON.parse(MAILGUN) as { 'event-data': { id: string; event: string } };
    invented['event-data'].id = 'invented';
    invented['event-data'].event = 'complained';
    const res = await post({ signature, ...invented });
    expect(res.status).toBe(401);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/token was used before/);
    expect(await tableCount(s.db, 'events')).toBe(1);
  });
});

describe('replay route for saved payloads', () => {
  it('needs a Rebound token with the editor role, never the ESP exemption', async () => {
    await open({ REBOUND_TOKENS: 'viewer:viewer-token-0123456789,editor:editor-token-0123456789', SNS_TEST_SIGNING_CERT: '' });
    const post = (headers: Record<string, string>) => appFor(s).request('/api/webhooks/sendgrid/replay', { method: 'POST', body: EVENTS, headers });
    expect((await post({})).status).toBe(401);
    expect((await post({ authorization: 'Bearer viewer-token-0123456789' })).status).toBe(403);
    const ok = await post({ authorization: 'Bearer editor-token-0123456789' });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ stored: 1 });
  });
});
