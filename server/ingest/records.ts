// Streams the records of one input (NDJSON or CSV) with their line numbers, never holding the whole file.
import type { Readable } from 'node:stream';
import { parse as parseCsv } from 'csv-parse';
import { guardCsvRecords } from './csv-guard.ts';
import { blockRecords, MAX_LINE_BYTES, ndjsonBlocks, type RawRecord } from './ndjson-blocks.ts';

export const FORMATS = ['ndjson', 'csv'] as const;
export type Format = (typeof FORMATS)[number];

export { MAX_LINE_BYTES, type RawRecord } from './ndjson-blocks.ts';

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

export async function* ndjsonRecords(input: Readable): AsyncGenerator<RawRecord> {
  for await (const block of ndjsonBlocks(input)) for (const { record } of blockRecords(block)) yield record;
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
