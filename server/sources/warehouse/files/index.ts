// Local event files as a source (source `files`): its settings (config.ts), the files read and checked by DuckDB
// (event-files.ts, event-checks.ts) and aggregated by the same SQL as BigQuery's (duckdb.ts), pulled through the
// warehouse pull (../pull.ts).
import type { Source } from '../../source.ts';
import { columnMapping, type ColumnMapping } from '../columns.ts';
import { pullWarehouse, warehouseSummary } from '../pull.ts';
import type { EventFilesConfig } from './config.ts';
import { DuckDbWarehouse } from './duckdb.ts';

// Event files are in the events format of docs/data-formats.md: its column names, and provider or recipient_domain per record.
const EVENT_FILE_COLUMNS: ColumnMapping = { ...(columnMapping('') as ColumnMapping), recipient_domain: 'recipient_domain', recipient: 'recipient' };

export function eventFilesSource(c: EventFilesConfig): Source {
  return {
    name: 'files', schedule: c.cron,
    pull: async (ctx) => warehouseSummary(await pullWarehouse(ctx, 'files', new DuckDbWarehouse(c.patterns, EVENT_FILE_COLUMNS), c)),
  };
}
