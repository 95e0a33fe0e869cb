// Found by the ingest properties (docs/security.md): after a record with a malformed quote ("a"b), csv-parse (skipping bad
// records) lost its quote state and rejected the good records after it too. server/ingest/csv-guard.ts now
// blanks such a record before the parser sees it and reports it itself. relax_quotes would have been no fix: it
// accepts "a"b and silently merges the records after an unterminated quote.
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { csvRecords } from '../../server/ingest/records.ts';

async function rejectedLines(csv: string): Promise<number[]> {
  const lines: number[] = [];
  for await (const r of csvRecords(Readable.from([Buffer.from(csv)]))) if ('error' in r) lines.push(r.line);
  return lines;
}

describe('CSV quote errors', () => {
  it('a malformed quote rejects only its own record, not the good ones after it', async () => {
    const csv = 'date,subject,source,metric,value\n"a"b,c\n2026-03-01,"=H(""x"")",postmaster,gmail_spam_rate,0\n2026-03-02,plain,postmaster,gmail_spam_rate,0\n';
    expect(await rejectedLines(csv)).toEqual([2]);
  });
});
