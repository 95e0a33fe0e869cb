// The one exemption from REBOUND_TOKENS (docs/security.md): POST /api/webhooks/{esp}, authenticated by the ESP's own
// signature instead. With tokens set, an unsigned post to every ESP is 401 and stores nothing, an ESP without a
// key is 404, and nothing else under /api/webhooks — other methods, deeper paths — escapes the bearer token.
// (The SES body names a certificate off the SNS hosts, so no test fetches anything.) Signature checks with real keys (bad, tampered, stale, replayed) are in test/integration/webhooks*.test.ts.
import { generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.ts';
import { loadConfig } from '../../server/config.ts';
import type { Services } from '../../server/context.ts';
import { Db } from '../../server/store/db.ts';
import { tempDir } from '../integration/helpers.ts';
import { tableCounts } from '../property/support.ts';

const tmp = tempDir('rebound-sec-webhooks-');
let db: Db;
let app: ReturnType<typeof createApp>;

beforeAll(async () => {
  db = await Db.open(tmp.path('store.duckdb'));
  const ec = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const config = loadConfig({
    REBOUND_DEMO: '0', REBOUND_TOKENS: 'admin:admin-token-01234567890',
    SENDGRID_WEBHOOK_PUBLIC_KEY: ec.publicKey.export({ type: 'spki', format: 'der' }).toString('base64'),
    MAILGUN_WEBHOOK_SIGNING_KEY: 'key-0123456789abcdef', SPARKPOST_WEBHOOK_USER: 'u', SPARKPOST_WEBHOOK_PASSWORD: 'a-long-sparkpost-secret',
    SES_SNS_TOPIC_ARNS: 'arn:aws:sns:us-east-1:123456789012:ses',
    POSTMARK_WEBHOOK_USER: 'u', POSTMARK_WEBHOOK_PASSWORD: 'a-long-postmark-secret',
  });
  const s: Services = { db, config, now: () => new Date(), localToken: null };
  app = createApp(s);
});
afterAll(() => {
  db.close();
  tmp.cleanup();
});

const EVENT = { event: 'delivered', timestamp: 1772445600, email: 'a@gmail.com', send_id: 's1', stream: 'promo', sg_event_id: 'e1' };
const BODIES: Record<string, string> = {
  sendgrid: JSON.stringify([EVENT]),
  mailgun: JSON.stringify({ 'event-data': { event: 'delivered', timestamp: 1772445600, id: 'e1', recipient: 'a@gmail.com', 'user-variables': { send_id: 's1', stream: 'promo' } } }),
  sparkpost: JSON.stringify([{ msys: { message_event: { type: 'delivery', timestamp: '1772445600', event_id: 'e1', rcpt_to: 'a@gmail.com', campaign_id: 's1', sending_domain: 'promo' } } }]),
  postmark: JSON.stringify({ RecordType: 'Delivery', MessageID: 'm1', Recipient: 'a@gmail.com', DeliveredAt: '2026-03-02T10:00:00Z', MessageStream: 'outbound', Tag: 's1' }),
  ses: JSON.stringify({ Type: 'Notification', MessageId: 'm1', TopicArn: 'arn:aws:sns:us-east-1:123456789012:ses', Message: '{}', Timestamp: '2026-03-02T10:00:00Z', SignatureVersion: '2', Signature: 'AAAA', SigningCertURL: 'https://evil.example/x.pem' }),
};

describe('webhook authentication with REBOUND_TOKENS set', () => {
  it.each(Object.keys(BODIES))('%s: an unsigned post is 401 and stores nothing, with or without a bearer token', async (esp) => {
    const before = await tableCounts(db);
    const variants: Record<string, string>[] = [{}, { authorization: 'Bearer admin-token-01234567890' }, { authorization: 'Basic dTp3cm9uZw==' }];
    for (const headers of variants) {
      const res = await app.request(`/api/webhooks/${esp}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: BODIES[esp] });
      expect(res.status).toBe(401);
    }
    expect(await tableCounts(db)).toEqual(before);
  });

  it('an ESP without a configured key, or an unknown one, is 404: unsigned data is never accepted', async () => {
    expect((await app.request('/api/webhooks/mandrill', { method: 'POST', body: '[]' })).status).toBe(404);
  });

  it('only POST to exactly /api/webhooks/{esp} is exempt from the bearer token', async () => {
    for (const [method, path] of [['GET', '/api/webhooks/sendgrid'], ['PUT', '/api/webhooks/sendgrid'], ['DELETE', '/api/webhooks/sendgrid'],
      ['POST', '/api/webhooks/sendgrid/extra'], ['POST', '/api/webhooks/sendgrid/replay'], ['GET', '/api/quarantine'], ['POST', '/api/quarantine/replay'], ['POST', '/api/webhooks'], ['POST', '/api/webhooks/'], ['POST', '/api/incidents'], ['POST', '/api/events']] as const) {
      const res = await app.request(path, { method, headers: { 'content-type': 'application/json' }, ...(method === 'GET' ? {} : { body: '{}' }) });
      expect(res.status, `${method} ${path}`).toBe(401);
    }
  });
});
