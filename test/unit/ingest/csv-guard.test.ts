// The CSV record-size guard: over-long records become blank lines (line numbers kept) and are reported; every
// other byte passes unchanged, whatever the chunk boundaries and quoted newlines.
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { guardCsvRecords } from '../../../server/ingest/csv-guard.ts';

async function run(text: string, max: number, chunk: number): Promise<{ out: string; long: number[] }> {
  const pieces: Buffer[] = [];
  const buf = Buffer.from(text);
  for (let i = 0; i < buf.length; i += chunk) pieces.push(buf.subarray(i, i + chunk));
  const long: number[] = [];
  const guarded = guardCsvRecords(Readable.from(pieces), max, (line, problem) => long.push(problem === 'too_long' ? line : -line));
  const out: Buffer[] = [];
  for await (const c of guarded as AsyncIterable<Buffer>) out.push(c);
  return { out: Buffer.concat(out).toString(), long };
}

const HEADER = 'a,b\n';
const QUOTED = '1,"two\nlines"\n';

describe('guardCsvRecordSize', () => {
  for (const chunk of [1, 3, 7, 64, 4096]) {
    it(`passes short records through unchanged (chunks of ${chunk} bytes)`, async () => {
      const text = `${HEADER}${QUOTED}3,4\n5,"x""y"\n6,7`;
      expect(await run(text, 100, chunk)).toEqual({ out: text, long: [] });
    });

    it(`blanks an over-long record and keeps the lines after it (chunks of ${chunk} bytes)`, async () => {
      const longRec = `9,"${'z'.repeat(50)}\n${'z'.repeat(50)}"\n`;
      const text = `${HEADER}1,2\n${longRec}3,4\n`;
      const { out, long } = await run(text, 40, chunk);
      // The long record started on line 3 and spanned two lines: two newlines stand in its place.
      expect(long).toEqual([3]);
      expect(out).toBe(`${HEADER}1,2\n\n\n3,4\n`);
      expect(out.split('\n').length).toBe(text.split('\n').length);
    });
  }

  it('blanks a record with a stray quote and keeps the good records after it', async () => {
    for (const chunk of [1, 2, 5, 4096]) {
      const text = `${HEADER}"a"b,c\nx"y,z\n"ok ""quoted"" text",2\n3,4\n`;
      const { out, long } = await run(text, 100, chunk);
      // Stray quotes on lines 2 and 3 (reported as negative line numbers here); doubled quotes are fine.
      expect(long).toEqual([-2, -3]);
      expect(out).toBe(`${HEADER}\n\n"ok ""quoted"" text",2\n3,4\n`);
    }
  });

  it('counts lines as csv-parse does: a bare CR inside quotes is a line, CRLF one', async () => {
    for (const chunk of [1, 2, 3, 5, 4096]) {
      const text = `${HEADER}"x\ry",2\n"m\r\nn",3\n"p"q,4\n5,6\n`;
      const { out, long } = await run(text, 100, chunk);
      // "x\ry" spans lines 2–3, "m\r\nn" lines 4–5: the stray quote is on line 6.
      expect(long).toEqual([-6]);
      expect(out).toBe(`${HEADER}"x\ry",2\n"m\r\nn",3\n\n5,6\n`);
    }
  });

  it('reports an over-long last record without a final newline', async () => {
    expect((await run(`${HEADER}${'q'.repeat(30)}`, 10, 8)).long).toEqual([2]);
  });
});
