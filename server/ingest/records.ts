// Streams the records of one input (NDJSON or CSV) with their line numbers, never holding the whole file.
import type { Readable } from 'node:stream';
import { parse as parseCsv } from 'csv-parse';
import { guardCsvRecords } from './csv-guard.ts';

export const FORMATS = ['ndjson', 'csv'] as const;
export type Format = (typeof FORMATS)[number];

// One record is a few hundred bytes; a line of a megabyte is a broken export, not data, and is rejected
// rather than buffered.
export const MAX_LINE_BYTES = 1024 * 1024;

/** A record as read (field → raw value), or the reason its line could not be read at all. */
export type RawRecord =
  | { line: number; fields: Record<string, unknown>; columns?: string[] }
  | { line: number; error: string };

export function formatFromName(name: string): Format | undefined {
  const lower = name.toLowerCase();
  if (/\.(ndjson|jsonl|json)$/.test(lower)) return 'ndjson';
  if (lower.endsWith('.csv')) return 'csv';
  return undefined;
}

/** Sniffs the first non-blank byte: NDJSON records open with `{`. */
export function formatFromContent(head: Buffer): Format {
  const text = head.toString('utf8').replace(/^\uFEFF/, '').trimStart();
  return text.startsWith('{') ? 'ndjson' : 'csv';
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export async function* ndjsonRecords(input: Readable): AsyncGenerator<RawRecord> {
  let carry: Buffer | null = null;
  let line = 0;
  let oversized = false;
  const emit = (buf: Buffer, lineNo: number, last: boolean): RawRecord | null => {
    const text = buf.toString('utf8').trim();
    if (text === '') return null;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      return { line: lineNo, error: last ? 'not valid JSON (the file looks truncated)' : 'not valid JSON' };
    }
    return isPlainObject(value) ? { line: lineNo, fields: value } : { line: lineNo, error: 'not a JSON object' };
  };
  for await (const chunk of input as AsyncIterable<Buffer | string>) {
    let buf: Buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    let start = 0;
    for (;;) {
      const nl = buf.indexOf(10, start);
      if (nl < 0) break;
      line++;
      if (oversized) {
        oversized = false;
        carry = null;
        yield { line, error: `line is longer than ${MAX_LINE_BYTES} bytes` };
      } else {
        const piece = carry ? Buffer.concat([carry, buf.subarray(start, nl)]) : buf.subarray(start, nl);
        carry = null;
        if (piece.length > MAX_LINE_BYTES) yield { line, error: `line is longer than ${MAX_LINE_BYTES} bytes` };
        else {
          const rec = emit(piece, line, false);
          if (rec) yield rec;
        }
      }
      start = nl + 1;
    }
    if (start < buf.length && !oversized) {
      buf = buf.subarray(start);
      carry = carry ? Buffer.concat([carry, buf]) : Buffer.from(buf);
      if (carry.length > MAX_LINE_BYTES) {
        oversized = true;
        carry = null;
      }
    }
  }
  if (oversized) yield { line: line + 1, error: `line is longer than ${MAX_LINE_BYTES} bytes` };
  else if (carry && carry.length > 0) {
    const rec = emit(carry, line + 1, true);
    if (rec) yield rec;
  }
}

export async function* csvRecords(input: Readable): AsyncGenerator<RawRecord> {
  const skipped: RawRecord[] = [];
  let columns: string[] = [];
  const guarded = guardCsvRecords(input, MAX_LINE_BYTES, (line, problem) => skipped.push({
    line,
    error: problem === 'too_long'
      ? `not valid CSV: the record is longer than ${MAX_LINE_BYTES} bytes (1 MiB)`
      : 'not valid CSV: a quote inside a field; quote the whole field and double any quote inside it',
  }));
  const parser = guarded.pipe(
    parseCsv({
      bom: true,
      // csv-parse fills each record by assignment, so a "__proto__" column would set the record's prototype and
      // vanish instead of being named as an unknown field: it is renamed (quoted) so the schema reports it.
      columns: (header: string[]) => (columns = header.map((h) => h.trim()).map((h) => (h === '__proto__' ? '"__proto__"' : h))),
      info: true,
      skip_empty_lines: true,
      skip_records_with_error: true,
    }),
  );
  parser.on('skip', (err: Error & { lines?: number }) => {
    skipped.push({ line: err.lines ?? 0, error: `not valid CSV: ${err.message.replace(/^Invalid Record Length: /, '')}` });
  });
  for await (const item of parser as AsyncIterable<{ record: Record<string, string>; info: { lines: number } }>) {
    while (skipped.length) yield skipped.shift() as RawRecord;
    const fields: Record<string, unknown> = {};
    // An empty cell means "not given": optional fields are simply absent in CSV.
    for (const [k, v] of Object.entries(item.record)) if (v !== '') fields[k] = v;
    yield { line: item.info.lines, fields, columns };
  }
  while (skipped.length) yield skipped.shift() as RawRecord;
}
