// Microsoft SNDS pull: the automated-access data export (data.aspx?key=…, SNDS "Automated Data Access"), one CSV
// row per IP and day, read through the same reputation ingest as an exported file
// (server/ingest/reputation/snds-format.ts); and the IP status list (ipStatus.aspx?key=…), the ranges Outlook.com
// lists as blocked, which replaces the stored list (ip-status.ts). Both are read and checked before anything is stored. The key is a secret that travels in
// the URL, so it never appears in errors or logs.
import { Readable } from 'node:stream';
import type { SndsConfig } from './config.ts';
import type { PullContext } from '../source.ts';
import { ingestStream } from '../../ingest/ingest.ts';
import { ipStatusRows } from './ip-status.ts';
import { replaceIpStatus } from '../../store/reputation-status.ts';
import { recordSourceFailure, recordSourceSuccess } from '../../store/sources.ts';
import { HttpStatusError, type RetryOptions } from '../../http/retry.ts';
import { fetchText } from '../http.ts';

type Cfg = SndsConfig;

/**
 * The IP status list's text, or why there is none: a key without access to it (an HTTP refusal, or the sign-in
 * page SNDS shows instead) must not cost the day's data export, which that key may well have.
 */
async function ipStatusOf(c: Cfg, key: string, retry?: RetryOptions): Promise<{ text: string; unavailable?: never } | { text: null; unavailable: string }> {
  try {
    const text = await fetchText(`${c.apiEndpoint}/ipStatus.aspx?key=${key}`, {}, 'SNDS ipStatus.aspx', retry);
    if (/^\s*</.test(text)) return { text: null, unavailable: 'SNDS answered a web page, not its IP status list' };
    return { text };
  } catch (err) {
    if (err instanceof HttpStatusError && err.status >= 400 && err.status < 500) return { text: null, unavailable: `HTTP ${err.status}` };
    throw err;
  }
}

export async function pullSnds(s: PullContext, c: Cfg, retry?: RetryOptions): Promise<string> {
  const source = 'snds';
  const now = s.now().toISOString();
  try {
    const key = encodeURIComponent(c.key);
    const text = await fetchText(`${c.apiEndpoint}/data.aspx?key=${key}`, {}, 'SNDS data.aspx', retry);
    const status = await ipStatusOf(c, key, retry);
    // An empty list means no IP of the key is listed: the stored list is emptied. A malformed one fails the run.
    const ranges = status.text === null ? null : ipStatusRows(status.text);
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
      if (ranges) await replaceIpStatus(tx, ranges, now);
      await recordSourceSuccess(tx, source, now, stored);
    });
    const listed = ranges
      ? `${ranges.length} range(s) listed, ${ranges.filter((r) => r.blocked).length} blocked`
      : `not available (${status.unavailable}); the stored list is kept`;
    return `snds: ${stored} value(s) stored${rejected ? `, ${rejected} row(s) rejected` : ''}; IP status: ${listed}`;
  } catch (err) {
    await recordSourceFailure(s.db, source, now, err instanceof Error ? err.message : String(err));
    throw err;
  }
}
