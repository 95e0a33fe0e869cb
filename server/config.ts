// Environment → typed, validated configuration. A bad value stops the start with a message naming the variable.
import { existsSync } from 'node:fs';
import { z } from 'zod';
import { validate as validateCron } from 'node-cron';
import { DEFAULT_DB_MEMORY, MEMORY_PATTERN } from './store/db.ts';
import { SourceConfigError, sourcesConfig, sourcesEnv, type SourcesConfig } from './sources/config.ts';
import { WATCH_DEFAULTS, WATCH_MIN_VOLUME, type WatchSettings } from '#shared/watch/settings.ts';
import { AlertChannelConfigError, alertChannelsConfig, alertChannelsEnv, type AlertChannelsConfig } from './config-alerts.ts';

export const ROLES = ['viewer', 'editor', 'admin'] as const;
export type Role = (typeof ROLES)[number];
export interface Token { role: Role; token: string }

// Shorter secrets are guessable; 16 characters of a random token is ~96 bits.
const MIN_TOKEN_LENGTH = 16;
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);

export class ConfigError extends Error {
  constructor(readonly variable: string, message: string) {
    super(`${variable}: ${message}`);
    this.name = 'ConfigError';
  }
}

const emailList = z
  .string()
  .transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean))
  .pipe(z.array(z.email({ message: 'must be comma-separated email addresses' })));

const cron = z.string().refine((s) => validateCron(s), { message: 'must be a valid cron expression, e.g. "0 8 * * 1"' });
const timeZone = z.string().refine((tz) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}, { message: 'must be an IANA time zone, e.g. Europe/Berlin' });

const bool = z.enum(['0', '1', 'true', 'false']).transform((v) => v === '1' || v === 'true');

const tokens = z.string().transform((s, ctx): Token[] => {
  const out: Token[] = [];
  for (const part of s.split(',').map((p) => p.trim()).filter(Boolean)) {
    const i = part.indexOf(':');
    const role = part.slice(0, i);
    const token = part.slice(i + 1);
    if (i < 0 || !(ROLES as readonly string[]).includes(role)) {
      ctx.addIssue({ code: 'custom', message: 'each entry must be role:token with role viewer, editor or admin' });
      return z.NEVER;
    }
    if (token.length < MIN_TOKEN_LENGTH) {
      ctx.addIssue({ code: 'custom', message: `each token must be at least ${MIN_TOKEN_LENGTH} characters` });
      return z.NEVER;
    }
    out.push({ role: role as Role, token });
  }
  return out;
});

const schema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8787),
  HOST: z.string().min(1).default('127.0.0.1'),
  REBOUND_DB: z.string().min(1).default('./data/rebound.duckdb'),
  REBOUND_DB_MEMORY: z.string().regex(MEMORY_PATTERN, 'must be a size such as 512MB or 2GB').default(DEFAULT_DB_MEMORY),
  // DuckDB's worker threads in `rebound serve` (docs/performance.md, "Webhooks"); unset, DuckDB's own default.
  REBOUND_DB_THREADS: z.coerce.number().int('must be a whole number').min(1).max(1024).optional(),
  REBOUND_DEMO: bool.default(true),
  // Off only to measure or rule out the read cache (docs/performance.md); answers are the same either way.
  REBOUND_READ_CACHE: bool.default(true),
  REBOUND_TOKENS: tokens.optional(),
  PUBLIC_URL: z.url({ message: 'must be an absolute URL, e.g. https://rebound.example.com' }).optional(),
  SMTP_URL: z.string().regex(/^smtps?:\/\//, 'must start with smtp:// or smtps://').optional(),
  ALERT_FROM: z.email().optional(),
  ALERT_TO: emailList.optional(),
  REPORT_TO: emailList.optional(),
  // Monday 08:00 (docs/reports.md).
  REPORT_CRON: cron.default('0 8 * * 1'),
  TZ_REPORTS: timeZone.default('UTC'),
  // Every 15 minutes: often enough to catch the next send, cheap on a store of this size.
  EVALUATE_CRON: cron.default('*/15 * * * *'),
  // Strings the branded email template always contains (docs/incidents.md: the apology check looks for them in a draft).
  APOLOGY_BRAND_MARKERS: z.string().transform((v) => v.split(',').map((x) => x.trim()).filter(Boolean)).optional(),
  // The watch over every stream (docs/watch.md): off with WATCH=0; its window, baseline, level and volumes.
  WATCH: bool.default(true),
  WATCH_BASELINE_DAYS: z.coerce.number().int('must be a whole number of days').min(5).max(365).default(WATCH_DEFAULTS.baselineDays),
  WATCH_WINDOW_HOURS: z.coerce.number().int('must be a whole number of hours').min(1).max(24 * 30).default(WATCH_DEFAULTS.windowHours),
  WATCH_ALPHA: z.coerce.number().gt(0, 'must be above 0').max(0.2, 'must be at most 0.2').default(WATCH_DEFAULTS.alpha),
  WATCH_GROUP_HOURS: z.coerce.number().min(0).max(24 * 7).default(WATCH_DEFAULTS.groupHours),
  WATCH_MIN_MESSAGES: z.coerce.number().int('must be a whole number').min(0).optional(),
  WATCH_MIN_SEEDS: z.coerce.number().int('must be a whole number').min(0).optional(),
  // BigQuery, Postmaster Tools, SNDS and the ESP webhooks (docs/sources.md).
  ...sourcesEnv,
  // Alert channels besides email (docs/alerts.md).
  ...alertChannelsEnv,
});

