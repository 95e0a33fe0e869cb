// Microsoft SNDS pull settings (docs/sources.md): on when SNDS_KEY is set; SNDS_IP_STREAMS says which stream each
// sending IP serves (the evaluation reads it too: an incident's reputation rows are its streams' and their IPs').
import { z } from 'zod';
import { IPV4 } from '../../ingest/reputation/snds-format.ts';
import { cron, url } from '../env.ts';

const ipStreams = z.string().transform((s, ctx): Record<string, string> => {
  const out: Record<string, string> = {};
  for (const pair of s.split(',').map((p) => p.trim()).filter(Boolean)) {
    const [ip, stream] = pair.split('=').map((x) => x.trim());
    if (!ip || !stream || !IPV4.test(ip)) {
      ctx.addIssue({ code: 'custom', message: 'must be comma-separated IP=stream pairs, e.g. 203.0.113.7=news.example.com' });
      return z.NEVER;
    }
    out[ip] = stream;
  }
  return out;
});

export const sndsEnv = {
  SNDS_KEY: z.string().regex(/^[A-Za-z0-9-]{8,100}$/, 'must be the key of your SNDS automated-access URL').optional(),
  SNDS_API_ENDPOINT: url.default('https://sendersupport.olc.protection.outlook.com/snds'),
  // SNDS publishes a day's data once the day is over (Pacific time); 07:30 UTC picks it up the next morning.
  SNDS_CRON: cron.default('30 7 * * *'),
  SNDS_IP_STREAMS: ipStreams.optional(),
};

export interface SndsConfig { key: string; apiEndpoint: string; cron: string }

type Env = z.infer<z.ZodObject<typeof sndsEnv>>;

export function sndsConfig(c: Env): SndsConfig | null {
  return c.SNDS_KEY ? { key: c.SNDS_KEY, apiEndpoint: c.SNDS_API_ENDPOINT, cron: c.SNDS_CRON } : null;
}

export const sndsIpStreams = (c: Env): Record<string, string> => c.SNDS_IP_STREAMS ?? {};
