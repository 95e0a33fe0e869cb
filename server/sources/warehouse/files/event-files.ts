// Local event files for the DuckDB warehouse: which files a set of glob patterns names, how DuckDB reads them
// (one relation over NDJSON and CSV files alike), and — when DuckDB refuses a file or the checks find bad records —
// the lines to blame. DuckDB names the file but not reliably the line (its NDJSON errors count one line too many,
// a CSV whose rows are ragged fails while sniffing with no line at all), so the file is read again, only then, by
// the file ingest's own readers and validation, which number lines the way `rebound ingest` does.
import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { listValue, type DuckDBConnection } from '@duckdb/node-api';
import { csvRecords, ndjsonRecords } from '../../../ingest/records.ts';
import { checkRecord } from '../../../ingest/validate.ts';
import { BIGQUERY_FIELDS, quoteIdent, type ColumnMapping } from '../columns.ts';

/** The event files cannot be aggregated: none matched, or one holds bad records. Nothing was stored. */
export class EventFilesError extends Error {}

export interface EventFiles { json: string[]; csv: string[] }
export interface BadLine { line: number; reason: string }

const isCsv = (f: string) => /\.csv(\.gz)?$/i.test(f);
// Lines named per file in an error: enough to fix the first problems; the count says how many there are.
const LINES_NAMED = 3;

export async function resolveEventFiles(conn: DuckDBConnection, patterns: readonly string[]): Promise<EventFiles> {
  const files = new Set<string>();
  for (const p of patterns) {
    const r = await conn.runAndReadAll('SELECT file FROM glob($p) ORDER BY file', { p });
    for (const row of r.getRowObjectsJS()) files.add(String(row.file));
  }
  if (files.size === 0) throw new EventFilesError(`no event file matches ${patterns.join(', ')}`);
  const all = [...files].sort();
  return { json: all.filter((f) => !isCsv(f)), csv: all.filter(isCsv) };
}

/** The relation the checks and the aggregation read: every mapped column as text, and `filename`. */
export async function eventRelation(conn: DuckDBConnection, files: EventFiles, columns: ColumnMapping): Promise<string> {
  const mapped = [...new Set(BIGQUERY_FIELDS.map((f) => columns[f]).filter((c): c is string => !!c))];
  const parts: string[] = [];
  if (files.json.length > 0) {
    const spec = mapped.map((c) => `${quoteIdent(c, '"')}: 'VARCHAR'`).join(', ');
    parts.push(`SELECT ${mapped.map((c) => quoteIdent(c, '"')).join(', ')}, filename
      FROM read_json($json_files, format = 'newline_delimited', columns = {${spec}}, filename = true)`);
  }
  if (files.csv.length > 0) {
    // The dialect is given, not sniffed: on a ragged file the sniffer otherwise settles on some other delimiter,
    // reads each line as one column, and every mapped column comes back NULL — no error, no rows.
    const csv = `read_csv($csv_files, header = true, all_varchar = true, delim = ',', quote = '"', escape = '"', union_by_name = true, filename = true)`;
    const described = await conn.runAndReadAll(`DESCRIBE SELECT * FROM ${csv}`, { csv_files: listValue(files.csv) });
    const present = new Set(described.getRowObjectsJS().map((r) => String(r.column_name)));
    // A column missing from a CSV header is NULL, as a key missing from an NDJSON record: the checks name it.
    const select = mapped.map((c) => (present.has(c) ? quoteIdent(c, '"') : `CAST(NULL AS VARCHAR) AS ${quoteIdent(c, '"')}`)).join(', ');
    parts.push(`SELECT ${select}, filename FROM ${csv}`);
  }
  return `(${parts.join('\nUNION ALL BY NAME\n')})`;
}

export function fileParams(files: EventFiles): Record<string, ReturnType<typeof listValue>> {
  return {
    ...(files.json.length > 0 ? { json_files: listValue(files.json) } : {}),
    ...(files.csv.length > 0 ? { csv_files: listValue(files.csv) } : {}),
  };
}

/** The file's first bad lines, read and judged as `rebound ingest` would (only the fields the pull reads). */
export async function badLines(file: string, columns: ColumnMapping, max = LINES_NAMED): Promise<BadLine[]> {
  let input: Readable = createReadStream(file, { highWaterMark: 1024 * 1024 });
  if (/\.gz$/i.test(file)) input = input.pipe(createGunzip());
  const format = isCsv(file) ? 'csv' : 'ndjson';
  const out: BadLine[] = [];
  try {
    for await (const rec of format === 'csv' ? csvRecords(input) : ndjsonRecords(input)) {
      if ('error' in rec) out.push({ line: rec.line, reason: rec.error });
      else {
        const fields: Record<string, unknown> = {};
        for (const f of BIGQUERY_FIELDS) {
          const c = columns[f];
          if (c && rec.fields[c] !== undefined) fields[f] = rec.fields[c];
        }
        const checked = checkRecord('events', format, fields);
        if (!checked.ok) out.push({ line: rec.line, reason: checked.reason });
      }
      if (out.length >= max) break;
    }
  } catch (err) {
    out.push({ line: 0, reason: `cannot be read: ${err instanceof Error ? err.message : String(err)}` });
  } finally {
    input.destroy();
  }
  return out;
}

/** One sentence per file: where the first bad records are, and (from DuckDB's checks) how many there are. */
export function describeBadFile(file: string, lines: BadLine[], fallback: string): string {
  const where = lines.length > 0
    ? lines.map((l) => (l.line > 0 ? `line ${l.line}: ${l.reason}` : l.reason)).join('; ')
    : fallback;
  return `events file ${file}: ${where}`;
}
