// A fast path of the events schema (eventInput, shared/schema/inputs.ts) for records built in JavaScript — a
// webhook's canonical events, a few hundred per post, many posts a second. zod's parse of one record cost about as
// much as everything else the webhook does with it (docs/performance.md, "Webhooks"). This check returns the
// canonical row only where every rule of eventInput is certain to pass with that very row as zod's result, and
// undefined otherwise: the caller then asks zod, so every rejection reads exactly as before. It may be
// conservative, never lenient; test/property/event-fast.test.ts holds it to zod on random and edge-case records.
import { isProvider, providerForDomain, type Provider } from '#shared/providers.ts';
import { MAX_ID_LENGTH, MAX_RECIPIENT_LENGTH, MAX_TEXT_LENGTH, toUtcIso, wellFormed } from '#shared/schema/common.ts';
import { BOUNCE_CLASSES, EVENT_TYPES, eventInput, type EventRow } from '#shared/schema/inputs.ts';

const FIELDS = ['event_id', 'type', 'timestamp', 'send_id', 'stream', 'provider', 'recipient_domain', 'bounce_class', 'smtp_code',
  'diagnostic', 'message_id', 'recipient'] as const;
const KNOWN: ReadonlySet<string> = new Set(FIELDS);

/**
 * The fast path knows exactly the fields of eventInput; should the schema gain one, it stands aside (every record
 * goes to zod) until taught, rather than pass records without checking the new field.
 */
export const eventFastPathCurrent = Object.keys(eventInput.in.shape).sort().join(',') === [...FIELDS].sort().join(',');

// Max length of recipient_domain in eventInput (its z.string().max(255)).
const MAX_DOMAIN_LENGTH = 255;
// The form toISOString writes; other RFC 3339 forms (offsets, other precisions) are zod's to judge. Years the
// fast path vouches for: Date's edge cases (year 0, six-digit years) go to zod.
const ISO_MS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const BLANK_OR_CONTROL = /[\s\p{Cc}]/u;
// Text of printable ASCII and the ASCII controls but NUL: nothing wellFormed refuses can be in it (a NUL, a
// surrogate, a leading U+FEFF), and Unicode-aware regular expressions cost more than the rest of the check.
const ASCII_WITHOUT_NUL = /^[\x01-\x7f]*$/;
const ASCII_BLANK_OR_CONTROL = /[\x00-\x20\x7f]/;
const wellFormedText = (s: string): boolean => ASCII_WITHOUT_NUL.test(s) || wellFormed(s);

/** An identifier as `id` of shared/schema/common.ts passes it (no trimming: identifiers are taken as given). */
const isId = (v: unknown): v is string => typeof v === 'string' && v.length >= 1 && v.length <= MAX_ID_LENGTH && v.trim() !== '' && wellFormedText(v);

const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
// Events of one post mostly share their second: the last timestamp vouched for is not checked again.
let lastTimestamp = '';

function isTimestamp(v: unknown): v is string {
  if (typeof v !== 'string') return false;
  if (v === lastTimestamp) return true;
  if (!ISO_MS.test(v)) return false;
  const n = (from: number, to: number) => Number(v.slice(from, to));
  const year = n(0, 4);
  const month = n(5, 7);
  // A real calendar date and time (no 2026-02-30, no 24:00, no leap second).
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const days = month === 2 && leap ? 29 : (DAYS[month - 1] ?? 0);
  const day = n(8, 10);
  if (year < 1000 || year > 9998 || day < 1 || day > days || n(11, 13) > 23 || n(14, 16) > 59 || n(17, 19) > 59) return false;
  lastTimestamp = v;
  return true;
}

/**
 * A recipient as `recipient` of shared/schema/common.ts gives it (trimmed; an address lower-cased), or undefined
 * where that schema might not pass it.
 */
export function fastRecipient(v: unknown): string | undefined {
  if (typeof v !== 'string') return undefined;
  const s = v.trim();
  if (s.length < 1 || s.length > MAX_RECIPIENT_LENGTH) return undefined;
  if (ASCII_WITHOUT_NUL.test(s) ? ASCII_BLANK_OR_CONTROL.test(s) : BLANK_OR_CONTROL.test(s) || !wellFormed(s)) return undefined;
  return s.includes('@') ? s.toLowerCase() : s;
}

/** The canonical row eventInput gives `fields` (a record as a JSON body gives it), or undefined: then ask zod. */
export function fastEventRow(fields: Readonly<Record<string, unknown>>): EventRow | undefined {
  if (!eventFastPathCurrent) return undefined;
  for (const k in fields) if (!KNOWN.has(k) || fields[k] === undefined || fields[k] === null) return undefined;
  const { event_id, type, timestamp, send_id, stream, provider, recipient_domain, bounce_class, smtp_code, diagnostic, message_id } = fields;
  if (event_id !== undefined && !isId(event_id)) return undefined;
  if (typeof type !== 'string' || !(EVENT_TYPES as readonly string[]).includes(type)) return undefined;
  if (!isTimestamp(timestamp) || !isId(send_id) || !isId(stream)) return undefined;
  if (recipient_domain !== undefined && (typeof recipient_domain !== 'string' || recipient_domain.length > MAX_DOMAIN_LENGTH)) return undefined;
  if (bounce_class !== undefined && (typeof bounce_class !== 'string' || !(BOUNCE_CLASSES as readonly string[]).includes(bounce_class))) return undefined;
  // A bounce needs its class, and only a bounce may have one.
  if ((type === 'bounce') !== (bounce_class !== undefined)) return undefined;
  if (smtp_code !== undefined && (typeof smtp_code !== 'number' || !Number.isInteger(smtp_code) || smtp_code < 200 || smtp_code > 599)) return undefined;
  if (diagnostic !== undefined && (typeof diagnostic !== 'string' || diagnostic.length > MAX_TEXT_LENGTH || !wellFormedText(diagnostic))) return undefined;
  if (message_id !== undefined && !isId(message_id)) return undefined;
  let recipient: string | undefined;
  if (fields.recipient !== undefined) {
    recipient = fastRecipient(fields.recipient);
    if (recipient === undefined) return undefined;
  }
  // The provider as resolveProvider finds it: named, else from the recipient domain, else from an address.
  let resolved: Provider;
  if (provider !== undefined) {
    if (typeof provider !== 'string' || !isProvider(provider)) return undefined;
    resolved = provider;
  } else if (recipient_domain !== undefined) {
    resolved = providerForDomain(recipient_domain as string);
  } else {
    const at = recipient?.lastIndexOf('@') ?? -1;
    if (recipient === undefined || at <= 0 || at >= recipient.length - 1) return undefined;
    resolved = providerForDomain(recipient.slice(at + 1));
  }
  return {
    event_id: (event_id as string | undefined) ?? null,
    type: type as EventRow['type'],
    timestamp: toUtcIso(timestamp),
    send_id,
    stream,
    provider: resolved,
    bounce_class: (bounce_class as EventRow['bounce_class'] | undefined) ?? null,
    smtp_code: (smtp_code as number | undefined) ?? null,
    diagnostic: (diagnostic as string | undefined) ?? null,
    message_id: (message_id as string | undefined) ?? null,
    recipient: recipient ?? null,
  };
}
