// Postmark pull settings: on when POSTMARK_SERVER_TOKEN is set. Each message stream in POSTMARK_STREAMS is a
// stream (default `outbound`, Postmark's default transactional stream), and each tag in POSTMARK_TAGS is one too.
import { z } from 'zod';
import { cron, list, url } from '../../env.ts';
import { backfillDays, latenessDays, streamName } from '../env.ts';
import type { EspWindowConfig } from '../types.ts';

export const postmarkEnv = {
  POSTMARK_SERVER_TOKEN: z.string().min(20, 'must be a Postmark Server API token').optional(),
  POSTMARK_API_ENDPOINT: url.default('https://api.postmarkapp.com'),
  POSTMARK_BACKFILL_DAYS: backfillDays,
  POSTMARK_LATENESS_DAYS: latenessDays,
  POSTMARK_CRON: cron.default('45 6 * * *'),
  POSTMARK_STREAMS: list.pipe(z.array(streamName).min(1, 'must name at least one message stream')).default(['outbound']),
  POSTMARK_TAGS: list.pipe(z.array(streamName)).optional(),
};

export interface PostmarkConfig extends EspWindowConfig { token: string; endpoint: string; messageStreams: string[]; tags: string[] }

type Env = z.infer<z.ZodObject<typeof postmarkEnv>>;

export function postmarkConfig(e: Env): PostmarkConfig | null {
  if (!e.POSTMARK_SERVER_TOKEN) return null;
  return {
    token: e.POSTMARK_SERVER_TOKEN, endpoint: e.POSTMARK_API_ENDPOINT, messageStreams: e.POSTMARK_STREAMS, tags: e.POSTMARK_TAGS ?? [],
    backfillDays: e.POSTMARK_BACKFILL_DAYS, latenessDays: e.POSTMARK_LATENESS_DAYS, cron: e.POSTMARK_CRON,
  };
}
