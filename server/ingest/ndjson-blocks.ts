// NDJSON as blocks of whole lines with their line numbers, never holding more than a block and one line of the
// input. Both ways of reading records start here, so they number lines alike: record by record in JavaScript
// (`blockRecords`), or a block at a time in SQL (server/store/ndjson-events.ts).
import type { Readable } from 'node:stream';

// One record is a few hundred bytes; a line of a megabyte is a broken export, not data, and is rejected
// rather than buffered.
export const MAX_LINE_BYTES = 1024 * 1024;
// A block is handed on once it holds this much: large enough that handing it on costs nothing per line.
export const BLOCK_BYTES = 1024 * 1024;

const NEWLINE = 0x0a;

export const tooLongReason = `line is longer than ${MAX_LINE_BYTES} bytes`;

export interface NdjsonBlock {
  /** The number of the block's first line (1-based). */
  firstLine: number;
  /** The block's lines joined by newlines, with no newline after the last; a line too long to read is empty. */
  bytes: Buffer;
  /** The numbers of the lines too long to read, ascending. */
  tooLong: number[];
  /** The input's last line when it has no newline after it (perhaps a truncated write) and is in this block. */
  unterminated: number | null;
}

/** A record as read (field → raw value), or the reason its line could not be read at all. */
export type RawRecord =
  | { line: number; fields: Record<string, unknown>; columns?: string[] }
  | { line: number; error: string };

export async function* ndjsonBlocks(input: Readable, blockBytes = BLOCK_BYTES): AsyncGenerator<NdjsonBlock> {
  let parts: Buffer[] = []; // whole lines of the block being built, each with its newline
  let partsBytes = 0;
  let tooLong: number[] = [];
  let firstLine = 1;
  let line = 0; // lines ended so far
  let carry: Buffer[] = []; // the start of a line that goes on in the next chunk
  let carryBytes = 0;
  let oversized = false; // the line being read is already too long: its bytes are dropped until its end
  const take = (): NdjsonBlock => {
    const joined = Buffer.concat(parts, partsBytes);
    const block = { firstLine, bytes: joined.subarray(0, joined.length - 1), tooLong, unterminated: null };
    firstLine = line + 1;
    parts = [];
    partsBytes = 0;
    tooLong = [];
    return block;
  };
  const emptyLine = () => {
    tooLong.push(line);
    parts.push(Buffer.from('\n'));
    partsBytes += 1;
  };
  for await (const chunk of input as AsyncIterable<Buffer | string>) {
    const buf: Buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    let start = 0; // start of the current line's bytes in this chunk
    let segment = 0; // start of the stretch of whole lines not yet added to `parts`
    for (let nl = buf.indexOf(NEWLINE); nl >= 0; nl = buf.indexOf(NEWLINE, start)) {
      line++;
      if (oversized || carryBytes + (nl - start) > MAX_LINE_BYTES) {
        if (start > segment) {
          parts.push(buf.subarray(segment, start));
          partsBytes += start - segment;
        }
        emptyLine();
        oversized = false;
        segment = nl + 1;
      } else if (carryBytes > 0) {
        parts.push(...carry, buf.subarray(start, nl + 1));
        partsBytes += carryBytes + nl + 1 - start;
        segment = nl + 1;
      }
      carry = [];
      carryBytes = 0;
      start = nl + 1;
      if (partsBytes + start - segment >= blockBytes) {
        parts.push(buf.subarray(segment, start));
        partsBytes += start - segment;
        segment = start;
        yield take();
      }
    }
    if (start > segment) {
      parts.push(buf.subarray(segment, start));
      partsBytes += start - segment;
    }
    if (start < buf.length && !oversized) {
      // Copied: the chunk's memory may be reused by its reader once this generator moves on.
      carry.push(Buffer.from(buf.subarray(start)));
      carryBytes += buf.length - start;
      if (carryBytes > MAX_LINE_BYTES) {
        oversized = true;
        carry = [];
        carryBytes = 0;
      }
    }
  }
  let unterminated: number | null = null;
  if (oversized) {
    line++;
    emptyLine();
  } else if (carryBytes > 0) {
    line++;
    unterminated = line;
    parts.push(...carry, Buffer.from('\n'));
    partsBytes += carryBytes + 1;
  }
  if (partsBytes > 0) yield { ...take(), unterminated };
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** One line as a record: null for a blank line, else its fields or why it cannot be read. */
export function lineRecord(text: string, line: number, unterminated: boolean): RawRecord | null {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  let value: unknown;
  try {
    value = JSON.parse(trimmed);
  } catch {
    return { line, error: unterminated ? 'not valid JSON (the file looks truncated)' : 'not valid JSON' };
  }
  return isPlainObject(value) ? { line, fields: value } : { line, error: 'not a JSON object' };
}

/** The records of a block, in line order, each with the byte offset in the block where the next line starts. */
export function* blockRecords(block: NdjsonBlock): Generator<{ record: RawRecord; next: number }> {
  const { bytes } = block;
  let k = 0; // index into block.tooLong
  let start = 0;
  for (let line = block.firstLine; start <= bytes.length; line++) {
    const nl = bytes.indexOf(NEWLINE, start);
    const end = nl < 0 ? bytes.length : nl;
    const next = end + 1;
    if (block.tooLong[k] === line) {
      k++;
      yield { record: { line, error: tooLongReason }, next };
    } else {
      const record = lineRecord(bytes.toString('utf8', start, end), line, line === block.unterminated);
      if (record) yield { record, next };
    }
    start = next;
  }
}
