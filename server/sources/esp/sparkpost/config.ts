// SparkPost pull settings: on when SPARKPOST_API_KEY is set. Streams are the campaigns or sending domains
// (SPARKPOST_STREAM_BY) listed in SPARKPOST_STREAMS; without a list, the whole account is the stream
// SPARKPOST_STREAM.
import { z } from 'zod';
import { cron, list, url } from '../../env.ts';
import { backfillDays, streamName } from '../env.ts';
import type { EspWindowConfig } from '../types.ts';

export const sparkpostEnv = {
  SPARKPOST_API_KEY: z.string().min(20, 'must be a SparkPost API key').optional(),
  // The EU region is https://api.eu.sparkpost.com.
  SPARKPOST_API_ENDPOINT: url.default('https://api.sparkpost.com'),
  SPARKPOST_BACKFILL_DAYS: backfillDays,
  // "Deliverability data can be updated for up to 10 days after an email is sent" (SparkPost, Deliverability
  // Analytics): ten days are re-read.
  SPARKPOST_LATENESS_DAYS: z.coerce.number().int('must be a whole number of days').min(0).max(30).default(10),
  SPARKPOST_CRON: cron.default('30 6 * * *'),
  SPARKPOST_STREAM: streamName.default('sparkpost'),
  SPARKPOST_STREAM_BY: z.enum(['campaign', 'sending_domain'], { message: 'must be campaign or sending_domain' }).default('sending_domain'),
  SPARKPOST_STREAMS: list.pipe(z.array(streamName)).optional(),
};

export interface SparkpostConfig extends EspWindowConfig {
  apiKey: string; endpoint: string; stream: string; streamBy: 'campaign' | 'sending_domain'; streams: string[];
}

type Env = z.infer<z.ZodObject<typeof sparkpostEnv>>;

export function sparkpostConfig(e: Env): SparkpostConfig | null {
  if (!e.SPARKPOST_API_KEY) return null;
  return {
    apiKey: e.SPARKPOST_API_KEY, endpoint: e.SPARKPOST_API_ENDPOINT, stream: e.SPARKPOST_STREAM, streamBy: e.SPARKPOST_STREAM_BY,
    streams: e.SPARKPOST_STREAMS ?? [], backfillDays: e.SPARKPOST_BACKFILL_DAYS, latenessDays: e.SPARKPOST_LATENESS_DAYS, cron: e.SPARKPOST_CRON,
  };
}
