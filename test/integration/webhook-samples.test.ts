// Each ESP's documented sample payloads (test/fixtures/webhooks/README.md cites the pages), posted as the ESP sends
// them — signed, no Rebound custom arguments — are stored with the documented meaning or ignored where the
// documentation says the event is not a delivery outcome; an event Rebound cannot use is quarantined with its
// reason, and a replay after fixing the settings moves it into the store, once. A post is answered once on disk and
// loaded moments later, so the store is read here once the posts answered so far are loaded (journalSettled).
import { readFileSync } from 'node:fs';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config.ts';
import type { Services } from '../../server/context.ts';
import { listRuns } from '../../server/store/ingest-runs.ts';
import { fixture, tempDir } from './helpers.ts';
import { journalSettled } from './journal-post.ts';
import { appFor, NOW, servicesWith, tableCount } from './sources-helpers.ts';
import { signedPost, webhookEnv } from './webhook-signing.ts';

const tmp = tempDir();
afterAll(() => tmp.cleanup());
const ENV = webhookEnv(tmp.path('sns-test-key.pem'));

let s: Services;
let n = 0;
beforeEach(async () => {
  s = await servicesWith(ENV, `samples-${++n}`, tmp);
});
// A test that ends right after a post: its load finishes before the store closes.
afterEach(async () => {
  await journalSettled(s.db);
  s.db.close();
});

const sample = (path: string) => readFileSync(fixture(`webhooks/${path}`), 'utf8');

