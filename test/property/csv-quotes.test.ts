// A known bug found by the ingest properties (issue 9), kept as an expected failure until it is fixed: after a
// record with a malformed quote ("a"b), csv-parse (skip_records_with_error) loses its quote state and rejects the
// good records after it too. The file is refused either way (nothing half-stored), but the rejection list blames
// good lines, and with --skip-bad / skip_bad=true those good records are dropped (listed, not silently).
// relax_quotes is no fix: it accepts "a"b and silently merges the records after an unterminated quote.
// When fixed, turn `it.fails` into `it` and put '"a"b,c' back into the CSV junk of ingest-model.ts.
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { csvRecords } from '../../server/ingest/records.ts';

async function rejectedLines(csv: string): Promise<number[]> {
  const lines: number[] = [];
  for await (const r of csvRecords(Readable.from([Buffer.from(csv)]))) if ('error' in r) lines.push(r.line);
  return lines;
}

describe('CSV quote errors', () => {
  it.fails('a malformed quote rejects only its own record, not the good ones after it', async () => {
    const csv = 'date,subject,source,metric,value\n"a"b,c\n2026-03-01,"=H(""x"")",postmaster,gmail_spam_rate,0\n2026-03-02,plain,postmaster,gmail_spam_rate,0\n';
    expect(await rejectedLines(csv)).toEqual([2]);
  });
});
