// Environment → the alert channels besides email (docs/alerts.md): generic JSON webhooks signed with a shared
// secret, and a Slack incoming webhook. Merged into config.ts's schema, so a bad value stops the start naming the
// variable. The URLs are secrets (a Slack webhook URL is its own credential): no message here ever repeats one.
import { createHash } from 'node:crypto';
import { z } from 'zod';

// A shorter HMAC key is guessable offline from one signed body; 16 characters of a random string is ~96 bits.
const MIN_SECRET_LENGTH = 16;
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

export interface HttpTarget {
  /** A digest of the URL: what the outbox stores to name the endpoint (never the URL). */
  id: string;
  url: string;
  /** Safe to show and log: the channel and the endpoint's host, never its path or query. */
  label: string;
}
export interface AlertChannelsConfig {
  webhooks: HttpTarget[];
  /** The HMAC-SHA256 key of X-Rebound-Signature; set whenever webhooks are. */
  webhookSecret: string | null;
  slack: HttpTarget | null;
}

export class AlertChannelConfigError extends Error {
  constructor(readonly variable: string, message: string) {
    super(message);
  }
}

export const targetId = (url: string): string => createHash('sha256').update(url).digest('hex').slice(0, 16);

function parseUrl(raw: string, variable: string, httpsOnly: boolean): URL {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    // The value itself is not repeated: it may be a secret with a typo in it.
    throw new AlertChannelConfigError(variable, 'must be absolute http(s) URLs (the value is not shown: it is a secret)');
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') throw new AlertChannelConfigError(variable, 'must be http(s) URLs');
  // Slack's URL carries its secret in the path: plain HTTP would send it readable to every hop but a local one.
  if (httpsOnly && u.protocol !== 'https:' && !LOOPBACK.has(u.hostname)) throw new AlertChannelConfigError(variable, 'must be an https URL');
  if (u.username || u.password) throw new AlertChannelConfigError(variable, 'must not carry credentials in the URL; the body is signed instead');
  return u;
}

export const alertChannelsEnv = {
  ALERT_WEBHOOK_URLS: z.string().optional(),
  ALERT_WEBHOOK_SECRET: z.string().optional(),
  ALERT_SLACK_WEBHOOK_URL: z.string().optional(),
};

export function alertChannelsConfig(c: { ALERT_WEBHOOK_URLS?: string | undefined; ALERT_WEBHOOK_SECRET?: string | undefined; ALERT_SLACK_WEBHOOK_URL?: string | undefined }): AlertChannelsConfig {
  const urls = [...new Set((c.ALERT_WEBHOOK_URLS ?? '').split(',').map((x) => x.trim()).filter(Boolean))];
  const webhooks = urls.map((raw) => {
    const u = parseUrl(raw, 'ALERT_WEBHOOK_URLS', false);
    return { id: targetId(raw), url: raw, label: `webhook ${u.host}` };
  });
  const secret = c.ALERT_WEBHOOK_SECRET ?? null;
  // Unsigned posts could be forged by anyone who learns the receiver's address: no webhook without a secret.
  if (webhooks.length > 0 && !secret) throw new AlertChannelConfigError('ALERT_WEBHOOK_SECRET', 'is required when ALERT_WEBHOOK_URLS is set: every post is signed with it');
  if (secret !== null && secret.length < MIN_SECRET_LENGTH) throw new AlertChannelConfigError('ALERT_WEBHOOK_SECRET', `must be at least ${MIN_SECRET_LENGTH} characters`);
  let slack: HttpTarget | null = null;
  if (c.ALERT_SLACK_WEBHOOK_URL) {
    const raw = c.ALERT_SLACK_WEBHOOK_URL.trim();
    parseUrl(raw, 'ALERT_SLACK_WEBHOOK_URL', true);
    slack = { id: targetId(raw), url: raw, label: 'Slack' };
  }
  return { webhooks, webhookSecret: webhooks.length > 0 ? secret : null, slack };
}
