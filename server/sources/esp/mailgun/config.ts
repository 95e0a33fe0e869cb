// Mailgun pull settings: on when MAILGUN_API_KEY is set; MAILGUN_DOMAINS names the sending domains, each a stream.
import { z } from 'zod';
import { cron, list, url, type Need } from '../../env.ts';
import { backfillDays, latenessDays } from '../env.ts';
import type { EspWindowConfig } from '../types.ts';

const domain = z.string().regex(/^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$/i, 'must be sending domains such as mg.example.com');

export const mailgunEnv = {
  MAILGUN_API_KEY: z.string().min(20, 'must be a Mailgun API key').optional(),
  MAILGUN_DOMAINS: list.pipe(z.array(domain)).optional(),
  // The EU region is https://api.eu.mailgun.net.
  MAILGUN_API_ENDPOINT: url.default('https://api.mailgun.net'),
  MAILGUN_BACKFILL_DAYS: backfillDays,
  MAILGUN_LATENESS_DAYS: latenessDays,
  MAILGUN_CRON: cron.default('0 7 * * *'),
};

export interface MailgunConfig extends EspWindowConfig { apiKey: string; endpoint: string; domains: string[] }

type Env = z.infer<z.ZodObject<typeof mailgunEnv>>;

/** Null while off; throws naming MAILGUN_DOMAINS when a key is set without domains (what would it pull?). */
export function mailgunConfig(e: Env, need: Need): MailgunConfig | null {
  if (!e.MAILGUN_API_KEY) return null;
  need('MAILGUN_DOMAINS', (e.MAILGUN_DOMAINS ?? []).length > 0, 'is required when MAILGUN_API_KEY is set: the sending domains to pull, e.g. mg.example.com');
  return {
    apiKey: e.MAILGUN_API_KEY, endpoint: e.MAILGUN_API_ENDPOINT, domains: e.MAILGUN_DOMAINS ?? [],
    backfillDays: e.MAILGUN_BACKFILL_DAYS, latenessDays: e.MAILGUN_LATENESS_DAYS, cron: e.MAILGUN_CRON,
  };
}
