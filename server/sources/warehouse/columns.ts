// The column mapping of a user's events table (BIGQUERY_COLUMNS): which of their columns holds each field of a
// event (docs/data-formats.md). Identifiers cannot be query parameters, so each is checked against a strict pattern before it
// is quoted into SQL; every value is a parameter.

/**
 * The fields Rebound reads; provider, recipient_domain or recipient must be mapped (docs/data-formats.md). A recipient address
 * only stands in for recipient_domain (its part after the last "@"), as in the file ingest; it is never stored.
 */
export const BIGQUERY_FIELDS = ['timestamp', 'type', 'send_id', 'stream', 'provider', 'recipient_domain', 'recipient', 'bounce_class', 'event_id'] as const;
export type EventField = (typeof BIGQUERY_FIELDS)[number];
export type ColumnMapping = Partial<Record<EventField, string>> & Record<'timestamp' | 'type' | 'send_id' | 'stream', string>;

// BigQuery column names: letters, digits and underscores, not starting with a digit, at most 300 characters
// ("Column names", BigQuery documentation, Schemas). Stricter than quoting requires, on purpose.
export const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]{0,299}$/;

// Without a mapping, the columns are named as in docs/data-formats.md.
const DEFAULT: ColumnMapping = {
  timestamp: 'timestamp', type: 'type', send_id: 'send_id', stream: 'stream', provider: 'provider',
  bounce_class: 'bounce_class', event_id: 'event_id',
};

const isField = (f: string): f is EventField => (BIGQUERY_FIELDS as readonly string[]).includes(f);

/**
 * "timestamp=event_ts,type=event_type,recipient_domain=rcpt_domain" → the mapping (unnamed fields keep their
 * documented names, docs/data-formats.md; naming recipient_domain or recipient drops the default provider column), or a sentence saying what is wrong.
 */
export function columnMapping(spec: string): ColumnMapping | string {
  const m: Partial<Record<EventField, string>> = { ...DEFAULT };
  const pairs = spec.split(',').map((p) => p.trim()).filter(Boolean);
  for (const pair of pairs) {
    const [field, column, extra] = pair.split('=').map((x) => x.trim());
    if (!field || !column || extra !== undefined || !isField(field)) {
      return `each entry must be field=column with field one of ${BIGQUERY_FIELDS.join(', ')}`;
    }
    if (!IDENTIFIER.test(column)) return `${column}: a column name must be letters, digits and underscores`;
    m[field] = column;
  }
  const named = new Set(pairs.map((p) => p.split('=')[0]?.trim()));
  if ((named.has('recipient_domain') || named.has('recipient')) && !named.has('provider')) delete m.provider;
  return m as ColumnMapping;
}

/** A validated identifier, quoted for the dialect (backticks for BigQuery, double quotes for DuckDB). */
export function quoteIdent(name: string, quote: '`' | '"'): string {
  if (!IDENTIFIER.test(name)) throw new Error(`not a safe column name: ${name}`);
  return `${quote}${name}${quote}`;
}
