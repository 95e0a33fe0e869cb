// Every pulled source, in one list (docs/sources.md): each one is a folder with its configuration (config.ts), its
// client and parser, and its pull, and comes out as a Source (source.ts). This is the only place that knows them
// all; services/sources.ts runs them for the scheduler, the CLI and the API.
import type { RetryOptions } from '../http/retry.ts';
import type { SourcesConfig } from './config.ts';
import { espSources } from './esp/registry.ts';
import { ESP_NAMES } from './esp/types.ts';
import { postmasterSource } from './postmaster/index.ts';
import { sndsSource } from './snds/index.ts';
import type { Source } from './source.ts';
import { bigquerySource } from './warehouse/bigquery/index.ts';
import { eventFilesSource } from './warehouse/files/index.ts';

export const PULL_SOURCES = ['bigquery', 'files', 'postmaster', 'snds', ...ESP_NAMES] as const;
export type PullSource = (typeof PULL_SOURCES)[number];

/**
 * The configured sources, each on when its variables are set. The warehouse is chosen here: BigQuery when
 * BIGQUERY_EVENTS_TABLE is set (source `bigquery`), DuckDB over local event files when EVENTS_FILES_GLOB is set
 * (source `files`); both pull through warehouse/pull.ts, with the same watermark and lateness window. `retry` is
 * for tests: waits they need not sit through.
 */
export function configuredSources(c: SourcesConfig, retry?: RetryOptions): Source[] {
  const out: Source[] = [];
  if (c.bigquery) out.push(bigquerySource(c.bigquery, retry));
  if (c.eventFiles) out.push(eventFilesSource(c.eventFiles));
  if (c.postmaster) out.push(postmasterSource(c.postmaster, retry));
  if (c.snds) out.push(sndsSource(c.snds, retry));
  out.push(...espSources(c.esp, retry));
  return out;
}
