// SendGrid pull settings: on when SENDGRID_API_KEY is set. The account-wide mailbox-provider statistics are
// stored as the stream SENDGRID_STREAM; each category in SENDGRID_CATEGORIES is a stream of its own.
import { z } from 'zod';
import { cron, list, url } from '../../env.ts';
import { backfillDays, latenessDays, streamName } from '../env.ts';
import type { EspWindowConfig } from '../types.ts';

export const sendgridEnv = {
  SENDGRID_API_KEY: z.string().min(20, 'must be a SendGrid API key (SG.…)').optional(),
  SENDGRID_API_ENDPOINT: url.default('https://api.sendgrid.com'),
  SENDGRID_BACKFILL_DAYS: backfillDays,
  SENDGRID_LATENESS_DAYS: latenessDays,
  // SendGrid closes a UTC day's statistics within hours; 06:15 UTC reads yesterday complete.
  SENDGRID_CRON: cron.default('15 6 * * *'),
  SENDGRID_STREAM: streamName.default('sendgrid'),
  SENDGRID_CATEGORIES: list.pipe(z.array(streamName)).optional(),
};

export interface SendgridConfig extends EspWindowConfig {
  apiKey: string; endpoint: string; stream: string; categories: string[];
}

type Env = z.infer<z.ZodObject<typeof sendgridEnv>>;

export function sendgridConfig(e: Env): SendgridConfig | null {
  if (!e.SENDGRID_API_KEY) return null;
  return {
    apiKey: e.SENDGRID_API_KEY, endpoint: e.SENDGRID_API_ENDPOINT, stream: e.SENDGRID_STREAM, categories: e.SENDGRID_CATEGORIES ?? [],
    backfillDays: e.SENDGRID_BACKFILL_DAYS, latenessDays: e.SENDGRID_LATENESS_DAYS, cron: e.SENDGRID_CRON,
  };
}
