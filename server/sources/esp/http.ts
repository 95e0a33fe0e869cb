// HTTP for the ESP pulls that speak plain REST (SendGrid, SparkPost, Postmark, Mailgun): a GET with the ESP's
// auth header, a timeout, the shared retry policy (429 and 5xx; a 429's Retry-After obeyed), a refusal (401/403)
// turned into a sentence naming the scope or role the key needs, and the answer parsed as JSON. Keys travel in
// headers only, and no URL or header is put into an error message.
import { z } from 'zod';
import { DEFAULT_RETRY, HttpStatusError, withRetry, type RetryOptions } from '../../http/retry.ts';

// A metrics answer comes within seconds; a minute means the ESP is stuck: the run fails and the next one retries.
const REQUEST_TIMEOUT_MS = 60_000;
// A Retry-After longer than this is not waited out inside one run: the run fails, the next schedule retries.
const MAX_RETRY_AFTER_MS = 120_000;

export interface EspClient {
  /** The ESP's name as users know it, for messages ("SendGrid"). */
  label: string;
  base: string;
  headers: Record<string, string>;
  /** What a 401/403 on this path means: the scope, permission or role the key lacks. */
  refusal: (status: number, path: string) => string;
  retry?: RetryOptions;
}

/** Seconds or an HTTP date (RFC 9110, Retry-After); null when absent or unreadable. */
export function retryAfterMs(header: string | null, now = Date.now()): number | null {
  if (!header) return null;
  if (/^\d+$/.test(header.trim())) return Number(header.trim()) * 1000;
  const at = Date.parse(header);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

export type Query = Record<string, string | readonly string[] | undefined>;

export function urlOf(base: string, path: string, query: Query): string {
  const u = new URL(base + path);
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined) continue;
    for (const one of typeof v === 'string' ? [v] : v) u.searchParams.append(k, one);
  }
  return u.toString();
}

export function getJson(c: EspClient, path: string, query: Query = {}): Promise<unknown> {
  return requestJson(c, path, { query });
}

/** A POST with a JSON body (Mailgun's metrics query), else a GET; the answer parsed as JSON. */
export async function requestJson(c: EspClient, path: string, o: { query?: Query; json?: unknown }): Promise<unknown> {
  const url = urlOf(c.base, path, o.query ?? {});
  const init: RequestInit = o.json === undefined
    ? { headers: { accept: 'application/json', ...c.headers } }
    : { method: 'POST', headers: { accept: 'application/json', 'content-type': 'application/json', ...c.headers }, body: JSON.stringify(o.json) };
  return withRetry(async () => {
    const res = await fetch(url, { ...init, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
    const text = await res.text();
    if (res.status === 401 || res.status === 403) throw new HttpStatusError(res.status, `${c.label} refused ${path} (HTTP ${res.status}): ${c.refusal(res.status, path)}`);
    if (!res.ok) {
      const after = res.status === 429 ? retryAfterMs(res.headers.get('retry-after')) : null;
      if (after !== null && after > MAX_RETRY_AFTER_MS) {
        throw new Error(`${c.label} rate-limited ${path} and asked to wait ${Math.round(after / 1000)} s; the next scheduled run will try again`);
      }
      throw new HttpStatusError(res.status, `${c.label} answered HTTP ${res.status} on ${path}`, after);
    }
    try {
      return JSON.parse(text) as unknown;
    } catch {
      throw new EspAnswerError(`${c.label} ${path} answered something that is not JSON`);
    }
  }, c.retry ?? DEFAULT_RETRY);
}

/** An answer that does not have the documented shape: the run fails naming the field, and nothing is stored. */
export class EspAnswerError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EspAnswerError';
  }
}

/** Checks an answer against its documented shape; the error names the first wrong field by its path. */
export function parseAnswer<T extends z.ZodType>(schema: T, value: unknown, where: string): z.infer<T> {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  const path = (issue?.path ?? []).map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('').replace(/^\./, '');
  throw new EspAnswerError(`${where} answered a malformed ${path || 'body'}: ${issue?.message ?? 'unexpected shape'}`);
}

/** A documented count: a non-negative integer. */
export const count = z.number().int('must be a whole number').nonnegative('must not be negative');
export const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD');
