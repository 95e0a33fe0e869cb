// Environment → configuration of the ESP webhooks (docs/webhooks.md): each ESP's secret, the fallbacks that give
// an event its send_id and stream, the freshness window of signed timestamps, and the test-only SNS certificate.
// Merged into the sources' configuration (server/sources/config.ts), so a bad value stops the start naming the variable.
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { Db } from '../../store/db.ts';
import { defaultSources, ESPS, parseSources, type Esp, type FieldSources } from './fallbacks.ts';

const SNS_TOPIC_ARN = /^arn:aws(-[a-z]+)*:sns:[a-z0-9-]+:\d{12}:[A-Za-z0-9_-]{1,256}(\.fifo)?$/;
const list = z.string().transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean));

const sourceVars = Object.fromEntries(ESPS.flatMap((esp) => [
  [`${esp.toUpperCase()}_WEBHOOK_SEND_ID`, z.string().optional()],
  [`${esp.toUpperCase()}_WEBHOOK_STREAM`, z.string().optional()],
])) as Record<`${Uppercase<Esp>}_WEBHOOK_${'SEND_ID' | 'STREAM'}`, z.ZodOptional<z.ZodString>>;

export const webhooksEnv = {
  SENDGRID_WEBHOOK_PUBLIC_KEY: z.string().min(40, 'must be the verification key SendGrid shows (base64) or a PEM').optional(),
  MAILGUN_WEBHOOK_SIGNING_KEY: z.string().min(16, 'must be the HTTP webhook signing key from Mailgun').optional(),
  SPARKPOST_WEBHOOK_USER: z.string().min(1).optional(),
  SPARKPOST_WEBHOOK_PASSWORD: z.string().min(16, 'must be at least 16 characters (it is the webhook\'s only secret)').optional(),
  POSTMARK_WEBHOOK_USER: z.string().min(1).optional(),
  POSTMARK_WEBHOOK_PASSWORD: z.string().min(16, 'must be at least 16 characters (it is the webhook\'s only secret)').optional(),
  // Whether ESP webhooks keep each event's recipient address (the audience guard needs it) or only its domain.
  // Off by default: an address is personal data, kept only when the team asks for it.
  WEBHOOK_RECIPIENTS: z.enum(['domain', 'address'], { message: 'must be domain (keep only the recipient domain) or address' }).default('domain'),
  SES_SNS_TOPIC_ARNS: list.pipe(z.array(z.string().regex(SNS_TOPIC_ARN, 'must be SNS topic ARNs such as arn:aws:sns:us-east-1:123456789012:ses-events'))).optional(),
  // How old a signed timestamp (SendGrid's header, SNS's Timestamp, Mailgun's) may be. 15 minutes allows for clock
  // skew and the ESP's own queueing; a captured post re-sent later is refused.
  WEBHOOK_MAX_AGE_MINUTES: z.coerce.number().int('must be a whole number of minutes').min(1).max(7 * 24 * 60).default(15),
  // A PEM certificate trusted for every SNS signature instead of the one at SigningCertURL: for tests of the SES
  // webhook without AWS. Refused in production (REBOUND_TOKENS set, or NODE_ENV=production).
  SNS_TEST_SIGNING_CERT: z.string().min(1).optional(),
  NODE_ENV: z.string().optional(),
  ...sourceVars,
};

type WebhooksEnv = z.infer<z.ZodObject<typeof webhooksEnv>>;

export interface WebhooksConfig {
  sendgridPublicKey: string | null; mailgunSigningKey: string | null;
  sparkpost: { user: string; password: string } | null; postmark: { user: string; password: string } | null;
  sesTopicArns: string[] | null;
  /** WEBHOOK_RECIPIENTS=address: keep each event's recipient address, not only its domain. */
  keepRecipients: boolean;
  maxAgeSeconds: number;
  /** SNS_TEST_SIGNING_CERT's PEM (tests only), else null: the certificate at SigningCertURL is used. */
  snsTestCert: string | null;
  sources: Record<Esp, FieldSources>;
}

export class WebhookConfigError extends Error {
  constructor(readonly variable: string, message: string) {
    super(message);
  }
}

export function webhooksConfig(c: WebhooksEnv, tokensSet: boolean): WebhooksConfig {
  const pair = (user: string | undefined, password: string | undefined, esp: string) => {
    if (!!user !== !!password) throw new WebhookConfigError(`${esp}_WEBHOOK_PASSWORD`, `${esp}_WEBHOOK_USER and ${esp}_WEBHOOK_PASSWORD go together`);
    return user && password ? { user, password } : null;
  };
  const sources = {} as Record<Esp, FieldSources>;
  for (const esp of ESPS) {
    const d = defaultSources(esp);
    const pick = (field: 'sendId' | 'stream', suffix: 'SEND_ID' | 'STREAM') => {
      const variable = `${esp.toUpperCase()}_WEBHOOK_${suffix}` as keyof typeof sourceVars;
      const text = c[variable];
      if (text === undefined) return d[field];
      const parsed = parseSources(esp, text, field);
      if (typeof parsed === 'string') throw new WebhookConfigError(variable, parsed);
      return parsed;
    };
    sources[esp] = { sendId: pick('sendId', 'SEND_ID'), stream: pick('stream', 'STREAM') };
  }
  let snsTestCert: string | null = null;
  if (c.SNS_TEST_SIGNING_CERT) {
    if (tokensSet || c.NODE_ENV === 'production') {
      throw new WebhookConfigError('SNS_TEST_SIGNING_CERT', 'is for tests only and is refused in production (REBOUND_TOKENS set or NODE_ENV=production)');
    }
    try {
      snsTestCert = readFileSync(c.SNS_TEST_SIGNING_CERT, 'utf8');
    } catch {
      throw new WebhookConfigError('SNS_TEST_SIGNING_CERT', `cannot read ${c.SNS_TEST_SIGNING_CERT}`);
    }
    if (!/-----BEGIN (CERTIFICATE|PUBLIC KEY)-----/.test(snsTestCert)) throw new WebhookConfigError('SNS_TEST_SIGNING_CERT', 'must be a PEM certificate or public key');
  }
  return {
    sendgridPublicKey: c.SENDGRID_WEBHOOK_PUBLIC_KEY ?? null,
    mailgunSigningKey: c.MAILGUN_WEBHOOK_SIGNING_KEY ?? null,
    sparkpost: pair(c.SPARKPOST_WEBHOOK_USER, c.SPARKPOST_WEBHOOK_PASSWORD, 'SPARKPOST'),
    postmark: pair(c.POSTMARK_WEBHOOK_USER, c.POSTMARK_WEBHOOK_PASSWORD, 'POSTMARK'),
    sesTopicArns: c.SES_SNS_TOPIC_ARNS && c.SES_SNS_TOPIC_ARNS.length > 0 ? c.SES_SNS_TOPIC_ARNS : null,
    keepRecipients: c.WEBHOOK_RECIPIENTS === 'address',
    maxAgeSeconds: c.WEBHOOK_MAX_AGE_MINUTES * 60,
    snsTestCert,
    sources,
  };
}

/**
 * What receiving and replaying webhooks needs of the running program: the store, the clock and these settings. The
 * services object has them all; naming only these keeps the ingest below the configuration that reads this file.
 */
export interface WebhookContext {
  db: Db;
  now: () => Date;
  config: { sources: { webhooks: WebhooksConfig } };
}
