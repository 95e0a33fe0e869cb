// Per-table write counters of the open store, so answers cached in memory (server/services/read-cache.ts) can tell
// when one of their input tables has changed. Every statement goes through Sql (db.ts), which asks
// `writtenTables` what it writes and bumps those counters once the write is visible: at once for a statement on
// its own, at COMMIT for one inside a transaction. DuckDB lets one process hold a store file, so the counters of
// that process see every write there is (docs/performance.md).

/** Stands for "some table we could not name": a bump of it invalidates every cached answer. */
export const ANY_TABLE = '*';

// Statements that cannot change a table's rows. Anything else is a write, of the tables named below or, when no
// name can be read from it, of ANY_TABLE — a needless invalidation is cheap, a missed one serves stale data.
const READ_ONLY = /^(SELECT|FROM|VALUES|PRAGMA|SET|RESET|SHOW|DESCRIBE|EXPLAIN|SUMMARIZE|CHECKPOINT|FORCE\s+CHECKPOINT|BEGIN|START|COMMIT|END|ROLLBACK|ABORT)\b/i;
const NAME = String.raw`((?:"[^"]+"|[A-Za-z_][\w$]*)(?:\.(?:"[^"]+"|[A-Za-z_][\w$]*))*)`;
const TARGETS = [
  new RegExp(String.raw`\bINSERT\s+(?:OR\s+\w+\s+)?INTO\s+${NAME}`, 'gi'),
  new RegExp(String.raw`\bUPDATE\s+${NAME}\s+SET\b`, 'gi'),
  new RegExp(String.raw`\bDELETE\s+FROM\s+${NAME}`, 'gi'),
  new RegExp(String.raw`\b(?:TRUNCATE|COPY)\s+(?:TABLE\s+)?${NAME}`, 'gi'),
  new RegExp(String.raw`\b(?:CREATE|DROP|ALTER)\s+(?:OR\s+REPLACE\s+)?(?:TEMP\s+|TEMPORARY\s+)?TABLE\s+(?:IF\s+(?:NOT\s+)?EXISTS\s+)?${NAME}`, 'gi'),
];

/** The statement without comments and with string literals emptied, so neither can look like a write. */
function bare(sql: string): string {
  return sql.replace(/--[^\n]*|\/\*[\s\S]*?\*\//g, ' ').replace(/'(?:[^']|'')*'/g, "''").trim();
}

/** The unqualified, unquoted, lower-case table name (`main."Events"` → `events`). */
function tableName(qualified: string): string {
  const last = qualified.split('.').pop() ?? qualified;
  return last.replace(/^"|"$/g, '').toLowerCase();
}

/**
 * The tables a statement writes: empty for a read, [ANY_TABLE] for a write whose target cannot be read. A WITH
 * query writes only when a data-changing statement follows its common table expressions.
 */
export function writtenTables(sql: string): string[] {
  const text = bare(sql);
  if (READ_ONLY.test(text)) return [];
  if (/^WITH\b/i.test(text) && !/\b(INSERT|UPDATE|DELETE|MERGE)\b/i.test(text)) return [];
  const names = new Set<string>();
  for (const re of TARGETS) for (const m of text.matchAll(re)) if (m[1]) names.add(tableName(m[1]));
  return names.size > 0 ? [...names] : [ANY_TABLE];
}

export class StoreVersions {
  private readonly counts = new Map<string, number>();
  private any = 0;

  bump(tables: Iterable<string>): void {
    for (const t of tables) {
      if (t === ANY_TABLE) this.any++;
      else this.counts.set(t, (this.counts.get(t) ?? 0) + 1);
    }
  }

  /** A string that changes whenever one of `tables` (or an unnamed table) is written. */
  stamp(tables: readonly string[]): string {
    return `${this.any}:${tables.map((t) => this.counts.get(t) ?? 0).join('.')}`;
  }
}
