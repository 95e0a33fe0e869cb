// What every ESP webhook adapter shares: the request as received (raw bytes first: signatures are over the exact
// bytes), the verdict of a signature check, and the canonical event record (docs/data-formats.md) each ESP event becomes.
// Each event carries its recipient's domain, which decides the mailbox provider, and its address, which receive.ts
// keeps only with WEBHOOK_RECIPIENTS=address (the audience guard of docs/incidents.md).
import { createHash } from 'node:crypto';
import { MAX_TEXT_LENGTH, recipient } from '#shared/schema/common.ts';
import { fastRecipient } from '../event-fast.ts';
import type { WebhooksConfig } from './config.ts';
import type { Esp, FieldSources } from './fallbacks.ts';
import type { TokenClaim } from '../../store/webhook-tokens.ts';
import type { TokenCache } from './token-cache.ts';

export interface WebhookRequest {
  /** The body exactly as received. */
  body: Buffer;
  header: (name: string) => string | undefined;
}

/**
 * A refused post says why; an accepted one may hold a claimed token (Mailgun), stored with the post's events, and
 * given back if the load fails.
 */
export type Verdict = { ok: true; release?: () => void; claims?: TokenClaim[] } | { ok: false; reason: string };

/** A canonical event record, before validation (the events schema judges it, like any file's record). */
export type EventRecord = Record<string, string | number | undefined>;

/** The part of a payload an event came from, kept as received when the event has to be quarantined. */
export interface Origin { payload: unknown; item: number }

/** The outcome of reading a verified payload: its events, and anything the webhook must answer instead. */
export interface Parsed {
  events: EventRecord[];
  /** origins[i] is where events[i] came from. */
  origins: Origin[];
  /** Events of kinds Rebound does not track (SendGrid "dropped", SES "Rendering Failure"…). */
  ignored: number;
  /** Values the mapping does not know, each mapped to its documented default: `field=value`. */
  defaulted: string[];
}

export class ParsedBuilder implements Parsed {
  events: EventRecord[] = [];
  origins: Origin[] = [];
  ignored = 0;
  defaulted: string[] = [];
  add(e: EventRecord, payload: unknown, item = 0): void {
    this.events.push(e);
    this.origins.push({ payload, item });
  }
}

/** What an adapter reads a payload with: the ESP's configured fallbacks (fallbacks.ts). */
export interface ParseContext { sources: FieldSources }

export interface WebhookDeps {
  now: () => Date;
  /** SES/SNS: fetches the PEM at an SNS SigningCertURL (tests give a local key instead). */
  fetchSigningCert: (url: string) => Promise<string>;
  /** SES/SNS: confirms a subscription by fetching its SubscribeURL. */
  confirmSubscription: (url: string) => Promise<void>;
}

/** What a signature check may use: the deps, and the store's cache of Mailgun tokens seen within the window. */
export type VerifyDeps = WebhookDeps & { tokens: TokenCache };

export interface EspAdapter {
  name: Esp;
  configured: (w: WebhooksConfig) => boolean;
  verify: (req: WebhookRequest, w: WebhooksConfig, deps: VerifyDeps) => Promise<Verdict>;
  /** Throws MalformedPayload when the body is not this ESP's format at all. */
  parse: (body: unknown, ctx: ParseContext) => Parsed;
}

/** Why a signed timestamp is refused, or null when it is within the window (either side: clocks drift). */
export function staleness(signedAtSeconds: number, now: Date, maxAgeSeconds: number, what: string): string | null {
  if (!Number.isFinite(signedAtSeconds)) return `${what} is not a time`;
  const age = now.getTime() / 1000 - signedAtSeconds;
  if (Math.abs(age) <= maxAgeSeconds) return null;
  const minutes = Math.round(Math.abs(age) / 60);
  return `${what} is ${minutes} minutes ${age > 0 ? 'old' : 'in the future'}; posts signed more than ${maxAgeSeconds / 60} minutes away from now are refused (WEBHOOK_MAX_AGE_MINUTES)`;
}

/**
 * An event's identity: ESP, the ESP's event id and the ESP's own event type — distinct events that share an id
 * (SparkPost's sample batch reuses one) stay distinct, a redelivery stays the same. Where the id is per message
 * (Postmark), the recipient is part of it, as a hash: an address must not be kept where WEBHOOK_RECIPIENTS says not.
 */
export function eventIdentity(esp: Esp, id: string | undefined, kind: string, recipientOf?: unknown): string | undefined {
  if (id === undefined) return undefined;
  const r = recipientOf === undefined ? undefined : str(recipientOf)?.trim().toLowerCase();
  return `${esp}:${id}:${kind}${r ? `:${createHash('sha256').update(r).digest('hex').slice(0, 16)}` : ''}`;
}

