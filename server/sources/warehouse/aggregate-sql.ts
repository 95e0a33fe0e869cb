// The one aggregation both warehouses run: raw events → send × provider summaries (docs/data-formats.md), with the same
// rules as the store's own roll-up (server/store/send-rollup.ts): sent_at is the earliest injection, else the
// earliest event; injected is at least delivered + bounced. Written in the SQL both BigQuery and DuckDB speak
// (CASE, SUM, MIN_BY, GREATEST, QUALIFY); only quoting, parameter markers, the timestamp type and the FROM
// differ, and those come from the dialect. Values are always named parameters (@since in BigQuery, $since in
// DuckDB); identifiers come from the validated column mapping.
import { quoteIdent, type ColumnMapping } from './columns.ts';

export interface Dialect {
  quote: '`' | '"';
  /** The named parameter marker of a TIMESTAMP parameter. */
  timestampParam: (name: string) => string;
  /** The absolute-time type: BigQuery's TIMESTAMP, DuckDB's TIMESTAMPTZ. */
  timestampType: string;
  /** What the events are read from (a quoted table, or a table function over files). */
  from: string;
}

export const bigQueryDialect = (table: string): Dialect => ({
  quote: '`',
  timestampParam: (n) => `@${n}`,
  timestampType: 'TIMESTAMP',
  // The table name was validated against BIGQUERY_TABLE (letters, digits, _ . -) before it gets here.
  from: `\`${table}\``,
});

export const duckDbDialect = (from: string): Dialect => ({
  quote: '"',
  timestampParam: (n) => `CAST($${n} AS TIMESTAMPTZ)`,
  timestampType: 'TIMESTAMPTZ',
  from,
});

// docs/data-formats.md: recipient domain → provider, the same map as shared/providers.ts (a test checks they agree).
export const PROVIDER_FROM_DOMAIN = (d: string) => `CASE
      WHEN ${d} IN ('gmail.com', 'googlemail.com') THEN 'gmail'
      WHEN ${d} IN ('aol.com', 'ymail.com') OR ${d} LIKE 'yahoo.%' THEN 'yahoo'
      WHEN ${d} = 'msn.com' OR ${d} LIKE 'outlook.%' OR ${d} LIKE 'hotmail.%' OR ${d} LIKE 'live.%' THEN 'microsoft'
      WHEN ${d} IN ('icloud.com', 'me.com', 'mac.com') THEN 'apple'
      ELSE 'other' END`;
// A provider column holding anything but the five names counts as `other` (a warehouse row cannot be refused).
const PROVIDER_AS_GIVEN = (p: string) => `CASE WHEN ${p} IN ('gmail', 'yahoo', 'microsoft', 'apple') THEN ${p} ELSE 'other' END`;

/**
 * The domain of a recipient address: after its last "@", when there is something on both sides (the file ingest's
 * rule, shared/schema/common.ts resolveProvider). REGEXP_EXTRACT without a group returns the whole match in both
 * BigQuery and DuckDB; DuckDB gives '' where BigQuery gives NULL for no match, hence NULLIF.
 */
export const DOMAIN_OF_ADDRESS = (a: string) => `CASE WHEN ${a} LIKE '_%@_%' THEN NULLIF(REGEXP_EXTRACT(${a}, '[^@]+$'), '') END`;

const count = (cond: string) => `SUM(CASE WHEN ${cond} THEN 1 ELSE 0 END)`;

/**
 * Sends touched by an event in [since, until) are re-aggregated over all their events in [scan_from, until), so
 * a complaint arriving days after its send updates that send's whole summary, and a late event re-aggregated
 * twice gives the same row twice (the store upserts by send × provider).
 */
export function aggregateSql(d: Dialect, cols: ColumnMapping): string {
  const q = (c: string) => quoteIdent(c, d.quote);
  const text = (c: string | undefined) => (c ? `LOWER(TRIM(CAST(${q(c)} AS STRING)))` : 'CAST(NULL AS STRING)');
  // A record names its provider, or a recipient domain that maps to one (docs/data-formats.md): with both columns mapped
  // (event files), the provider wins where it is given.
  const provider = `CASE WHEN provider_raw IS NOT NULL THEN ${PROVIDER_AS_GIVEN('provider_raw')} ELSE ${PROVIDER_FROM_DOMAIN('domain_raw')} END`;
  const ts = `CAST(${q(cols.timestamp)} AS ${d.timestampType})`;
  // With an event id, an event delivered twice (webhooks are at-least-once) is counted once; rows without an
  // id are each an event.
  const dedupe = cols.event_id
    ? `QUALIFY event_id IS NULL OR ROW_NUMBER() OVER (PARTITION BY event_id ORDER BY ts) = 1`
    : '';
  return `WITH raw AS (
  SELECT ${ts} AS ts,
         ${text(cols.type)} AS type,
         CAST(${q(cols.send_id)} AS STRING) AS send_id,
         CAST(${q(cols.stream)} AS STRING) AS stream,
         ${text(cols.provider)} AS provider_raw,
         COALESCE(${text(cols.recipient_domain)}, ${DOMAIN_OF_ADDRESS(text(cols.recipient))}) AS domain_raw,
         ${text(cols.bounce_class)} AS bounce_class,
         ${cols.event_id ? `CAST(${q(cols.event_id)} AS STRING)` : 'CAST(NULL AS STRING)'} AS event_id
    FROM ${d.from}
   WHERE ${ts} >= ${d.timestampParam('scan_from')} AND ${ts} < ${d.timestampParam('until')}
     AND ${q(cols.send_id)} IS NOT NULL AND ${q(cols.stream)} IS NOT NULL
  ${dedupe}
),
ev AS (SELECT ts, type, send_id, stream, ${provider} AS provider, bounce_class FROM raw),
touched AS (SELECT DISTINCT send_id FROM ev WHERE ts >= ${d.timestampParam('since')})
SELECT send_id,
       provider,
       MIN_BY(stream, ts) AS stream,
       COALESCE(MIN(CASE WHEN type = 'injection' THEN ts END), MIN(ts)) AS sent_at,
       GREATEST(${count(`type = 'injection'`)}, ${count(`type IN ('delivery', 'bounce')`)}) AS injected,
       ${count(`type = 'delivery'`)} AS delivered,
       ${count(`type = 'bounce' AND bounce_class = 'hard'`)} AS bounced_hard,
       ${count(`type = 'bounce' AND bounce_class = 'soft'`)} AS bounced_soft,
       ${count(`type = 'bounce' AND bounce_class = 'block'`)} AS bounced_block,
       ${count(`type = 'complaint'`)} AS complaints,
       ${count(`type = 'unsubscribe'`)} AS unsubscribes,
       ${count(`type = 'open'`)} AS opens,
       ${count(`type = 'click'`)} AS clicks,
       MAX(ts) AS last_event_at
  FROM ev
 WHERE send_id IN (SELECT send_id FROM touched)
 GROUP BY send_id, provider
 ORDER BY send_id, provider`;
}
