// Microsoft SNDS pull: the automated-access data export (data.aspx?key=…, SNDS "Automated Data Access"), one CSV
// row per IP and day, read through the same reputation ingest as an exported file (snds-format.ts); and the IP
// status list (ipStatus.aspx?key=…), the ranges Outlook.com lists as blocked, which replaces the stored list
// (snds-ip-status.ts). Both are read and checked before anything is stored. The key is a secret that travels in
// the URL, so it never appears in errors or logs.
import { Readable } from 'node:stream';
import type { SourcesConfig } from '../config-sources.ts';
import type { Services } from '../context.ts';
import { ingestStream } from '../ingest/ingest.ts';
import { ipStatusRows } from '../ingest/reputation/snds-ip-status.ts';
import { replaceIpStatus } from '../store/reputation-status.ts';
import { recordSourceFailure, recordSourceSuccess } from '../store/sources.ts';
import type { RetryOptions } from '../warehouse/retry.ts';
import { fetchText } from './http.ts';

type Cfg = NonNullable<SourcesConfig['snds']>;

export async function pullSnds(s: Services, c: Cfg, retry?: RetryOptions): Promise<string> {
  const source = 'snds';
  const now = s.now().toISOString();
  try {
    const key = encodeURIComponent(c.key);
    const text = await fetchText(`${c.apiEndpoint}/data.aspx?key=${key}`, {}, 'SNDS data.aspx', retry);
    const statusText = await fetchText(`${c.apiEndpoint}/ipStatus.aspx?key=${key}`, {}, 'SNDS ipStatus.aspx', retry);
    // A sign-in or error page instead of the list: said as such rather than as a bad first line.
    if (/^\s*</.test(statusText)) throw new Error('SNDS ipStatus answered something that is not its IP status list (an HTML page)');
    // An empty list means no IP of the key is listed: the stored list is emptied.
    const ranges = ipStatusRows(statusText);
    let stored = 0;
    let rejected = 0;
    // An empty answer is a day without traffic from the key's IPs, not an error.
    if (text.trim() !== '') {
      const r = await ingestStream(s.db, source, Readable.from([text]), { kind: 'reputation', skipBad: true });
      if (r.kind !== 'reputation' || r.format !== 'csv') throw new Error('SNDS answered something that is not its data export');
      stored = r.stored;
      rejected = r.rejected;
    }
    await s.db.transaction(async (tx) => {
      await replaceIpStatus(tx, ranges, now);
      await recordSourceSuccess(tx, source, now, stored);
    });
    const blocked = ranges.filter((r) => r.blocked).length;
    return `snds: ${stored} value(s) stored${rejected ? `, ${rejected} row(s) rejected` : ''}; IP status: ${ranges.length} range(s) listed, ${blocked} blocked`;
  } catch (err) {
    await recordSourceFailure(s.db, source, now, err instanceof Error ? err.message : String(err));
    throw err;
  }
}
