// An uploaded recipient list (suppression list, apology list): one recipient per line, or a CSV export whose header
// names the column (recipient, email, email_address or address — what ESP exports call it). Read whole: lists are
// tens of megabytes at most, and every bad line must be reported before anything is stored.
import { parse } from 'csv-parse/sync';
import { recipient } from '#shared/schema/common.ts';

const COLUMN_NAMES = ['recipient', 'email', 'email_address', 'address', 'subscriber_id'];
// "Email Address", "E-mail", "email-address" → email_address, email: header names as exports spell them.
const headerName = (h: string) => h.trim().toLowerCase().replace(/[\s-]+/g, '_').replace(/^e_mail/, 'email');
// Reported one by one up to this many, then counted: enough to fix a broken export without a megabyte of errors.
export const MAX_REPORTED = 100;

export interface Rejection { line: number; reason: string }
export type ListParse = { ok: true; recipients: string[]; duplicates: number } | { ok: false; rejected: number; rejections: Rejection[] };

export function parseRecipientList(text: string): ListParse {
  let records: { record: string[]; line: number }[];
  try {
    // Each record with the line it ends on (the typings do not model `info: true`, so the line rides along as a
    // last cell and is taken off again here).
    const rows = parse(text.replace(/^\uFEFF/, ''), {
      relax_column_count: true, skip_empty_lines: true, trim: true,
      on_record: (record: string[], context: { lines: number }) => [...record, String(context.lines)],
    });
    records = rows.map((r) => ({ record: r.slice(0, -1), line: Number(r[r.length - 1]) }));
  } catch (err) {
    const line = (err as { lines?: number }).lines ?? 1;
    return { ok: false, rejected: 1, rejections: [{ line, reason: `not a readable CSV or list: ${(err as Error).message}` }] };
  }
  const first = records[0]?.record.map(headerName) ?? [];
  let column = first.findIndex((h) => COLUMN_NAMES.includes(h));
  const body = column >= 0 ? records.slice(1) : records;
  if (column < 0) {
    if (first.length > 1) {
      return { ok: false, rejected: 1, rejections: [{ line: 1, reason: `no recipient column: the header must name one of ${COLUMN_NAMES.join(', ')}` }] };
    }
    column = 0;
  }
  const seen = new Set<string>();
  const rejections: Rejection[] = [];
  let rejected = 0;
  let duplicates = 0;
  for (const { record, line } of body) {
    const parsed = recipient.safeParse(record[column] ?? '');
    if (!parsed.success) {
      rejected += 1;
      if (rejections.length < MAX_REPORTED) rejections.push({ line, reason: `recipient: ${parsed.error.issues[0]?.message ?? 'is not valid'}` });
      continue;
    }
    if (seen.has(parsed.data)) duplicates += 1;
    else seen.add(parsed.data);
  }
  if (rejected > 0) return { ok: false, rejected, rejections };
  // An empty upload would silently forget the list; forgetting it is a DELETE.
  if (seen.size === 0) return { ok: false, rejected: 1, rejections: [{ line: 1, reason: 'the list holds no recipients (to forget a list, delete it)' }] };
  return { ok: true, recipients: [...seen], duplicates };
}
