// Environment → configuration of the pulled and pushed sources (docs/sources.md): BigQuery, local event files through
// DuckDB, Postmaster Tools, SNDS and the ESP webhooks. Merged into config.ts's schema, so a bad value stops the start naming the variable.
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';
import { validate as validateCron } from 'node-cron';
import { webhooksConfig, WebhookConfigError, webhooksEnv, type WebhooksConfig } from '../ingest/webhooks/config.ts';
import { IPV4 } from '../ingest/reputation/snds-format.ts';
import { espConfigs, espEnv, type EspConfigs } from './esp/registry.ts';
import { BIGQUERY_FIELDS, columnMapping, type ColumnMapping } from './warehouse/columns.ts';

const cron = z.string().refine((s) => validateCron(s), { message: 'must be a valid cron expression, e.g. "0 6 * * *"' });
const list = z.string().transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean));
const url = z.url({ message: 'must be an absolute URL such as http://127.0.0.1:9050' }).transform((u) => u.replace(/\/$/, ''));
const hours = z.coerce.number().int('must be a whole number of hours').min(0).max(24 * 30);
const days = z.coerce.number().int('must be a whole number of days').min(1).max(400);

// `project.dataset.table` or `dataset.table` (then in BIGQUERY_PROJECT): BigQuery's naming rules, strictly, so the
// name can be quoted into the SQL safely (values are always parameters; identifiers cannot be).
export const BIGQUERY_TABLE = /^([a-z][a-z0-9-]{4,28}[a-z0-9]\.)?[A-Za-z0-9_]{1,1024}\.[A-Za-z0-9_-]{1,1024}$/;

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

