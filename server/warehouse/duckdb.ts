// The DuckDB warehouse: the aggregation over local event files (NDJSON or CSV, SPEC 3.1 or mapped columns),
// read in place with read_json/read_csv — the default engine, and the reference the BigQuery pushdown is tested
// against.
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { aggregateSql, duckDbDialect } from './aggregate-sql.ts';
import { BIGQUERY_FIELDS, quoteIdent, type ColumnMapping } from './columns.ts';
import { parseAggregate, type AggregatePage, type AggregateWindow, type Warehouse } from './warehouse.ts';

// Rows are handed on in pages of this size, like BigQuery's, so the caller's memory does not depend on the engine.
const PAGE_ROWS = 5_000;

function plain(v: unknown): unknown {
  if (v instanceof Date) return v.toISOString();
  if (typeof v === 'bigint') return Number(v);
  return v;
}

export class DuckDbWarehouse implements Warehouse {
  readonly name = 'duckdb';

  /** @param files a path or glob of event files; .csv files are read as CSV, anything else as NDJSON */
  constructor(private readonly files: string, private readonly columns: ColumnMapping) {}

  /** Every mapped column, read as text; a column missing from a CSV header is NULL, as in NDJSON. */
  private async from(conn: DuckDBConnection): Promise<string> {
    const mapped = [...new Set(BIGQUERY_FIELDS.map((f) => this.columns[f]).filter((c): c is string => !!c))];
    if (!/\.csv$/i.test(this.files)) {
      const spec = mapped.map((c) => `${quoteIdent(c, '"')}: 'VARCHAR'`).join(', ');
      return `read_json($files, format = 'newline_delimited', columns = {${spec}})`;
    }
    const described = await conn.runAndReadAll(`DESCRIBE SELECT * FROM read_csv($files, header = true, all_varchar = true)`, { files: this.files });
    const present = new Set(described.getRowObjectsJS().map((r) => String(r.column_name)));
    const select = mapped.map((c) => (present.has(c) ? quoteIdent(c, '"') : `CAST(NULL AS VARCHAR) AS ${quoteIdent(c, '"')}`)).join(', ');
    return `(SELECT ${select} FROM read_csv($files, header = true, all_varchar = true))`;
  }

  async *aggregateSends(w: AggregateWindow): AsyncGenerator<AggregatePage> {
    const instance = await DuckDBInstance.create(':memory:');
    const conn = await instance.connect();
    try {
      await conn.run(`SET TimeZone = 'UTC'`);
      const sql = aggregateSql(duckDbDialect(await this.from(conn)), this.columns);
      const reader = await conn.runAndReadAll(sql, {
        files: this.files, since: w.since.toISOString(), until: w.until.toISOString(), scan_from: w.scanFrom.toISOString(),
      });
      const rows = reader.getRowObjectsJS().map((r) => {
        const out: Record<string, unknown> = {};
        for (const [k, v] of Object.entries(r)) out[k] = plain(v);
        return parseAggregate(out, 'DuckDB');
      });
      for (let i = 0; i < rows.length; i += PAGE_ROWS) yield { rows: rows.slice(i, i + PAGE_ROWS) };
    } finally {
      conn.closeSync();
      instance.closeSync();
    }
  }
}
