// Where raw events are aggregated (docs/sources.md): DuckDB over local event files (files/), or BigQuery with the
// aggregation pushed down (bigquery/). One interface, one typed query, zod-checked rows; the choice is made in one
// place (configuredSources in server/sources/index.ts).
import { z } from 'zod';
import { PROVIDERS } from '#shared/providers.ts';

export interface AggregateWindow {
  /** Sends touched by an event at or after this instant are (re-)aggregated. */
  since: Date;
  /** Events before this instant are read (the pull's "now"). */
  until: Date;
  /** A touched send's events are read from this instant on (since − BIGQUERY_SEND_SPAN_DAYS). */
  scanFrom: Date;
}

const count = z.number().int().nonnegative();
const isoTime = z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'must be a timestamp').transform((s) => new Date(s).toISOString());

/** One send × provider aggregate: the send summary of docs/data-formats.md plus the newest event time it saw. */
export const sendAggregate = z.object({
  send_id: z.string().min(1),
  provider: z.enum(PROVIDERS),
  stream: z.string().min(1),
  sent_at: isoTime,
  injected: count,
  delivered: count,
  bounced_hard: count,
  bounced_soft: count,
  bounced_block: count,
  complaints: count,
  unsubscribes: count,
  opens: count,
  clicks: count,
  last_event_at: isoTime,
});
export type SendAggregate = z.infer<typeof sendAggregate>;

export interface AggregatePage { rows: SendAggregate[] }

export interface Warehouse {
  readonly name: 'duckdb' | 'bigquery';
  /** The aggregates of the window, page by page (a page is at most a few thousand rows). */
  aggregateSends(window: AggregateWindow): AsyncGenerator<AggregatePage>;
}

/** A warehouse row that does not have the aggregate's shape: the query or the mapping is wrong, not the data. */
export class WarehouseRowError extends Error {}

export function parseAggregate(row: Record<string, unknown>, where: string): SendAggregate {
  const parsed = sendAggregate.safeParse(row);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new WarehouseRowError(`${where} returned a row that is not a send aggregate (${issue?.path.join('.')}: ${issue?.message})`);
}
