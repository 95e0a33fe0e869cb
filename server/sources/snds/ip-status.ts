// Microsoft SNDS IP status list (the automated-access "ipStatus" export, ipStatus.aspx?key=…) → IP ranges. SNDS
// "Automated Data Access" (https://sendersupport.olc.protection.outlook.com/snds/auto.aspx) offers it beside the
// data export; each line is a range, no header, CRLF line ends:
//   first IP, last IP, blocked (Yes/No), reason
// e.g. `1.1.1.0,1.1.1.1,Yes,Blocked due to user complaints or other evidence of spamming`. Microsoft's page does
// not spell the columns out; this is the layout the SNDS clients we could read rely on (docs/sources.md). The
// reason is free text and is not quoted, so everything after the third comma is the reason.
import type { IpStatusRow } from '../../store/reputation-status.ts';
import { IPV4 } from '../../ingest/reputation/snds-format.ts';

export class IpStatusFormatError extends Error {}

// The portal's download may carry a header row; the automated export has none.
const HEADER = /^first\s*ip/i;
const MAX_REASON_LENGTH = 500;

export function ipv4Number(ip: string): number {
  return ip.split('.').reduce((n, octet) => n * 256 + Number(octet), 0);
}

/** The export's text → its ranges; a line of another shape refuses the whole list, naming the line. */
export function ipStatusRows(text: string): IpStatusRow[] {
  const out: IpStatusRow[] = [];
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  for (const [i, raw] of lines.entries()) {
    const line = raw.trim();
    if (line === '' || (i === 0 && HEADER.test(line))) continue;
    const bad = (what: string): never => {
      throw new IpStatusFormatError(`SNDS ipStatus line ${i + 1}: ${what}`);
    };
    const cells = line.split(',');
    if (cells.length < 3) bad(`an IP status row has first IP, last IP, blocked and reason; this one has ${cells.length} column(s)`);
    const [first = '', last = '', blocked = ''] = cells.map((c) => c.trim());
    if (!IPV4.test(first)) bad(`first IP must be an IPv4 address, not "${first.slice(0, 40)}"`);
    if (!IPV4.test(last)) bad(`last IP must be an IPv4 address, not "${last.slice(0, 40)}"`);
    if (ipv4Number(first) > ipv4Number(last)) bad(`the range ${first}–${last} ends before it starts`);
    if (!/^(yes|no)$/i.test(blocked)) bad(`blocked must be Yes or No, not "${blocked.slice(0, 20)}"`);
    const reason = cells.slice(3).join(',').trim().replace(/^"(.*)"$/, '$1').slice(0, MAX_REASON_LENGTH);
    out.push({ first_ip: first, last_ip: last, blocked: /^yes$/i.test(blocked), reason: reason === '' ? null : reason });
  }
  return out;
}

/** The streams whose sending IPs (SNDS_IP_STREAMS) fall in the range, in name order. */
export function streamsInRange(first: string, last: string, ipStreams: Readonly<Record<string, string>>): string[] {
  const lo = ipv4Number(first);
  const hi = ipv4Number(last);
  const streams = new Set<string>();
  for (const [ip, stream] of Object.entries(ipStreams)) {
    const n = ipv4Number(ip);
    if (n >= lo && n <= hi) streams.add(stream);
  }
  return [...streams].sort();
}
