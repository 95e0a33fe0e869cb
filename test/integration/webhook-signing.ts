// Posts to the ESP webhooks signed as each ESP signs them (keys made here with node:crypto), shared by the
// webhook tests. SES goes through SNS_TEST_SIGNING_CERT: the public key of the RSA pair below, written to a file.
import { createHmac, generateKeyPairSync, randomBytes, sign } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { stringToSign, type SnsMessage } from '../../server/ingest/webhooks/sns-verify.ts';

export const ec = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
export const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
export const MAILGUN_KEY = 'key-0123456789abcdef0123456789abcdef';
export const BASIC = { user: 'rebound', password: 'a-long-webhook-secret' };
export const TOPIC = 'arn:aws:sns:us-east-1:123456789012:ses-events';

/** The environment that configures every ESP; `certPath` is where the SNS test key is written. */
export function webhookEnv(certPath: string): Record<string, string> {
  writeFileSync(certPath, rsa.publicKey.export({ type: 'spki', format: 'pem' }).toString());
  return {
    SENDGRID_WEBHOOK_PUBLIC_KEY: ec.publicKey.export({ type: 'spki', format: 'der' }).toString('base64'),
    MAILGUN_WEBHOOK_SIGNING_KEY: MAILGUN_KEY,
    SPARKPOST_WEBHOOK_USER: BASIC.user, SPARKPOST_WEBHOOK_PASSWORD: BASIC.password,
    POSTMARK_WEBHOOK_USER: BASIC.user, POSTMARK_WEBHOOK_PASSWORD: BASIC.password,
    SES_SNS_TOPIC_ARNS: TOPIC, SNS_TEST_SIGNING_CERT: certPath,
  };
}

export interface SignedPost { path: string; body: string; headers: Record<string, string> }
const basic = () => ({ authorization: `Basic ${Buffer.from(`${BASIC.user}:${BASIC.password}`).toString('base64')}` });

let sns = 0;
/** `raw` (the ESP's payload as JSON text) as the ESP would post it at `now`. */
export function signedPost(esp: string, raw: string, now: Date): SignedPost {
  const seconds = String(Math.floor(now.getTime() / 1000));
  switch (esp) {
    case 'sendgrid':
      return {
        path: '/api/webhooks/sendgrid', body: raw, headers: {
          'x-twilio-email-event-webhook-signature': sign('sha256', Buffer.from(seconds + raw), ec.privateKey).toString('base64'),
          'x-twilio-email-event-webhook-timestamp': seconds,
        },
      };
    case 'mailgun': {
      // Every post gets a new token and a signature over it, as Mailgun signs each post.
      const payload = JSON.parse(raw) as Record<string, unknown>;
      const token = randomBytes(25).toString('hex');
      payload.signature = { timestamp: seconds, token, signature: createHmac('sha256', MAILGUN_KEY).update(seconds + token).digest('hex') };
      return { path: '/api/webhooks/mailgun', body: JSON.stringify(payload), headers: {} };
    }
    case 'ses': {
      const m: SnsMessage = {
        Type: 'Notification', MessageId: `b1f2c3d4-0000-4000-8000-${String(++sns).padStart(12, '0')}`, TopicArn: TOPIC,
        Subject: 'Amazon SES Email Event Notification', Message: raw, Timestamp: now.toISOString(), SignatureVersion: '2', Signature: '',
        SigningCertURL: 'https://sns.us-east-1.amazonaws.com/SimpleNotificationService-local.pem',
      };
      m.Signature = sign('sha256', Buffer.from(stringToSign(m)), rsa.privateKey).toString('base64');
      return { path: '/api/webhooks/ses', body: JSON.stringify(m), headers: {} };
    }
    default:
      return { path: `/api/webhooks/${esp}`, body: raw, headers: basic() };
  }
}
