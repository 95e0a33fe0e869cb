// Keeps an over-long CSV record away from csv-parse. Its own max_record_size, combined with skipping bad
// records, reports such a record once per chunk and then drops every record after it; so instead each record
// longer than the limit is replaced by its newlines alone (line numbers stay true, the parser sees blank lines
// and skips them) and reported here. Quote state is tracked, so a quoted field's newlines stay inside its record.
import { Readable } from 'node:stream';

const QUOTE = 0x22;
const NEWLINE = 0x0a;

export function guardCsvRecordSize(input: Readable, maxBytes: number, onTooLong: (line: number) => void): Readable {
  async function* guarded(): AsyncGenerator<Buffer> {
    let inQuotes = false;
    let line = 1;
    let recordLine = 1;
    let carry: Buffer[] = [];
    let recordBytes = 0;
    let newlinesInRecord = 0;
    let tooLong = false;
    for await (const raw of input as AsyncIterable<Buffer | string>) {
      const chunk = typeof raw === 'string' ? Buffer.from(raw) : raw;
      const out: Buffer[] = [];
      let start = 0; // where the unflushed part of the current record begins in this chunk
      let i = 0;
      while (i < chunk.length) {
        const q = chunk.indexOf(QUOTE, i);
        const n = chunk.indexOf(NEWLINE, i);
        if (n < 0 && q < 0) break;
        if (q >= 0 && (n < 0 || q < n)) {
          inQuotes = !inQuotes;
          i = q + 1;
          continue;
        }
        // A newline at n.
        line++;
        i = n + 1;
        if (inQuotes) {
          newlinesInRecord++;
          continue;
        }
        const size = recordBytes + (n - start);
        if (tooLong || size > maxBytes) {
          onTooLong(recordLine);
          out.push(Buffer.from('\n'.repeat(newlinesInRecord + 1)));
        } else {
          out.push(...carry, chunk.subarray(start, i));
        }
        carry = [];
        recordBytes = 0;
        newlinesInRecord = 0;
        tooLong = false;
        recordLine = line;
        start = i;
      }
      // The rest of the chunk belongs to a record that goes on in the next chunk.
      const rest = chunk.subarray(start);
      recordBytes += rest.length;
      if (recordBytes > maxBytes) {
        tooLong = true;
        carry = [];
      } else if (rest.length > 0) carry.push(Buffer.from(rest));
      if (out.length) yield Buffer.concat(out);
    }
    if (tooLong) onTooLong(recordLine);
    else if (carry.length) yield Buffer.concat(carry);
  }
  return Readable.from(guarded(), { objectMode: false });
}
