// Replays of captured posts: a signed timestamp (SendGrid's header, SNS's Timestamp, Mailgun's) outside the
// freshness window (WEBHOOK_MAX_AGE_MINUTES, default 15) is refused with 401 saying why, and stores nothing; a
// Mailgun token is used once, given back only when its post could not be kept on disk; the replay route for saved
// payloads needs a Rebound editor token. A post is answered once it is on disk and loaded into the store moments
// later (docs/webhooks.md, "Answered once on disk"): the store is read here once the load is done.
import { createHmac, sign } from 'node:crypto';
import { rmSync, writeFileSync } from 'node:fs';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { Services } from '../../server/context.ts';
import { journalDir } from '../../server/store/webhook-journal-files.ts';
import { tempDir } from '../integration/helpers.ts';
import { journalSettled } from '../integration/journal-post.ts';
import { appFor, NOW, servicesWith, tableCount } from '../integration/sources-helpers.ts';
import { ec, MAILGUN_KEY, signedPost, webhookEnv } from '../integration/webhook-signing.ts';

const tmp = tempDir('rebound-sec-fresh-');
afterAll(() => tmp.cleanup());
const ENV = webhookEnv(tmp.path('sns.pem'));
let s: Services;
let n = 0;
afterEach(async () => {
  // Every post answered is loaded before the store closes, as the server's own stop does.
  await journalSettled(s.db);
  s.db.close();
});
const open = async (extra: Record<string, string> = {}) => (s = await servicesWith({ ...ENV, ...extra }, `fresh-${++n}`, tmp));
/** Events in the store once the posts answered so far are loaded. */
const storedEvents = async () => {
  await journalSettled(s.db);
  return tableCount(s.db, 'events');
};

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
    expect(await storedEvents()).toBe(0);
    expect((await send(esp, raw, minutes(-14))).status).toBe(200);
    expect(await storedEvents()).toBe(1);
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
  const seconds = String(Math.floor(NOW.getTime() / 1000));
  const signatureOf = (token: string) => ({ timestamp: seconds, token, signature: createHmac('sha256', MAILGUN_KEY).update(seconds + token).digest('hex') });
  const post = (body: unknown) => appFor(s).request('/api/webhooks/mailgun', { method: 'POST', body: JSON.stringify(body) });
  /** The documented event with its id and type changed: what someone who captured a signature could send. */
  const invented = (id: string) => {
    const b = JSON.parse(MAILGUN) as { 'event-data': { id: string; event: string } };
    b['event-data'].id = id;
    b['event-data'].event = 'complained';
    return b;
  };
  const refusedAsUsed = async (res: Response) => {
    expect(res.status).toBe(401);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/token was used before/);
  };
  const storedTokens = async () => (await s.db.one<{ n: number }>('SELECT count(*) AS n FROM webhook_tokens'))?.n ?? 0;

  it('refuses a captured signature re-posted with invented event-data inside the window', async () => {
    await open();
    const signature = signatureOf('c'.repeat(50));
    // A signed post whose body is not Mailgun's format is not kept: its token is given back.
    expect((await post({ signature, 'event-data': 'not an object' })).status).toBe(400);
    expect((await post({ signature, ...JSON.parse(MAILGUN) as object })).status).toBe(200);
    await refusedAsUsed(await post({ signature, ...invented('invented') }));
    expect(await storedEvents()).toBe(1);
    expect(await storedTokens()).toBe(1);
  });

  it('accepts the token again only when its post could not be kept on disk, not once it was answered and its load failed', async () => {
    await open();
    // A regular file where the journal's directory goes: the post cannot be written to disk, so it is not
    // answered 200 (the ESP sends it again) and its token is given back.
    const dir = journalDir(s.db.path);
    writeFileSync(dir, 'not a directory');
    const signature = signatureOf('d'.repeat(50));
    const failed = await post({ signature, ...JSON.parse(MAILGUN) as object });
    // 503 naming only the error's code: the rest (a path) is for the server's log, not the caller.
    expect(failed.status).toBe(503);
    const message = ((await failed.json()) as { error: { message: string } }).error.message;
    expect(message).toMatch(/could not be kept on disk \(ENOTDIR\); nothing was kept/);
    expect(message).not.toContain(dir);
    expect(await storedEvents()).toBe(0);
    expect(await storedTokens()).toBe(0);
    // The disk is back: Mailgun's retry of the same post, same token, is accepted and stored; the token then used.
    rmSync(dir);
    expect((await post({ signature, ...JSON.parse(MAILGUN) as object })).status).toBe(200);
    expect(await storedEvents()).toBe(1);
    await refusedAsUsed(await post({ signature, ...invented('invented-after-retry') }));

    // Once on disk a post is answered and loaded, however long the store takes: a load that fails (here the
    // tokens' table is away) is tried again, and the token stays used meanwhile.
    await s.db.run('ALTER TABLE webhook_tokens RENAME TO webhook_tokens_away');
    const second = signatureOf('e'.repeat(50));
    const answered = JSON.parse(MAILGUN) as { 'event-data': { id: string } };
    answered['event-data'].id = 'g2';
    expect((await post({ signature: second, ...answered })).status).toBe(200);
    await journalSettled(s.db);
    expect(await tableCount(s.db, 'events')).toBe(1);
    await refusedAsUsed(await post({ signature: second, ...invented('invented-while-loading') }));
    await s.db.run('ALTER TABLE webhook_tokens_away RENAME TO webhook_tokens');
    // A later try loads it, its event and its token (a try that began before the table came back fails again).
    await expect.poll(storedEvents, { timeout: 20_000 }).toBe(2);
    expect(await storedTokens()).toBe(2);
    expect((await s.db.all<{ event_id: string }>('SELECT event_id FROM events ORDER BY event_id')).map((r) => r.event_id).join(' ')).not.toMatch(/invented/);
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
