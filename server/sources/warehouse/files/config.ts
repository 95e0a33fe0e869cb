// Local event files pull settings (docs/sources.md): on when EVENTS_FILES_GLOB is set. The files are in the events
// format of docs/data-formats.md, NDJSON (.ndjson, .jsonl, .json) or CSV (.csv), gzipped or not, read by DuckDB.
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';
import { cron, days, hours } from '../../env.ts';

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

export const eventFilesEnv = {
  EVENTS_FILES_GLOB: eventGlobs.optional(),
  // Local files cost nothing to re-read; a quarter of an hour keeps the dashboard close to the files.
  EVENTS_FILES_CRON: cron.default('*/15 * * * *'),
  // The same window semantics and defaults as BigQuery's (bigquery/config.ts).
  EVENTS_FILES_LATENESS_HOURS: hours.default(24),
  EVENTS_FILES_BACKFILL_DAYS: days.default(60),
  EVENTS_FILES_SEND_SPAN_DAYS: days.default(30),
};

/** Local event files aggregated by the DuckDB warehouse: absolute glob patterns. */
export interface EventFilesConfig { patterns: string[]; cron: string; latenessHours: number; backfillDays: number; sendSpanDays: number }

type Env = z.infer<z.ZodObject<typeof eventFilesEnv>>;

export function eventFilesConfig(c: Env): EventFilesConfig | null {
  return c.EVENTS_FILES_GLOB ? {
    patterns: c.EVENTS_FILES_GLOB, cron: c.EVENTS_FILES_CRON, latenessHours: c.EVENTS_FILES_LATENESS_HOURS,
    backfillDays: c.EVENTS_FILES_BACKFILL_DAYS, sendSpanDays: c.EVENTS_FILES_SEND_SPAN_DAYS,
  } : null;
}
