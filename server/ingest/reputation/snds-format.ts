// Microsoft SNDS data export (the automated-access "data" CSV, or the same table downloaded from the SNDS
// portal) → generic reputation records (docs/data-formats.md). The export has no header; its columns, in order (SNDS
// "Automated Data Access" and "View Data" pages, https://sendersupport.olc.protection.outlook.com/snds/):
// IP address, activity start, activity end, RCPT commands, DATA commands, message recipients, filter result,
// complaint rate, trap message period start, trap message period end, trap hits, sample HELO, JMR P1 sender,
// comments.
import type { Readable } from 'node:stream';
import { parse as parseCsv } from 'csv-parse';
import { MAX_LINE_BYTES, type RawRecord } from '../records.ts';

export const SNDS_SOURCE = 'snds';

const COL = { ip: 0, start: 1, filter: 6, complaint: 7, trapHits: 10 } as const;
// Everything up to trap hits must be there; HELO, MAIL FROM and comments are often empty or cut off.
const MIN_COLUMNS = COL.trapHits + 1;

export const IPV4 = /^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}$/;
// The portal's CSV download has a header row ("IP Address,Activity Start,…"); the automated export has none.
const HEADER = /^ip\s*address$/i;
// Activity periods are written "6/14/2025 12:00 AM" (US month/day/year); ISO dates are accepted as well.
const US_DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})\b/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})\b/;
// SNDS shows a complaint rate below its reporting floor as "< 0.1%". The value is censored; like a reading below
// a detection limit it is stored as half the limit (0.05%), so a later "0.3%" still reads as six times worse.
const CENSORED_FRACTION = 0.5;

const pad = (n: string) => n.padStart(2, '0');

export function sndsDate(text: string): string | null {
  const t = text.trim();
  const us = US_DATE.exec(t);
  if (us) return `${us[3]}-${pad(us[1] ?? '')}-${pad(us[2] ?? '')}`;
  const iso = ISO_DATE.exec(t);
  return iso ? `${iso[1]}-${iso[2]}-${iso[3]}` : null;
}

/** "0.3%", "< 0.1%", "0.003" → a fraction, or the original text when it is not a rate (the schema rejects it). */
export function sndsRate(text: string): number | string {
  const t = text.trim();
  const censored = /^<\s*/.test(t);
  const body = t.replace(/^<\s*/, '');
  const m = /^(\d+(?:\.\d+)?)\s*(%?)$/.exec(body);
  if (!m) return t;
  const value = Number(m[1]) / (m[2] === '%' ? 100 : 1);
  return censored ? value * CENSORED_FRACTION : value;
}

/** One row of the export → its generic records (filter result, complaint rate, trap hits). */
export function sndsRowRecords(cells: string[], line: number): RawRecord[] {
  const ip = (cells[COL.ip] ?? '').trim();
  if (!IPV4.test(ip)) return [{ line, error: `not an SNDS data row: the first column must be an IPv4 address, not "${ip.slice(0, 40)}"` }];
  if (cells.length < MIN_COLUMNS) return [{ line, error: `an SNDS data row has at least ${MIN_COLUMNS} columns; this one has ${cells.length}` }];
  const date = sndsDate(cells[COL.start] ?? '');
  if (!date) return [{ line, error: 'activity start: must be a date such as 6/14/2025 12:00 AM' }];
  const base = { date, subject: ip, source: SNDS_SOURCE };
  const out: RawRecord[] = [];
  const filter = (cells[COL.filter] ?? '').trim();
  if (filter) out.push({ line, fields: { ...base, metric: 'snds_filter_result', value: filter } });
  const complaint = (cells[COL.complaint] ?? '').trim();
  if (complaint) out.push({ line, fields: { ...base, metric: 'snds_complaint_rate', value: sndsRate(complaint) } });
  const traps = (cells[COL.trapHits] ?? '').trim();
  out.push({ line, fields: { ...base, metric: 'spam_trap_hits', value: traps === '' ? 0 : traps } });
  return out;
}

/** Streams an SNDS export's records, with the line each came from. */
export async function* sndsRecords(input: Readable): AsyncGenerator<RawRecord> {
  const parser = input.pipe(parseCsv({
    bom: true, info: true, relax_column_count: true, skip_empty_lines: true, max_record_size: MAX_LINE_BYTES,
  }));
  let first = true;
  for await (const item of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
    const isHeader = first && HEADER.test((item.record[0] ?? '').trim());
    first = false;
    if (isHeader) continue;
    yield* sndsRowRecords(item.record, item.info.lines);
  }
}

/** An SNDS export opens with an IPv4 address in its first cell, or with the portal download's header. */
export function looksLikeSnds(head: string): boolean {
  const firstLine = head.replace(/^\uFEFF/, '').split(/\r?\n/).find((l) => l.trim() !== '') ?? '';
  const firstCell = (firstLine.split(',')[0] ?? '').replace(/"/g, '').trim();
  return IPV4.test(firstCell) || HEADER.test(firstCell);
}