async function post(esp: string, raw: string, services = s) {
  const p = signedPost(esp, raw, NOW);
  const res = await appFor(services).request(p.path, { method: 'POST', body: p.body, headers: { 'content-type': 'application/json', ...p.headers } });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

interface Stored { type: string; bounce_class: string | null; smtp_code: number | null; send_id: string; stream: string; provider: string }
const stored = async (db = s.db) => {
  await journalSettled(db);
  return db.all<Stored>('SELECT type, bounce_class, smtp_code, send_id, stream, provider FROM events ORDER BY type, bounce_class NULLS FIRST, send_id');
};
const row = (type: string, send_id: string, stream: string, extra: Partial<Stored> = {}): Stored =>
  ({ type, bounce_class: null, smtp_code: null, send_id, stream, provider: 'other', ...extra });

describe('documented samples, posted as the ESP sends them', () => {
  it('SendGrid: every event of the reference stored once by ESP + id + type (the sample reuses one sg_event_id); dropped and group_resubscribe ignored', async () => {
    const r = await post('sendgrid', sample('sendgrid/event-webhook-reference.json'));
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ received: 10, ignored: 2, accepted: 10, quarantined: 0 });
    // No send_id anywhere: the category is the stream, and the send is the stream's UTC day.
    const send = 'cat facts/2017-12-15';
    const events = await stored();
    expect(events).toEqual([
      row('bounce', send, 'cat facts', { bounce_class: 'block', smtp_code: 500 }), // type "blocked"
      row('bounce', send, 'cat facts', { bounce_class: 'hard', smtp_code: 500 }), // type "bounce"
      row('click', send, 'cat facts'),
      row('complaint', send, 'cat facts'),
      row('deferral', send, 'cat facts', { smtp_code: 400 }),
      row('delivery', send, 'cat facts', { smtp_code: 250 }),
      row('injection', send, 'cat facts'),
      row('open', send, 'cat facts'),
      row('unsubscribe', send, 'cat facts'),
      row('unsubscribe', send, 'cat facts'),
    ]);
    // The same post again is accepted and changes nothing once loaded.
    expect((await post('sendgrid', sample('sendgrid/event-webhook-reference.json'))).body).toMatchObject({ received: 10, accepted: 10 });
    expect(await stored()).toEqual(events);
    expect((await listRuns(s.db, 1))[0]).toMatchObject({ source: 'webhook:sendgrid', rows_read: 10, rows_stored: 0, rows_duplicate: 10 });
  });

  it('Amazon SES: event publishing and feedback notifications, stream from the From domain; not-spam is no complaint; SMTP code from diagnosticCode', async () => {
    const files = ['bounce', 'complaint', 'delivery', 'send', 'delivery-delay', 'open', 'click', 'notification-bounce'];
    for (const f of files) expect((await post('ses', sample(`ses/${f}.json`))).body, f).toMatchObject({ quarantined: 0 });
    const notSpam = await post('ses', sample('ses/notification-complaint-not-spam.json'));
    expect(notSpam.body).toMatchObject({ received: 0, ignored: 1, accepted: 0 });
    const d = (day: string) => `example.com/${day}`;
    expect(await stored()).toEqual([
      row('bounce', d('2016-01-27'), 'example.com', { bounce_class: 'hard', smtp_code: 550 }),
      row('bounce', d('2016-01-27'), 'example.com', { bounce_class: 'hard', smtp_code: 550 }),
      row('bounce', d('2017-08-05'), 'example.com', { bounce_class: 'hard', smtp_code: 550 }),
      row('click', d('2017-08-09'), 'example.com'),
      row('complaint', d('2017-08-05'), 'example.com'),
      row('deferral', d('2020-06-16'), 'example.com', { smtp_code: 421 }),
      row('delivery', d('2016-10-19'), 'example.com'),
      row('injection', d('2017-08-05'), 'example.com'),
      row('open', d('2017-08-09'), 'example.com'),
    ]);
  });

  it('Mailgun: the first tag is the send, the From domain the stream; suppress-bounce is not a new bounce; temporary is a deferral', async () => {
    const files = ['delivered', 'permanent-fail', 'temporary-fail', 'opened', 'clicked', 'complained', 'unsubscribed'];
    for (const f of files) expect((await post('mailgun', sample(`mailgun/${f}.json`))).status, f).toBe(200);
    const stream = 'sandbox9c11f09b0a3e4e3c81a7a7ec2a4da2c7.mailgun.org';
    expect(await stored()).toEqual([
      row('click', 'my_tag_1', stream), row('complaint', 'my_tag_1', stream), row('deferral', 'my_tag_1', stream, { smtp_code: 452 }),
      row('delivery', 'my_tag_1', stream, { smtp_code: 250 }), row('open', 'my_tag_1', stream), row('unsubscribe', 'my_tag_1', stream),
    ]);
  });

  it('SparkPost: the shared event_id keeps its five-plus events apart; class 1 is soft; policy_rejection ignored; the legacy single object is read, msg_from giving the stream', async () => {
    const r = await post('sparkpost', sample('sparkpost/batch.json'));
    expect(r.body).toMatchObject({ received: 11, ignored: 1, accepted: 11, quarantined: 0 });
    const legacy = await post('sparkpost', sample('sparkpost/legacy-bounce.json'));
    expect(legacy.body).toMatchObject({ received: 1, accepted: 1 });
    const c = 'Example Campaign Name';
    expect(await stored()).toEqual([
      row('bounce', 'example.com/2016-02-02', 'example.com', { bounce_class: 'hard', smtp_code: 550 }),
      row('bounce', c, 'example.com', { bounce_class: 'soft', smtp_code: 554 }),
      row('bounce', c, 'example.com', { bounce_class: 'soft', smtp_code: 554 }),
      row('click', c, 'example.com'), row('complaint', c, 'example.com'), row('deferral', c, 'example.com', { smtp_code: 454 }),
      row('delivery', c, 'example.com'), row('injection', c, 'example.com'), row('open', c, 'example.com'), row('open', c, 'example.com'),
      row('unsubscribe', c, 'example.com'), row('unsubscribe', c, 'example.com'),
    ]);
  });

  it('Postmark: Tag is the send and MessageStream the stream; a suppression for a hard bounce repeats the bounce and is ignored', async () => {
    for (const f of ['bounce', 'delivery', 'open', 'click', 'spam-complaint']) {
      expect((await post('postmark', sample(`postmark/${f}.json`))).body, f).toMatchObject({ received: 1, accepted: 1 });
    }
    expect((await post('postmark', sample('postmark/subscription-change.json'))).body).toMatchObject({ received: 0, ignored: 1, accepted: 0 });
    const events = await stored();
    expect(events).toEqual([
      row('bounce', 'Test', 'outbound', { bounce_class: 'hard' }), row('click', 'welcome-email', 'outbound'), row('complaint', 'Test', 'outbound'),
      row('delivery', 'welcome-email', 'outbound'), row('open', 'welcome-email', 'outbound'),
    ]);
    // Postmark's ids are per message: the delivery posted again is the same event, accepted and stored once.
    expect((await post('postmark', sample('postmark/delivery.json'))).body).toMatchObject({ received: 1, accepted: 1 });
    expect(await stored()).toEqual(events);
    expect((await listRuns(s.db, 1))[0]).toMatchObject({ source: 'webhook:postmark', rows_read: 1, rows_stored: 0, rows_duplicate: 1 });
  });
});