/** The body is not this ESP's payload: 400, nothing stored. */
export class MalformedPayload extends Error {}

export function jsonBody(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    throw new MalformedPayload('the body is not valid JSON');
  }
}

export const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
export const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : typeof v === 'number' ? String(v) : undefined);

/** The domain of an address ("Ana <ana@Example.com>" → example.com); undefined when there is none. */
export function domainOf(address: unknown): string | undefined {
  const s = str(address);
  const m = s ? /@([^@>\s]+)>?\s*$/.exec(s) : null;
  return m?.[1]?.toLowerCase();
}

/** Seconds since the epoch (number or numeric string) or an ISO time → RFC 3339 UTC; undefined when neither. */
export function timeOf(v: unknown): string | undefined {
  const s = str(v);
  if (s === undefined) return undefined;
  const ms = /^\d+(\.\d+)?$/.test(s) ? Number(s) * 1000 : Date.parse(s);
  // Beyond ±8.64e15 ms a Date is invalid and toISOString throws (an epoch of 1e20 crashed the webhook; docs/security.md).
  const at = new Date(ms);
  return Number.isNaN(at.getTime()) ? undefined : at.toISOString();
}

/** A mapping table's own entry: "constructor" or "__proto__" from a payload must not find Object.prototype's. */
export function lookup<T>(table: Readonly<Record<string, T>>, key: string | undefined): T | undefined {
  return key !== undefined && Object.hasOwn(table, key) ? table[key] : undefined;
}

/** The basic SMTP reply code at the start of a diagnostic ("550 5.1.1 User unknown", "smtp; 550 …" → 550). */
export function smtpCodeOf(...texts: unknown[]): number | undefined {
  for (const t of texts) {
    // A DSN's Diagnostic-Code starts with its type (RFC 3464): "smtp; 550 5.1.1 …" (SES's diagnosticCode).
    const m = typeof t === 'number' ? /^([2-5]\d\d)$/.exec(String(t)) : typeof t === 'string' ? /^\s*(?:smtp;\s*)?([2-5]\d\d)\b/i.exec(t) : null;
    if (m?.[1]) return Number(m[1]);
  }
  return undefined;
}

/**
 * Free text (a diagnostic) cut to the text limit, never between the halves of a surrogate pair, with NULs and
 * unpaired surrogates replaced by U+FFFD: the events schema refuses such text, and a bounce must not be lost
 * for a stray byte in its diagnostic (the property tests, docs/security.md).
 */
export function clip(s: string | undefined): string | undefined {
  if (s === undefined) return s;
  let cut = s.length <= MAX_TEXT_LENGTH ? s : s.slice(0, MAX_TEXT_LENGTH);
  if (/[\uD800-\uDBFF]$/.test(cut) && s.length > MAX_TEXT_LENGTH) cut = cut.slice(0, -1);
  return cut.replace(/\u0000|\p{Cs}/gu, '\uFFFD').replace(/^\uFEFF/, '');
}

/** A canonical event; fields left undefined are absent, so the schema names what is missing. */
export function event(e: {
  event_id: string | undefined; type: string; timestamp: string | undefined; send_id?: string | undefined;
  stream?: string | undefined; recipient: unknown; bounce_class?: string | undefined; smtp_code?: number | undefined;
  diagnostic?: string | undefined; message_id?: string | undefined;
}): EventRecord {
  return {
    event_id: e.event_id, type: e.type, timestamp: e.timestamp, send_id: e.send_id, stream: e.stream,
    // Without a recipient domain the provider is unknown, which docs/data-formats.md calls `other`.
    ...(domainOf(e.recipient) ? { recipient_domain: domainOf(e.recipient) } : { provider: 'other' }),
    bounce_class: e.type === 'bounce' ? e.bounce_class : undefined,
    smtp_code: e.smtp_code, diagnostic: clip(e.diagnostic), message_id: e.message_id,
    recipient: recipientOf(e.recipient),
  };
}

/**
 * The recipient as the audience guard keeps it, when the ESP gave a usable one. A malformed one is left out rather
 * than failing the event: the ESP would retry the batch forever, and the counts matter more than the audience.
 */
function recipientOf(value: unknown): string | undefined {
  const s = str(value);
  // "Ana <ana@example.com>" → the address inside the brackets.
  const address = s === undefined ? s : (/<([^<>]+)>\s*$/.exec(s)?.[1] ?? s);
  // The schema's own check is the judge; the fast one vouches for the plain addresses nearly every event has.
  const fast = fastRecipient(address);
  if (fast !== undefined) return fast;
  const parsed = recipient.safeParse(address);
  return parsed.success ? parsed.data : undefined;
}
