// Microsoft SNDS pull: the automated-access data export (data.aspx?key=…, SNDS "Automated Data Access"), one CSV
// row per IP and day, read through the same reputation ingest as an exported file (snds-format.ts). The key is
// a secret that travels in the URL, so it never appears in errors or logs.
import { Readable } from 'node:stream';
import type { SourcesConfig } from '../config-sources.ts';
import type { Services } from '../context.ts';
import { ingestStream } from '../ingest/ingest.ts';
import { recordSourceFailure, recordSourceSuccess } from '../store/sources.ts';
import type { RetryOptions } from '../warehouse/retry.ts';
import { fetchText } from './http.ts';

type Cfg = NonNullable<SourcesConfig['snds']>;

export async function pullSnds(s: Services, c: Cfg, retry?: RetryOptions): Promise<string> {
  const source = 'snds';
  const now = s.now().toISOString();
  try {
    const text = await fetchText(`${c.apiEndpoint}/data.aspx?key=${encodeURIComponent(c.key)}`, {}, 'SNDS data.aspx', retry);
    let stored = 0;
    let rejected = 0;
    // An empty answer is a day without traffic from the key's IPs, not an error.
    if (text.trim() !== '') {
      const r = await ingestStream(s.db, source, Readable.from([text]), { kind: 'reputation', skipBad: true });
      if (r.kind !== 'reputation' || r.format !== 'csv') throw new Error('SNDS answered something that is not its data export');
      stored = r.stored;
      rejected = r.rejected;
    }
    await s.db.transaction((tx) => recordSourceSuccess(tx, source, now, stored));
    return `snds: ${stored} value(s) stored${rejected ? `, ${rejected} row(s) rejected` : ''}`;
  } catch (err) {
    await recordSourceFailure(s.db, source, now, err instanceof Error ? err.message : String(err));
    throw err;
  }
}
