// Google Postmaster Tools pull settings (docs/sources.md): on when POSTMASTER_ACCESS_TOKEN, or the three OAuth
// refresh-token variables, are set.
import { z } from 'zod';
import { cron, days, list, url, type Need } from '../env.ts';

export const postmasterEnv = {
  POSTMASTER_ACCESS_TOKEN: z.string().min(10).optional(),
  POSTMASTER_CLIENT_ID: z.string().min(1).optional(),
  POSTMASTER_CLIENT_SECRET: z.string().min(1).optional(),
  POSTMASTER_REFRESH_TOKEN: z.string().min(1).optional(),
  POSTMASTER_DOMAINS: list.optional(),
  POSTMASTER_API_ENDPOINT: url.default('https://gmailpostmastertools.googleapis.com'),
  POSTMASTER_TOKEN_URL: url.default('https://oauth2.googleapis.com/token'),
  // Postmaster publishes a day's data a day or two later and may revise it; daily at 06:00 UTC, re-reading a week.
  POSTMASTER_CRON: cron.default('0 6 * * *'),
  POSTMASTER_DAYS: days.default(7),
};

export interface PostmasterConfig {
  accessToken: string | null; oauth: { clientId: string; clientSecret: string; refreshToken: string } | null;
  domains: string[] | null; apiEndpoint: string; tokenUrl: string; cron: string; days: number;
}

type Env = z.infer<z.ZodObject<typeof postmasterEnv>>;

export function postmasterConfig(c: Env, need: Need): PostmasterConfig | null {
  const oauthParts = [c.POSTMASTER_CLIENT_ID, c.POSTMASTER_CLIENT_SECRET, c.POSTMASTER_REFRESH_TOKEN];
  need('POSTMASTER_REFRESH_TOKEN', oauthParts.every(Boolean) || oauthParts.every((p) => !p),
    'POSTMASTER_CLIENT_ID, POSTMASTER_CLIENT_SECRET and POSTMASTER_REFRESH_TOKEN go together');
  const oauth = c.POSTMASTER_CLIENT_ID && c.POSTMASTER_CLIENT_SECRET && c.POSTMASTER_REFRESH_TOKEN
    ? { clientId: c.POSTMASTER_CLIENT_ID, clientSecret: c.POSTMASTER_CLIENT_SECRET, refreshToken: c.POSTMASTER_REFRESH_TOKEN } : null;
  return c.POSTMASTER_ACCESS_TOKEN || oauth ? {
    accessToken: c.POSTMASTER_ACCESS_TOKEN ?? null, oauth, domains: c.POSTMASTER_DOMAINS ?? null,
    apiEndpoint: c.POSTMASTER_API_ENDPOINT, tokenUrl: c.POSTMASTER_TOKEN_URL, cron: c.POSTMASTER_CRON, days: c.POSTMASTER_DAYS,
  } : null;
}
