// NDJSON blocks (server/ingest/ndjson-blocks.ts) against a plain model of lines: whatever the chunking of the
// input and the block size, the blocks hold every line once, in order, numbered as a split on "\n" numbers them.
import { Readable } from 'node:stream';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ndjsonBlocks, type NdjsonBlock } from '../../../server/ingest/ndjson-blocks.ts';

async function blocksOf(text: string, chunkSizes: number[], blockBytes: number): Promise<NdjsonBlock[]> {
  const bytes = Buffer.from(text);
  const chunks: Buffer[] = [];
  for (let at = 0, i = 0; at < bytes.length; i++) {
    const size = chunkSizes[i % chunkSizes.length] ?? bytes.length;
    chunks.push(bytes.subarray(at, at + size));
    at += size;
  }
  const out: NdjsonBlock[] = [];
  for await (const b of ndjsonBlocks(Readable.from(chunks), blockBytes)) out.push(b);
  return out;
}

const lineText = fc.oneof(fc.constant(''), fc.string({ unit: 'grapheme', maxLength: 30 }).map((s) => s.replace(/\n/g, ' ')), fc.constant('{"a":1}\r'));

describe('ndjsonBlocks', () => {
  it('numbers and keeps every line, whatever the chunks and block size', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(lineText, { minLength: 1, maxLength: 30 }), fc.boolean(),
        fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 5 }), fc.integer({ min: 1, max: 200 }),
        async (lines, endsWithNewline, chunkSizes, blockBytes) => {
          const text = lines.join('\n') + (endsWithNewline ? '\n' : '');
          const blocks = await blocksOf(text, chunkSizes, blockBytes);
          const got: string[] = [];
          let unterminated: number | null = null;
          for (const b of blocks) {
            expect(b.firstLine).toBe(got.length + 1);
            expect(b.tooLong).toEqual([]);
            got.push(...b.bytes.toString().split('\n'));
            unterminated = b.unterminated ?? unterminated;
          }
          // A split on "\n" of a file that ends with one has an empty last piece, which is no line.
          const lastIsPartial = !endsWithNewline && (lines.at(-1) ?? '') !== '';
          expect(got).toEqual(lastIsPartial || endsWithNewline ? lines : lines.slice(0, -1));
          expect(unterminated).toBe(lastIsPartial ? lines.length : null);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('an empty input has no blocks', async () => {
    expect(await blocksOf('', [5], 10)).toEqual([]);
  });
});
