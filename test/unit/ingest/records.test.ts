// Record streaming (NDJSON and CSV): line numbers, chunk boundaries, huge and truncated lines.
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { csvRecords, formatFromContent, formatFromName, MAX_LINE_BYTES, ndjsonRecords, type RawRecord } from '../../../server/ingest/records.ts';

/** The input cut into chunks of `size` bytes (or whole), as a file or socket would deliver it. */
function chunks(text: string | Buffer, size?: number): Readable {
  const buf = typeof text === 'string' ? Buffer.from(text) : text;
  if (!size) return Readable.from([buf]);
  const parts: Buffer[] = [];
  for (let i = 0; i < buf.length; i += size) parts.push(buf.subarray(i, i + size));
  return Readable.from(parts);
}

async function all(gen: AsyncGenerator<RawRecord>): Promise<RawRecord[]> {
  const out: RawRecord[] = [];
  for await (const r of gen) out.push(r);
  return out.sort((a, b) => a.line - b.line);
}

/** line → the record's id field, or `!reason` for a line that could not be read. */
const summary = (recs: RawRecord[], key: string) =>
  recs.map((r) => [r.line, 'error' in r ? `!${r.error}` : String(r.fields[key])]);

const ev = (id: string, extra: Record<string, string> = {}) => `${JSON.stringify({ event_id: id, type: 'open', ...extra })}\n`;
const HEADER = 'send_id,stream,provider\n';
const row = (id: string) => `${id},promo,gmail\n`;

describe('ndjsonRecords', () => {
  for (const size of [undefined, 1, 7, 64, 4096]) {
    it(`numbers lines from 1, skipping blank lines but counting them (chunks of ${size ?? 'all'} bytes)`, async () => {
      const text = `${ev('a')}\n${ev('b')}   \n{oops\n${ev('c')}[1,2]\n${ev('d').trimEnd()}`;
      expect(summary(await all(ndjsonRecords(chunks(text, size))), 'event_id')).toEqual([
        [1, 'a'], [3, 'b'], [5, '!not valid JSON'], [6, 'c'], [7, '!not a JSON object'], [8, 'd'],
      ]);
    });
  }

  it('keeps multi-byte characters split across chunks intact', async () => {
    const text = ev('é', { diagnostic: 'Über 550 — mailbox unavailable ✉' }).repeat(3);
    for (const size of [1, 2, 3, 5]) {
      const recs = await all(ndjsonRecords(chunks(text, size)));
      expect(recs.map((r) => ('fields' in r ? r.fields.diagnostic : r.error))).toEqual(Array(3).fill('Über 550 — mailbox unavailable ✉'));
    }
  });

  it('accepts CRLF line ends', async () => {
    expect(summary(await all(ndjsonRecords(chunks((ev('a') + ev('b')).replace(/\n/g, '\r\n'), 5))), 'event_id')).toEqual([[1, 'a'], [2, 'b']]);
  });

  it('reports a truncated last line as such', async () => {
    const recs = await all(ndjsonRecords(chunks(`${ev('a')}{"event_id":"b","ty`)));
    expect(summary(recs, 'event_id')).toEqual([[1, 'a'], [2, '!not valid JSON (the file looks truncated)']]);
  });

  it('a line of exactly MAX_LINE_BYTES is read; one byte more is rejected, and reading goes on after it', async () => {
    const pad = (id: string, len: number) => {
      const base = ev(id, { diagnostic: '' }).length - 1; // without the newline
      return ev(id, { diagnostic: 'x'.repeat(len - base) });
    };
    const exact = pad('exact', MAX_LINE_BYTES);
    const over = pad('over', MAX_LINE_BYTES + 1);
    expect(Buffer.byteLength(exact)).toBe(MAX_LINE_BYTES + 1);
    for (const size of [undefined, 65536, 1024 * 1024]) {
      const recs = await all(ndjsonRecords(chunks(ev('a') + exact + over + ev('b'), size)));
      expect(summary(recs, 'event_id'), `chunks of ${size ?? 'all'}`).toEqual([
        [1, 'a'], [2, 'exact'], [3, `!line is longer than ${MAX_LINE_BYTES} bytes`], [4, 'b'],
      ]);
    }
  });

  it('never buffers a huge line: a 5 MiB line without newlines is one rejection', async () => {
    const recs = await all(ndjsonRecords(chunks(`${ev('a')}${'y'.repeat(5 * MAX_LINE_BYTES)}`, 1024 * 1024)));
    expect(summary(recs, 'event_id')).toEqual([[1, 'a'], [2, `!line is longer than ${MAX_LINE_BYTES} bytes`]]);
  });
});

