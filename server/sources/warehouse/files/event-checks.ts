// The event rules (docs/data-formats.md) the aggregation depends on, as one DuckDB query over the event files: which files hold bad
// records, for what reason, and how many. Run before aggregating, because DuckDB alone would not refuse them: an
// unknown type, a bounce without its class or a record without a send id would be left out of the counts without a
// word, and a bad timestamp would stop the query without naming its file. The reasons are worded as the file
// ingest words them (shared/schema/inputs.ts), and a test holds both to the same verdicts.
import { BOUNCE_CLASSES, EVENT_TYPES } from '#shared/schema/inputs.ts';
import { PROVIDERS } from '#shared/providers.ts';
import { DOMAIN_OF_ADDRESS } from '../aggregate-sql.ts';
import { quoteIdent, type ColumnMapping } from '../columns.ts';

// RFC 3339 date-time with an offset (docs/data-formats.md); the cast then refuses impossible dates such as 2026-02-30.
const RFC3339 = String.raw`^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$`;
// Enough reasons to name every kind of problem in every file that has one; the lines come from locate.
const MAX_FINDINGS = 100;

const list = (xs: readonly string[]) => xs.map((x) => `'${x}'`).join(', ');

export interface CheckFinding { filename: string; reason: string; records: number }

/** @param from a relation with the mapped columns (as text) and `filename` */
export function eventCheckSql(from: string, cols: ColumnMapping): string {
  const q = (c: string | undefined) => (c ? quoteIdent(c, '"') : 'CAST(NULL AS VARCHAR)');
  const ts = q(cols.timestamp);
  const type = q(cols.type);
  const bounce = q(cols.bounce_class);
  const provider = q(cols.provider);
  const id = (field: string, c: string) => `
      WHEN ${c} IS NULL THEN '${field}: is required'
      WHEN ${c} = '' THEN '${field}: must not be empty'
      WHEN trim(${c}) = '' THEN '${field}: must not be blank'`;
  return `SELECT filename, reason, count(*)::INTEGER AS records FROM (
  SELECT filename, CASE
      WHEN ${ts} IS NULL THEN 'timestamp: is required'
      WHEN NOT regexp_matches(${ts}, '${RFC3339}') OR TRY_CAST(${ts} AS TIMESTAMPTZ) IS NULL
        THEN 'timestamp: must be an RFC 3339 timestamp, e.g. 2026-03-01T09:00:00Z'
      WHEN ${type} IS NULL THEN 'type: is required'
      WHEN ${type} NOT IN (${list(EVENT_TYPES)}) THEN 'type: must be one of ${EVENT_TYPES.join(', ')}'
      ${id('send_id', q(cols.send_id))}
      ${id('stream', q(cols.stream))}
      WHEN ${provider} IS NOT NULL AND ${provider} NOT IN (${list(PROVIDERS)}) THEN 'provider: must be one of ${PROVIDERS.join(', ')}'
      WHEN ${provider} IS NULL AND ${q(cols.recipient_domain)} IS NULL AND ${DOMAIN_OF_ADDRESS(`lower(trim(${q(cols.recipient)}))`)} IS NULL
        THEN 'provider: provider, recipient_domain or a recipient address is required'
      WHEN ${bounce} IS NOT NULL AND ${bounce} NOT IN (${list(BOUNCE_CLASSES)}) THEN 'bounce_class: must be one of ${BOUNCE_CLASSES.join(', ')}'
      WHEN ${type} = 'bounce' AND ${bounce} IS NULL THEN 'bounce_class: is required for a bounce (hard, soft or block)'
      WHEN ${type} <> 'bounce' AND ${bounce} IS NOT NULL THEN 'bounce_class: is only allowed on bounce events'
    END AS reason
  FROM ${from}
) WHERE reason IS NOT NULL
GROUP BY filename, reason ORDER BY filename, reason LIMIT ${MAX_FINDINGS}`;
}
