// Environment → typed, validated configuration. A bad value stops the start with a message naming the variable.
import { existsSync } from 'node:fs';
import { z } from 'zod';
import { validate as validateCron } from 'node-cron';
import { DEFAULT_DB_MEMORY, MEMORY_PATTERN } from './store/db.ts';
import { SourceConfigError, sourcesConfig, sourcesEnv, type SourcesConfig } from './config-sources.ts';
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
  // Monday 08:00 (SPEC 6).
  REPORT_CRON: cron.default('0 8 * * 1'),
  TZ_REPORTS: timeZone.default('UTC'),
  // Every 15 minutes: often enough to catch the next send, cheap on a store of this size.
  EVALUATE_CRON: cron.default('*/15 * * * *'),
  // Strings the branded email template always contains (issue 8: the apology check looks for them in a draft).
  APOLOGY_BRAND_MARKERS: z.string().transform((v) => v.split(',').map((x) => x.trim()).filter(Boolean)).optional(),
  // BigQuery, Postmaster Tools, SNDS and the ESP webhooks (README "Sources").
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
  // Without tokens every local caller is an admin, so the server must not be reachable from elsewhere (SPEC 6).
  if (!tokenList && !LOOPBACK.has(c.HOST)) {
    throw new ConfigError('HOST', `refusing to bind to ${c.HOST} without REBOUND_TOKENS; set tokens or use 127.0.0.1`);
  }
  // Alerts and reports need a sender people can answer (issue 5: "a real reply-to address, never no-reply").
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
  };
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
