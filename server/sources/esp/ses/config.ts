// Amazon SES pull settings (the SES v2 Deliverability dashboard). On when SES_REGION or SES_API_ENDPOINT is set,
// or AWS_ACCESS_KEY_ID is; credentials come the usual AWS way (environment, shared config and credentials
// files, or an instance or task role), so no secret of its own is configured here.
import { z } from 'zod';
import { cron, url } from '../../env.ts';
import { backfillDays, latenessDays } from '../env.ts';
import type { EspWindowConfig } from '../types.ts';

export const sesEnv = {
  SES_REGION: z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/, 'must be an AWS region such as us-east-1').optional(),
  SES_API_ENDPOINT: url.optional(),
  SES_BACKFILL_DAYS: backfillDays,
  SES_LATENESS_DAYS: latenessDays,
  SES_CRON: cron.default('15 7 * * *'),
  // Keys in the environment (the SDK's first usual place); without them the SDK looks further (shared files,
  // instance or task role).
  AWS_ACCESS_KEY_ID: z.string().min(16, 'must be an AWS access key id').optional(),
  AWS_SECRET_ACCESS_KEY: z.string().min(16, 'must be an AWS secret access key').optional(),
  AWS_SESSION_TOKEN: z.string().min(1).optional(),
  AWS_REGION: z.string().optional(),
};

export interface SesCredentials { accessKeyId: string; secretAccessKey: string; sessionToken?: string }
export interface SesConfig extends EspWindowConfig { region: string; endpoint: string | null; credentials: SesCredentials | null }

type Env = z.infer<z.ZodObject<typeof sesEnv>>;

// SES's Deliverability dashboard has its home in us-east-1 among others; a region must be named to sign requests.
const DEFAULT_REGION = 'us-east-1';

export function sesConfig(e: Env): SesConfig | null {
  if (!e.SES_REGION && !e.SES_API_ENDPOINT && !e.AWS_ACCESS_KEY_ID) return null;
  return {
    region: e.SES_REGION ?? e.AWS_REGION ?? DEFAULT_REGION, endpoint: e.SES_API_ENDPOINT ?? null,
    credentials: e.AWS_ACCESS_KEY_ID && e.AWS_SECRET_ACCESS_KEY
      ? { accessKeyId: e.AWS_ACCESS_KEY_ID, secretAccessKey: e.AWS_SECRET_ACCESS_KEY, ...(e.AWS_SESSION_TOKEN ? { sessionToken: e.AWS_SESSION_TOKEN } : {}) }
      : null,
    backfillDays: e.SES_BACKFILL_DAYS, latenessDays: e.SES_LATENESS_DAYS, cron: e.SES_CRON,
  };
}
