// Recognises the native reputation formats of docs/data-formats.md by their content, so `rebound ingest` takes a saved
// Postmaster answer or an SNDS export as it is, and turns them into generic reputation records that go through
// the same validation, staging and atomic merge as every other input.
import type { Readable } from 'node:stream';
import type { Format, RawRecord } from '../records.ts';
import { MAX_POSTMASTER_BYTES, postmasterDocumentRecords } from './postmaster-format.ts';
import { looksLikeSnds, sndsRecords } from './snds-format.ts';

export interface NativeReputation {
  name: 'postmaster' | 'snds';
  format: Format;
  records: (input: Readable) => AsyncGenerator<RawRecord>;
}

// A Postmaster trafficStats answer names its entries domains/{domain}/trafficStats/{date}.
const POSTMASTER_HINT = /"trafficStats"\s*:|"name"\s*:\s*"domains\/[^"/]+\/trafficStats\//;

async function* postmasterRecords(input: Readable): AsyncGenerator<RawRecord> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of input as AsyncIterable<Buffer | string>) {
    const buf = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    size += buf.length;
    if (size > MAX_POSTMASTER_BYTES) {
      yield { line: 1, error: `a Postmaster document is parsed whole and may be at most ${MAX_POSTMASTER_BYTES} bytes` };
      return;
    }
    chunks.push(buf);
  }
  yield* postmasterDocumentRecords(Buffer.concat(chunks).toString('utf8').replace(/^\uFEFF/, ''));
}

/** The native format of an input from its first bytes, or null for the generic formats. */
export function detectNativeReputation(head: Buffer): NativeReputation | null {
  const text = head.toString('utf8');
  if (text.replace(/^\uFEFF/, '').trimStart().startsWith('{')) {
    return POSTMASTER_HINT.test(text) ? { name: 'postmaster', format: 'ndjson', records: postmasterRecords } : null;
  }
  return looksLikeSnds(text) ? { name: 'snds', format: 'csv', records: sndsRecords } : null;
}
