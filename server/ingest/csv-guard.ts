// Keeps two kinds of broken CSV record away from csv-parse, which, skipping bad records, loses its place after
// them: its own max_record_size reports an over-long record once per chunk and then drops every record after
// it, and a stray quote ("a"b) makes it reject the good records that follow. Each such record is replaced by
// its newlines alone (line numbers stay true, the parser sees blank lines and skips them) and reported here.
// Quote state follows RFC 4180 (a field is quoted whole; a quote inside it is doubled), so a quoted field's
// newlines stay inside its record.
import { Readable } from 'node:stream';

const QUOTE = 0x22;
const NEWLINE = 0x0a;
const CR = 0x0d;
const COMMA = 0x2c;

export type CsvProblem = 'too_long' | 'stray_quote';

export function guardCsvRecords(input: Readable, maxBytes: number, onBad: (line: number, problem: CsvProblem) => void): Readable {
  async function* guarded(): AsyncGenerator<Buffer> {
    let inQuotes = false;
    let line = 1;
    let recordLine = 1;
    let carry: Buffer[] = [];
    let recordBytes = 0;
    let newlinesInRecord = 0;
    let tooLong = false;
    let strayQuote = false;
    // The byte before the current chunk, and whether a closing quote ended the previous chunk (its follower,
    // the first byte of this chunk, is still to be checked).
    let lastByte: number | undefined;
    let closedAtEnd = false;
    let closedAt = -2; // index in this chunk of the last closing quote (-1: the previous chunk's last byte)
    // csv-parse counts a bare CR inside a quoted field as a line (CRLF as one): so must the line numbers here.
    let crAtEnd = false; // the previous chunk ended in a CR inside quotes, not yet known to be bare
    const bareCRs = (buf: Buffer, from: number, to: number): number => {
      let n = 0;
      for (let k = buf.indexOf(CR, from); k >= 0 && k < to; k = buf.indexOf(CR, k + 1)) {
        if (k + 1 < buf.length) {
          if (buf[k + 1] !== NEWLINE) n++;
        } else crAtEnd = true;
      }
      return n;
    };
    const afterClose = (b: number | undefined) => b === undefined || b === COMMA || b === NEWLINE || b === CR || b === QUOTE;
    for await (const raw of input as AsyncIterable<Buffer | string>) {
      const chunk = typeof raw === 'string' ? Buffer.from(raw) : raw;
      const out: Buffer[] = [];
      if (closedAtEnd && !afterClose(chunk[0])) strayQuote = true;
      if (crAtEnd && chunk[0] !== NEWLINE) {
        line++;
        newlinesInRecord++;
      }
      crAtEnd = false;
      let quoteFrom = inQuotes ? 0 : -1; // where the open quoted stretch begins in this chunk
      closedAt = closedAtEnd ? -1 : -2;
      closedAtEnd = false;
      let start = 0; // where the unflushed part of the current record begins in this chunk
      let i = 0;
      while (i < chunk.length) {
        const q = chunk.indexOf(QUOTE, i);
        const n = chunk.indexOf(NEWLINE, i);
        if (n < 0 && q < 0) break;
        if (q >= 0 && (n < 0 || q < n)) {
          i = q + 1;
          const before = q > 0 ? chunk[q - 1] : lastByte;
          if (inQuotes) {
            inQuotes = false;
            const crs = bareCRs(chunk, quoteFrom, q);
            line += crs;
            newlinesInRecord += crs;
            closedAt = q;
            if (q + 1 < chunk.length) {
              if (!afterClose(chunk[q + 1])) strayQuote = true;
            } else closedAtEnd = true;
          } else if (before === undefined || before === COMMA || before === NEWLINE || closedAt === q - 1) {
            // A field opens with it, or it is the second of a doubled quote inside a quoted field.
            inQuotes = true;
            quoteFrom = q + 1;
          } else {
            // A quote in the middle of an unquoted field: kept literal (so the record still ends at its newline).
            strayQuote = true;
          }
          continue;
        }
        // A newline at n.
        line++;
        i = n + 1;
        if (inQuotes) {
          const crs = bareCRs(chunk, quoteFrom, n);
          line += crs;
          newlinesInRecord += crs + 1;
          quoteFrom = n + 1;
          continue;
        }
        const size = recordBytes + (n - start);
        // The header stays as it is: without it nothing can be read, and csv-parse says why.
        const bad: CsvProblem | null = tooLong || size > maxBytes ? 'too_long' : strayQuote && recordLine > 1 ? 'stray_quote' : null;
        if (bad) {
          onBad(recordLine, bad);
          out.push(Buffer.from('\n'.repeat(newlinesInRecord + 1)));
        } else {
          out.push(...carry, chunk.subarray(start, i));
        }
        carry = [];
        recordBytes = 0;
        newlinesInRecord = 0;
        tooLong = false;
        strayQuote = false;
        recordLine = line;
        start = i;
      }
      if (inQuotes) {
        const crs = bareCRs(chunk, quoteFrom, chunk.length);
        line += crs;
        newlinesInRecord += crs;
      }
      // The rest of the chunk belongs to a record that goes on in the next chunk.
      const rest = chunk.subarray(start);
      recordBytes += rest.length;
      if (recordBytes > maxBytes) {
        tooLong = true;
        carry = [];
      } else if (rest.length > 0) carry.push(Buffer.from(rest));
      lastByte = chunk.length > 0 ? chunk[chunk.length - 1] : lastByte;
      if (out.length) yield Buffer.concat(out);
    }
    if (tooLong) onBad(recordLine, 'too_long');
    else if (strayQuote && recordLine > 1) onBad(recordLine, 'stray_quote');
    else if (carry.length) yield Buffer.concat(carry);
  }
  return Readable.from(guarded(), { objectMode: false });
}
