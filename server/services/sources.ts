// The pulled sources that are configured, and running one now (`rebound pull`, the scheduler, the API). The
// warehouse is chosen here, in one place: BigQuery when BIGQUERY_EVENTS_TABLE is set (source `bigquery`), DuckDB
// over local event files when EVENTS_FILES_GLOB is set (source `files`); both pull through pullWarehouse, with the
// same watermark and lateness window.
import type { Services } from '../context.ts';
import { pullPostmaster } from '../sources/postmaster/pull.ts';
import { pullSnds } from '../sources/snds/pull.ts';
import { ESP_PULLS, espPulls } from '../sources/esp/registry.ts';
import { listSourceStates, type SourceState } from '../store/sources.ts';
import { BigQueryWarehouse } from '../sources/warehouse/bigquery/client.ts';
import { columnMapping, type ColumnMapping } from '../sources/warehouse/columns.ts';
import { DuckDbWarehouse } from '../sources/warehouse/files/duckdb.ts';
import { pullWarehouse } from '../sources/warehouse/pull.ts';
import type { SourceInfo } from '#shared/schema/sources.ts';

export const PULL_SOURCES = ['bigquery', 'files', 'postmaster', 'snds', ...ESP_PULLS] as const;

// Event files are in the events format of docs/data-formats.md: its column names, and provider or recipient_domain per record.
const EVENT_FILE_COLUMNS: ColumnMapping = { ...(columnMapping('') as ColumnMapping), recipient_domain: 'recipient_domain', recipient: 'recipient' };
export type PullSource = (typeof PULL_SOURCES)[number];

export interface PullDef { name: PullSource; schedule: string; run: () => Promise<string> }

export function configuredPulls(s: Services): PullDef[] {
  const c = s.config.sources;
  const out: PullDef[] = [];
  if (c.bigquery) {
    const bq = c.bigquery;
    out.push({
      name: 'bigquery', schedule: bq.cron,
      run: async () => {
        const warehouse = new BigQueryWarehouse({ projectId: bq.projectId, table: bq.table, columns: bq.columns, location: bq.location, apiEndpoint: bq.apiEndpoint });
        const r = await pullWarehouse(s, 'bigquery', warehouse, bq);
        return `bigquery: ${r.rows} send aggregate(s) for events since ${r.since}, ${r.stored} changed; watermark ${r.watermark ?? 'none yet'}`;
      },
    });
  }
  if (c.eventFiles) {
    const ef = c.eventFiles;
    out.push({
      name: 'files', schedule: ef.cron,
      run: async () => {
        const r = await pullWarehouse(s, 'files', new DuckDbWarehouse(ef.patterns, EVENT_FILE_COLUMNS), ef);
        return `files: ${r.rows} send aggregate(s) for events since ${r.since}, ${r.stored} changed; watermark ${r.watermark ?? 'none yet'}`;
      },
    });
  }
  if (c.postmaster) {
    const pm = c.postmaster;
    out.push({ name: 'postmaster', schedule: pm.cron, run: () => pullPostmaster(s, pm) });
  }
  if (c.snds) {
    const snds = c.snds;
    out.push({ name: 'snds', schedule: snds.cron, run: () => pullSnds(s, snds) });
  }
  // The ESP metrics pulls, each on when its key is set (server/sources/esp/registry.ts).
  out.push(...espPulls(s));
  return out;
}

export class SourceNotConfigured extends Error {}

/** Runs one configured pull (or every one, without a name) now; returns their summaries. */
export async function pullNow(s: Services, name?: string): Promise<string[]> {
  const pulls = configuredPulls(s);
  const chosen = name ? pulls.filter((p) => p.name === name) : pulls;
  if (chosen.length === 0) {
    throw new SourceNotConfigured(name
      ? `${name} is not configured (${(PULL_SOURCES as readonly string[]).includes(name) ? 'see docs/sources.md' : `known sources: ${PULL_SOURCES.join(', ')}`})`
      : 'no pulled source is configured (see docs/sources.md)');
  }
  const out: string[] = [];
  for (const p of chosen) out.push(await p.run());
  return out;
}

export type { SourceInfo };

/** Every source the data page shows: configured pulls and webhooks, and any source that has a recorded state. */
export async function sourcesOverview(s: Services): Promise<SourceInfo[]> {
  const states = new Map((await listSourceStates(s.db)).map((st) => [st.source, st]));
  const empty = (source: string): SourceState => ({ source, watermark: null, last_run_at: null, last_ok_at: null, last_rows: 0, total_rows: 0, runs: 0, failures: 0, last_error: null });
  const out: SourceInfo[] = [];
  for (const p of configuredPulls(s)) out.push({ ...(states.get(p.name) ?? empty(p.name)), kind: 'pull', configured: true, schedule: p.schedule });
  const w = s.config.sources.webhooks;
  const hooks: [string, boolean][] = [['sendgrid', !!w.sendgridPublicKey], ['ses', !!w.sesTopicArns], ['mailgun', !!w.mailgunSigningKey], ['sparkpost', !!w.sparkpost], ['postmark', !!w.postmark]];
  for (const [esp, on] of hooks) if (on) out.push({ ...(states.get(`webhook:${esp}`) ?? empty(`webhook:${esp}`)), kind: 'webhook', configured: true, schedule: null });
  for (const [name, st] of states) {
    if (!out.some((o) => o.source === name)) out.push({ ...st, kind: name.startsWith('webhook:') ? 'webhook' : 'pull', configured: false, schedule: null });
  }
  return out;
}
