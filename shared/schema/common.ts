import { z } from 'zod';
import { PROVIDERS, isProvider, providerForDomain, type Provider } from '../providers.ts';

// Identifiers (send_id, stream, event_id…) are short labels; a cap keeps a malformed record from storing megabytes.
export const MAX_ID_LENGTH = 512;
// SMTP diagnostics can be long multi-line replies; 4 KiB holds every real one we have seen.
export const MAX_TEXT_LENGTH = 4096;

// NUL characters break the C-string consumers text goes on to (SMTP headers, PDF, spreadsheets); an unpaired
// surrogate (legal in escaped JSON) has no UTF-8 form, so DuckDB would store U+FFFD instead; and a leading U+FEFF
// is stored but dropped on every read (@duckdb/node-api decodes with a BOM-stripping TextDecoder). Text with any
// of them is refused with this message rather than silently changed (found by the property tests, docs/security.md).
const BROKEN_TEXT = /\u0000|\p{Cs}|^\uFEFF/u;
export const WELL_FORMED_MESSAGE = 'must not contain NUL characters or unpaired surrogates, nor start with a byte-order mark';
export const wellFormed = (s: string): boolean => !BROKEN_TEXT.test(s);

// Identifiers are taken as given (no trimming): " s1" and "s1" are different sends in the ESP too.
export const id = z.string().min(1, 'must not be empty').max(MAX_ID_LENGTH).refine((s) => s === '' || s.trim() !== '', 'must not be blank')
  .refine(wellFormed, WELL_FORMED_MESSAGE);
// RFC 5321 section 4.5.3.1: a 64-octet local part, "@", a 255-octet domain.
export const MAX_RECIPIENT_LENGTH = 320;
/**
 * A recipient's identity (the audience guard, docs/incidents.md): an address, or the team's own subscriber id or hash, as long
 * as events and uploaded lists use the same form. Without surrounding blanks; an address (it has an "@") is
 * compared case-insensitively, as mailbox providers treat addresses, while an id or hash keeps its case (base64
 * and many ESP ids are case-sensitive). Inner blanks or control characters mean a broken record.
 */
export const recipient = z.string().trim().min(1, 'must not be empty').max(MAX_RECIPIENT_LENGTH)
  .refine((s) => !/[\s\p{Cc}]/u.test(s), 'must be one address or subscriber id, without blanks or control characters')
  .refine(wellFormed, WELL_FORMED_MESSAGE)
  .transform((s) => (s.includes('@') ? s.toLowerCase() : s));

export const optionalText = z.string().max(MAX_TEXT_LENGTH).refine(wellFormed, WELL_FORMED_MESSAGE).optional();
export const count = z.number().int('must be a whole number').nonnegative('must not be negative').max(Number.MAX_SAFE_INTEGER);
/** A custom message for a wrong value that still says "is required" when the value is missing. */
export const unlessMissing = (message: string) => (issue: { input?: unknown }) => (issue.input === undefined ? 'is required' : message);

export const rfc3339 = z.iso.datetime({ offset: true, error: unlessMissing('must be an RFC 3339 timestamp, e.g. 2026-03-01T09:00:00Z') });
export const providerEnum = z.enum(PROVIDERS, { error: unlessMissing(`must be one of ${PROVIDERS.join(', ')}`) });

/** Normalises any RFC 3339 timestamp to UTC with milliseconds, the form every API answer uses. */
export function toUtcIso(value: string): string {
  // Most inputs already are in this form; skipping the Date round trip matters at a million records a file.
  if (value.length === 24 && value.endsWith('Z') && value[10] === 'T') return value;
  return new Date(value).toISOString();
}

/** A record names its provider, or a recipient domain that maps to one (docs/data-formats.md). */
export function resolveProvider(
  rec: { provider?: string | undefined; recipient_domain?: string | undefined; recipient?: string | undefined },
  ctx: z.RefinementCtx,
  /** Events may name a recipient address instead; send summaries and seed tests have none. */
  recipientAllowed = false,
): Provider | undefined {
  if (rec.provider !== undefined) {
    if (isProvider(rec.provider)) return rec.provider;
    ctx.addIssue({ code: 'custom', path: ['provider'], message: `must be one of ${PROVIDERS.join(', ')}` });
    return undefined;
  }
  if (rec.recipient_domain !== undefined) return providerForDomain(rec.recipient_domain);
  // An address says its domain; a subscriber id or hash does not.
  const at = rec.recipient?.lastIndexOf('@') ?? -1;
  if (rec.recipient !== undefined && at > 0 && at < rec.recipient.length - 1) return providerForDomain(rec.recipient.slice(at + 1));
  const message = recipientAllowed ? 'provider, recipient_domain or a recipient address is required' : 'provider or recipient_domain is required';
  ctx.addIssue({ code: 'custom', path: ['provider'], message });
  return undefined;
}
