// BigQuery pull settings (docs/sources.md): on when BIGQUERY_EVENTS_TABLE is set. The table name is held to
// BigQuery's naming rules, strictly, because it is quoted into the SQL (values are always parameters; identifiers
// cannot be).
import { z } from 'zod';
import { cron, days, hours, url, type Need } from '../../env.ts';
import { columnMapping, type ColumnMapping } from '../columns.ts';

// `project.dataset.table` or `dataset.table` (then in BIGQUERY_PROJECT).
export const BIGQUERY_TABLE = /^([a-z][a-z0-9-]{4,28}[a-z0-9]\.)?[A-Za-z0-9_]{1,1024}\.[A-Za-z0-9_-]{1,1024}$/;

export const bigqueryEnv = {
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
};

export interface BigQueryConfig {
  projectId: string; table: string; location: string | null; columns: ColumnMapping; apiEndpoint: string | null;
  cron: string; latenessHours: number; backfillDays: number; sendSpanDays: number;
}

type Env = z.infer<z.ZodObject<typeof bigqueryEnv>>;

/** Null while off; a table without a project (or a project without a table) names what is missing. */
export function bigqueryConfig(c: Env, need: Need): BigQueryConfig | null {
  const project = c.BIGQUERY_PROJECT ?? (c.BIGQUERY_EVENTS_TABLE?.split('.').length === 3 ? c.BIGQUERY_EVENTS_TABLE.split('.')[0] : undefined);
  need('BIGQUERY_EVENTS_TABLE', !c.BIGQUERY_PROJECT || !!c.BIGQUERY_EVENTS_TABLE, 'is required when BIGQUERY_PROJECT is set');
  need('BIGQUERY_PROJECT', !c.BIGQUERY_EVENTS_TABLE || !!project, 'is required when BIGQUERY_EVENTS_TABLE has no project part');
  const table = c.BIGQUERY_EVENTS_TABLE;
  if (!table || !project) return null;
  return {
    projectId: project, table: table.split('.').length === 3 ? table : `${project}.${table}`,
    location: c.BIGQUERY_LOCATION ?? null, columns: c.BIGQUERY_COLUMNS ?? columnMapping('') as ColumnMapping,
    apiEndpoint: c.BIGQUERY_API_ENDPOINT ?? null, cron: c.BIGQUERY_CRON, latenessHours: c.BIGQUERY_LATENESS_HOURS,
    backfillDays: c.BIGQUERY_BACKFILL_DAYS, sendSpanDays: c.BIGQUERY_SEND_SPAN_DAYS,
  };
}