describe('SNS_TEST_SIGNING_CERT', () => {
  it('is refused in production: with REBOUND_TOKENS or NODE_ENV=production', () => {
    const tokens = 'viewer:viewer-token-0123456789';
    expect(() => loadConfig({ REBOUND_DEMO: '0', ...ENV, REBOUND_TOKENS: tokens })).toThrow(/SNS_TEST_SIGNING_CERT: is for tests only/);
    expect(() => loadConfig({ REBOUND_DEMO: '0', ...ENV, NODE_ENV: 'production' })).toThrow(/SNS_TEST_SIGNING_CERT/);
  });
});

describe('quarantine', () => {
  const noCategory = JSON.stringify([{ email: 'ana@gmail.com', timestamp: 1772359200, event: 'delivered', sg_event_id: 'q-1', sg_message_id: 'm-1' }]);

  it('keeps an event without a stream as received, lists it by reason, and a replay after a settings fix stores it once', async () => {
    const r = await post('sendgrid', noCategory);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ received: 1, accepted: 0, quarantined: 1 });
    // A redelivery is kept once.
    await post('sendgrid', noCategory);
    const list = await appFor(s).request('/api/quarantine');
    const q = (await list.json()) as { total: number; counts: { esp: string; reason: string; count: number }[]; events: { id: number; payload: unknown }[] };
    expect(q.total).toBe(1);
    expect(q.counts).toEqual([expect.objectContaining({ esp: 'sendgrid', count: 1, reason: expect.stringMatching(/stream/) })]);
    expect(q.events[0]?.payload).toEqual(JSON.parse(noCategory));

    // Nothing changed yet: a replay keeps it, with its reason.
    expect(await (await appFor(s).request('/api/quarantine/replay', { method: 'POST' })).json()).toMatchObject({ replayed: 1, stored: 0, still_quarantined: 1 });
    // The team's convention: all unlabelled SendGrid traffic is one stream.
    s.db.close();
    s = await servicesWith({ ...ENV, SENDGRID_WEBHOOK_STREAM: 'arg:stream,category,pool,=sendgrid' }, `samples-${n}`, tmp);
    expect(await (await appFor(s).request('/api/quarantine/replay', { method: 'POST' })).json()).toMatchObject({ replayed: 1, stored: 1, still_quarantined: 0 });
    expect(await stored()).toEqual([row('delivery', 'sendgrid/2026-03-01', 'sendgrid', { provider: 'gmail' })]);
    expect(await tableCount(s.db, 'webhook_quarantine')).toBe(0);
    expect(await (await appFor(s).request('/api/quarantine/replay', { method: 'POST' })).json()).toMatchObject({ replayed: 0, stored: 0 });
    // The ESP's redelivery, now usable, is the same event: accepted, and the store still holds it once.
    expect((await post('sendgrid', noCategory)).body).toMatchObject({ received: 1, accepted: 1, quarantined: 0 });
    expect(await stored()).toEqual([row('delivery', 'sendgrid/2026-03-01', 'sendgrid', { provider: 'gmail' })]);
    expect((await listRuns(s.db, 1))[0]).toMatchObject({ source: 'webhook:sendgrid', rows_read: 1, rows_stored: 0, rows_duplicate: 1 });
    expect(await tableCount(s.db, 'webhook_quarantine')).toBe(0);
  });

  it('needs the editor role to read: the payloads may hold addresses', async () => {
    s.db.close();
    const tokens = 'viewer:viewer-token-0123456789,editor:editor-token-0123456789';
    const { SNS_TEST_SIGNING_CERT: _testCert, ...production } = ENV;
    s = await servicesWith({ ...production, REBOUND_TOKENS: tokens }, `samples-${n}`, tmp);
    const as = (token: string) => appFor(s).request('/api/quarantine', { headers: { authorization: `Bearer ${token}` } });
    expect((await as('viewer-token-0123456789')).status).toBe(403);
    expect((await as('editor-token-0123456789')).status).toBe(200);
  });
});