// Local event files (docs/data-formats.md) are read by DuckDB: NDJSON (.ndjson, .jsonl, .json) or CSV (.csv), gzipped or not.
export const EVENT_FILE_EXTENSION = /\.(ndjson|jsonl|json|csv)(\.gz)?$/i;
const GLOB_CHAR = /[*?[{]/;

/** "./events/*.ndjson,./more/**\/*.csv" → absolute patterns; each must name its format and start in a directory that exists. */
const eventGlobs = z.string().transform((s, ctx): string[] => {
  const patterns = s.split(',').map((p) => p.trim()).filter(Boolean);
  if (patterns.length === 0) {
    ctx.addIssue({ code: 'custom', message: 'must name event files, e.g. ./events/*.ndjson' });
    return z.NEVER;
  }
  for (const p of patterns) {
    if (!EVENT_FILE_EXTENSION.test(p)) {
      ctx.addIssue({ code: 'custom', message: `${p}: each pattern must end in .ndjson, .jsonl, .json or .csv (optionally .gz), e.g. ./events/*.ndjson` });
      return z.NEVER;
    }
    // The fixed part of the pattern (before any wildcard): its directory must exist, else the pattern is a typo.
    const fixed = p.split('/').filter((_, i, parts) => !parts.slice(0, i + 1).some((x) => GLOB_CHAR.test(x))).join('/');
    const dir = GLOB_CHAR.test(p) ? resolve(fixed || '.') : resolve(p, '..');
    if (!existsSync(dir) || !statSync(dir).isDirectory()) {
      ctx.addIssue({ code: 'custom', message: `${p}: the directory ${dir} does not exist` });
      return z.NEVER;
    }
  }
  return patterns.map((p) => resolve(p));
});

export const sourcesEnv = {
  BIGQUERY_PROJECT: z.string().regex(/^[a-z][a-z0-9-]{4,28}[a-z0-9]$/, 'must be a Google Cloud project id').optional(),
  BIGQUERY_EVENTS_TABLE: z.string().regex(BIGQUERY_TABLE, 'must be project.dataset.table or dataset.table').optional(),
  BIGQUERY_LOCATION: z.string().regex(/^[A-Za-z0-9-]{2,40}$/, 'must be a BigQuery location such as US or europe-west3').optional(),
  BIGQUERY_COLUMNS: z.string().transform((s, ctx) => {
    const m = columnMapping(s);
    if (typeof m === 'string') {
      ctx.addIssue({ code: 'custom', message: m });
      return z.NEVER;
    }
    return m;
  }).optional(),
  BIGQUERY_API_ENDPOINT: url.optional(),
  // Half-hourly: events land in a warehouse within minutes to hours; more often only costs BigQuery scans.
  BIGQUERY_CRON: cron.default('*/30 * * * *'),
  // Events reach an events table late (a nightly ETL, an ESP's retries); a day covers a daily batch load.
  BIGQUERY_LATENESS_HOURS: hours.default(24),
  // The first pull reaches back over a full baseline (28 days) and monitoring window (30 days).
  BIGQUERY_BACKFILL_DAYS: days.default(60),
  // A send's complaints and unsubscribes keep arriving for days (docs/data-formats.md): a re-aggregated send reads its
  // events this far back, which also bounds how much of a partitioned table each pull scans.
  BIGQUERY_SEND_SPAN_DAYS: days.default(30),
  EVENTS_FILES_GLOB: eventGlobs.optional(),
  // Local files cost nothing to re-read; a quarter of an hour keeps the dashboard close to the files.
  EVENTS_FILES_CRON: cron.default('*/15 * * * *'),
  // The same window semantics and defaults as BigQuery's (see there).
  EVENTS_FILES_LATENESS_HOURS: hours.default(24),
  EVENTS_FILES_BACKFILL_DAYS: days.default(60),
  EVENTS_FILES_SEND_SPAN_DAYS: days.default(30),
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
  SNDS_KEY: z.string().regex(/^[A-Za-z0-9-]{8,100}$/, 'must be the key of your SNDS automated-access URL').optional(),
  SNDS_API_ENDPOINT: url.default('https://sendersupport.olc.protection.outlook.com/snds'),
  // SNDS publishes a day's data once the day is over (Pacific time); 07:30 UTC picks it up the next morning.
  SNDS_CRON: cron.default('30 7 * * *'),
  SNDS_IP_STREAMS: ipStreams.optional(),
  // The ESP webhooks: config-webhooks.ts.
  ...webhooksEnv,
  // ESP metrics pulls (SendGrid, SparkPost, Postmark, Mailgun, SES): each ESP's folder names its variables.
  ...espEnv,
};

type SourcesEnv = z.infer<z.ZodObject<typeof sourcesEnv>>;

export interface SourcesConfig {
  bigquery: {
    projectId: string; table: string; location: string | null; columns: ColumnMapping; apiEndpoint: string | null;
    cron: string; latenessHours: number; backfillDays: number; sendSpanDays: number;
  } | null;
  /** Local event files aggregated by the DuckDB warehouse (EVENTS_FILES_GLOB): absolute glob patterns. */
  eventFiles: { patterns: string[]; cron: string; latenessHours: number; backfillDays: number; sendSpanDays: number } | null;
  postmaster: {
    accessToken: string | null; oauth: { clientId: string; clientSecret: string; refreshToken: string } | null;
    domains: string[] | null; apiEndpoint: string; tokenUrl: string; cron: string; days: number;
  } | null;
  snds: { key: string; apiEndpoint: string; cron: string } | null;
  /** The ESP metrics pulls; each null until its key is set. */
  esp: EspConfigs;
  sndsIpStreams: Record<string, string>;
  webhooks: WebhooksConfig;
}

export class SourceConfigError extends Error {
  constructor(readonly variable: string, message: string) {
    super(message);
  }
}

/** The validated variables → the sources' configuration; a half-configured source names what is missing. */
export function sourcesConfig(c: SourcesEnv & { REBOUND_TOKENS?: readonly unknown[] }): SourcesConfig {
  const need = (variable: string, ok: boolean, message: string) => {
    if (!ok) throw new SourceConfigError(variable, message);
  };
  const bqProject = c.BIGQUERY_PROJECT ?? (c.BIGQUERY_EVENTS_TABLE?.split('.').length === 3 ? c.BIGQUERY_EVENTS_TABLE.split('.')[0] : undefined);
  need('BIGQUERY_EVENTS_TABLE', !c.BIGQUERY_PROJECT || !!c.BIGQUERY_EVENTS_TABLE, 'is required when BIGQUERY_PROJECT is set');
  need('BIGQUERY_PROJECT', !c.BIGQUERY_EVENTS_TABLE || !!bqProject, 'is required when BIGQUERY_EVENTS_TABLE has no project part');
  const oauthParts = [c.POSTMASTER_CLIENT_ID, c.POSTMASTER_CLIENT_SECRET, c.POSTMASTER_REFRESH_TOKEN];
  need('POSTMASTER_REFRESH_TOKEN', oauthParts.every(Boolean) || oauthParts.every((p) => !p),
    'POSTMASTER_CLIENT_ID, POSTMASTER_CLIENT_SECRET and POSTMASTER_REFRESH_TOKEN go together');
  const oauth = c.POSTMASTER_CLIENT_ID && c.POSTMASTER_CLIENT_SECRET && c.POSTMASTER_REFRESH_TOKEN
    ? { clientId: c.POSTMASTER_CLIENT_ID, clientSecret: c.POSTMASTER_CLIENT_SECRET, refreshToken: c.POSTMASTER_REFRESH_TOKEN } : null;
  const table = c.BIGQUERY_EVENTS_TABLE;
  return {
    bigquery: table && bqProject ? {
      projectId: bqProject, table: table.split('.').length === 3 ? table : `${bqProject}.${table}`,
      location: c.BIGQUERY_LOCATION ?? null, columns: c.BIGQUERY_COLUMNS ?? columnMapping('') as ColumnMapping,
      apiEndpoint: c.BIGQUERY_API_ENDPOINT ?? null, cron: c.BIGQUERY_CRON, latenessHours: c.BIGQUERY_LATENESS_HOURS,
      backfillDays: c.BIGQUERY_BACKFILL_DAYS, sendSpanDays: c.BIGQUERY_SEND_SPAN_DAYS,
    } : null,
    eventFiles: c.EVENTS_FILES_GLOB ? {
      patterns: c.EVENTS_FILES_GLOB, cron: c.EVENTS_FILES_CRON, latenessHours: c.EVENTS_FILES_LATENESS_HOURS,
      backfillDays: c.EVENTS_FILES_BACKFILL_DAYS, sendSpanDays: c.EVENTS_FILES_SEND_SPAN_DAYS,
    } : null,
    postmaster: c.POSTMASTER_ACCESS_TOKEN || oauth ? {
      accessToken: c.POSTMASTER_ACCESS_TOKEN ?? null, oauth, domains: c.POSTMASTER_DOMAINS ?? null,
      apiEndpoint: c.POSTMASTER_API_ENDPOINT, tokenUrl: c.POSTMASTER_TOKEN_URL, cron: c.POSTMASTER_CRON, days: c.POSTMASTER_DAYS,
    } : null,
    snds: c.SNDS_KEY ? { key: c.SNDS_KEY, apiEndpoint: c.SNDS_API_ENDPOINT, cron: c.SNDS_CRON } : null,
    sndsIpStreams: c.SNDS_IP_STREAMS ?? {},
    esp: espConfigs(c, need),
    webhooks: webhooks(c),
  };
}

function webhooks(c: SourcesEnv & { REBOUND_TOKENS?: readonly unknown[] }): WebhooksConfig {
  try {
    return webhooksConfig(c, (c.REBOUND_TOKENS?.length ?? 0) > 0);
  } catch (err) {
    if (err instanceof WebhookConfigError) throw new SourceConfigError(err.variable, err.message);
    throw err;
  }
}

export { BIGQUERY_FIELDS };