describe('csvRecords', () => {
  it('numbers records by their line in the file (header is line 1), empty cells left out', async () => {
    const recs = await all(csvRecords(chunks(`${HEADER}${row('a')}\n${row('b')}c,,gmail\n`, 3)));
    expect(summary(recs, 'send_id')).toEqual([[2, 'a'], [4, 'b'], [5, 'c']]);
    const c = recs[2];
    expect(c && 'fields' in c ? c.fields : null).toEqual({ send_id: 'c', provider: 'gmail' });
  });

  it('trims header names and strips a byte-order mark (CRLF file)', async () => {
    const recs = await all(csvRecords(chunks(`\uFEFF send_id , stream,provider\r\n${row('a').replace('\n', '\r\n')}`)));
    expect(recs[0] && 'fields' in recs[0] ? recs[0].fields : null).toEqual({ send_id: 'a', stream: 'promo', provider: 'gmail' });
  });

  it('rejects a row with too few or too many cells, by line, and reads on', async () => {
    const recs = await all(csvRecords(chunks(`${HEADER}${row('a')}b,promo\n${row('c')}d,promo,gmail,extra\n${row('e')}`)));
    expect(summary(recs, 'send_id').map(([l, v]) => [l, String(v).startsWith('!not valid CSV') ? 'bad' : v])).toEqual([
      [2, 'a'], [3, 'bad'], [4, 'c'], [5, 'bad'], [6, 'e'],
    ]);
  });

  it('reports a truncated last line', async () => {
    const recs = await all(csvRecords(chunks(`${HEADER}${row('a')}${row('b')}c,pro`)));
    expect(recs.map((r) => [r.line, 'error' in r])).toEqual([[2, false], [3, false], [4, true]]);
  });

  it('a line over MAX_LINE_BYTES is one rejection, and the records after it are still read', async () => {
    const text = `${HEADER}${row('a')}${row('x'.repeat(MAX_LINE_BYTES + 10))}${row('c')}${row('d')}`;
    for (const size of [undefined, 65536, 1024 * 1024]) {
      const recs = await all(csvRecords(chunks(text, size)));
      expect(recs.map((r) => [r.line, 'error' in r ? 'bad' : r.fields.send_id]), `chunks of ${size ?? 'all'}`).toEqual([
        [2, 'a'], [3, 'bad'], [4, 'c'], [5, 'd'],
      ]);
    }
  });
});

describe('format detection', () => {
  it('from the file name', () => {
    expect(formatFromName('a.ndjson')).toBe('ndjson');
    expect(formatFromName('A.JSONL')).toBe('ndjson');
    expect(formatFromName('x/y.json')).toBe('ndjson');
    expect(formatFromName('report.CSV')).toBe('csv');
    expect(formatFromName('upload')).toBeUndefined();
    expect(formatFromName('data.csv.gz')).toBeUndefined();
  });

  it('from the content', () => {
    expect(formatFromContent(Buffer.from('{"a":1}\n'))).toBe('ndjson');
    expect(formatFromContent(Buffer.from('\uFEFF\n  {"a":1}\n'))).toBe('ndjson');
    expect(formatFromContent(Buffer.from('send_id,stream\n'))).toBe('csv');
  });
});
