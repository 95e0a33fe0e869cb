// The DuckDB warehouse: the aggregation over local event files (NDJSON or CSV, the columns of docs/data-formats.md or mapped ones), read
// in place with read_json/read_csv — the engine of the `files` pull (EVENTS_FILES_GLOB), and the reference the
// BigQuery pushdown is tested against. Before aggregating, the files are checked (event-checks.ts): a file with a
// bad record, or one DuckDB cannot read, fails the pull naming the file and its first bad lines, so nothing is
// stored — a local file is held to docs/data-formats.md's "one bad record rejects the file", unlike a warehouse table.
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { aggregateSql, duckDbDialect } from '../aggregate-sql.ts';
import type { ColumnMapping } from '../columns.ts';
import { eventCheckSql, type CheckFinding } from './event-checks.ts';
import { badLines, describeBadFile, eventRelation, EventFilesError, fileParams, resolveEventFiles, type EventFiles } from './event-files.ts';
import { parseAggregate, type AggregatePage, type AggregateWindow, type Warehouse } from '../warehouse.ts';

// Rows are handed on in pages of this size, like BigQuery's, so the caller's memory does not depend on the engine.
const PAGE_ROWS = 5_000;
// DuckDB names the file it could not read as `file "…"` (read_json's "Malformed JSON in file", the CSV sniffer).
const FILE_IN_ERROR = /file "([^"]+)"/;

function plain(v: unknown): unknown {
  if (v instanceof Date) return v.toISOString();
  if (typeof v === 'bigint') return Number(v);
  return v;
}

export class DuckDbWarehouse implements Warehouse {
  readonly name = 'duckdb';
  private readonly patterns: readonly string[];

  /** @param files paths or glob patterns of event files; .csv(.gz) files are read as CSV, others as NDJSON */
  constructor(files: string | readonly string[], private readonly columns: ColumnMapping) {
    this.patterns = typeof files === 'string' ? [files] : files;
  }

  /** Runs `what` over the files; DuckDB refusing one becomes an EventFilesError naming the file and its bad lines. */
  private async reading<T>(files: EventFiles, what: () => Promise<T>): Promise<T> {
    try {
      return await what();
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      const named = FILE_IN_ERROR.exec(message)?.[1];
      const suspects = named ? [named] : [...files.json, ...files.csv];
      for (const file of suspects) {
        const lines = await badLines(file, this.columns);
        if (lines.length > 0 || named) throw new EventFilesError(`${describeBadFile(file, lines, message.split('\n')[0] ?? message)}; nothing stored`);
      }
      throw new EventFilesError(`DuckDB could not read the event files: ${message.split('\n')[0] ?? message}`);
    }
  }

  private async check(conn: DuckDBConnection, files: EventFiles, from: string): Promise<void> {
    const r = await this.reading(files, () => conn.runAndReadAll(eventCheckSql(from, this.columns), fileParams(files)));
    const findings = r.getRowObjectsJS() as unknown as CheckFinding[];
    if (findings.length === 0) return;
    const byFile = new Map<string, CheckFinding[]>();
    for (const f of findings) byFile.set(f.filename, [...(byFile.get(f.filename) ?? []), f]);
    const sentences: string[] = [];
    for (const [file, fs] of byFile) {
      const total = fs.reduce((n, f) => n + Number(f.records), 0);
      const lines = await badLines(file, this.columns);
      sentences.push(`${describeBadFile(file, lines, fs.map((f) => f.reason).join('; '))} (${total} bad record${total === 1 ? '' : 's'} in this file)`);
    }
    throw new EventFilesError(`${sentences.join('. ')}; nothing stored`);
  }

  async *aggregateSends(w: AggregateWindow): AsyncGenerator<AggregatePage> {
    const instance = await DuckDBInstance.create(':memory:');
    const conn = await instance.connect();
    try {
      await conn.run(`SET TimeZone = 'UTC'`);
      const files = await resolveEventFiles(conn, this.patterns);
      const from = await this.reading(files, () => eventRelation(conn, files, this.columns));
      await this.check(conn, files, from);
      const sql = aggregateSql(duckDbDialect(from), this.columns);
      const reader = await this.reading(files, () => conn.runAndReadAll(sql, {
        ...fileParams(files), since: w.since.toISOString(), until: w.until.toISOString(), scan_from: w.scanFrom.toISOString(),
      }));
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