export interface Config {
  port: number;
  host: string;
  dbPath: string;
  dbMemory: string;
  /** DuckDB's threads for the server's store; null leaves DuckDB's default (one per core). */
  dbThreads: number | null;
  demo: boolean;
  /** Keep the hot read answers in memory (docs/performance.md). */
  readCache: boolean;
  tokens: Token[] | null;
  publicUrl: string;
  smtpUrl: string | null;
  alertFrom: string | null;
  alertTo: string[];
  reportTo: string[];
  reportCron: string;
  reportTimeZone: string;
  evaluateCron: string;
  /** Markers of the branded template, checked in apology drafts; empty = not checked. */
  apologyBrandMarkers: string[];
  sources: SourcesConfig;
  /** JSON webhooks and Slack (docs/alerts.md). */
  alertChannels: AlertChannelsConfig;
  /** The watch over every stream (docs/watch.md); null: off. */
  watch: WatchSettings | null;
}

/** Reads `.env` in the working directory, if present, without overriding variables already set. */
export function loadDotEnv(path = '.env'): void {
  if (existsSync(path)) process.loadEnvFile(path);
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const raw: Record<string, string> = {};
  for (const key of Object.keys(schema.shape)) {
    const v = env[key];
    if (v !== undefined && v !== '') raw[key] = v;
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const variable = String(issue?.path[0] ?? 'environment');
    throw new ConfigError(variable, issue?.message ?? 'invalid value');
  }
  const c = parsed.data;
  const tokenList = c.REBOUND_TOKENS && c.REBOUND_TOKENS.length > 0 ? c.REBOUND_TOKENS : null;
  // Without tokens every local caller is an admin, so the server must not be reachable from elsewhere (docs/api.md).
  if (!tokenList && !LOOPBACK.has(c.HOST)) {
    throw new ConfigError('HOST', `refusing to bind to ${c.HOST} without REBOUND_TOKENS; set tokens or use 127.0.0.1`);
  }
  // Alerts and reports need a sender people can answer (docs/alerts.md: a real reply-to address, never no-reply).
  if (c.SMTP_URL && !c.ALERT_FROM) throw new ConfigError('ALERT_FROM', 'is required when SMTP_URL is set: the sender and reply-to of alerts');
  if (c.ALERT_FROM && /^no-?reply@/i.test(c.ALERT_FROM)) {
    throw new ConfigError('ALERT_FROM', 'must be an address people can reply to, not a no-reply one');
  }
  return {
    port: c.PORT,
    host: c.HOST,
    dbPath: c.REBOUND_DB,
    dbMemory: c.REBOUND_DB_MEMORY,
    dbThreads: c.REBOUND_DB_THREADS ?? null,
    demo: c.REBOUND_DEMO,
    readCache: c.REBOUND_READ_CACHE,
    tokens: tokenList,
    publicUrl: (c.PUBLIC_URL ?? `http://${c.HOST.includes(':') ? `[${c.HOST}]` : c.HOST}:${c.PORT}`).replace(/\/$/, ''),
    smtpUrl: c.SMTP_URL ?? null,
    alertFrom: c.ALERT_FROM ?? null,
    alertTo: c.ALERT_TO ?? [],
    reportTo: c.REPORT_TO ?? [],
    reportCron: c.REPORT_CRON,
    reportTimeZone: c.TZ_REPORTS,
    evaluateCron: c.EVALUATE_CRON,
    apologyBrandMarkers: c.APOLOGY_BRAND_MARKERS ?? [],
    sources: sourcesOrThrow(c),
    alertChannels: channelsOrThrow(c),
    watch: c.WATCH ? watchSettings(c) : null,
  };
}

function watchSettings(c: { WATCH_BASELINE_DAYS: number; WATCH_WINDOW_HOURS: number; WATCH_ALPHA: number; WATCH_GROUP_HOURS: number; WATCH_MIN_MESSAGES?: number | undefined; WATCH_MIN_SEEDS?: number | undefined }): WatchSettings {
  // Each volume applies to the metrics whose denominator it counts: messages for send summaries, seeds for placement.
  const minVolume = Object.fromEntries(Object.entries(WATCH_MIN_VOLUME).map(([metric, v]) => {
    const seeds = metric === 'inbox_placement_rate' || metric === 'spam_placement_rate';
    return [metric, (seeds ? c.WATCH_MIN_SEEDS : c.WATCH_MIN_MESSAGES) ?? v];
  }));
  return { baselineDays: c.WATCH_BASELINE_DAYS, windowHours: c.WATCH_WINDOW_HOURS, alpha: c.WATCH_ALPHA, groupHours: c.WATCH_GROUP_HOURS, minVolume };
}

function sourcesOrThrow(c: Parameters<typeof sourcesConfig>[0]): SourcesConfig {
  try {
    return sourcesConfig(c);
  } catch (err) {
    if (err instanceof SourceConfigError) throw new ConfigError(err.variable, err.message);
    throw err;
  }
}

function channelsOrThrow(c: Parameters<typeof alertChannelsConfig>[0]): AlertChannelsConfig {
  try {
    return alertChannelsConfig(c);
  } catch (err) {
    if (err instanceof AlertChannelConfigError) throw new ConfigError(err.variable, err.message);
    throw err;
  }
}
