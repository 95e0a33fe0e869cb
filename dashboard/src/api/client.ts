// The dashboard's one way to call the API: adds the bearer token kept for this browser session and turns the
// API's error shape ({ error: { code, message, details } }) into an ApiFailure.
import type { ApiErrorBody } from '#shared/schema/api-error.ts';

const TOKEN_KEY = 'rebound.token';
/** Fired when the server answers 401: the app shows the sign-in page. */
export const UNAUTHORIZED_EVENT = 'rebound:unauthorized';

export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: unknown,
  ) {
    super(message);
    this.name = 'ApiFailure';
  }
}

export function getToken(): string | null {
  try {
    return sessionStorage.getItem(TOKEN_KEY);
  } catch {
    // Storage can be disabled by the browser's privacy settings; then there is simply no saved token.
    return null;
  }
}

export function setToken(token: string | null): void {
  try {
    if (token) sessionStorage.setItem(TOKEN_KEY, token);
    else sessionStorage.removeItem(TOKEN_KEY);
  } catch {
    // See getToken: without storage the token lives only as long as this page.
  }
}

export function authHeaders(token: string | null = getToken()): Record<string, string> {
  return token ? { authorization: `Bearer ${token}` } : {};
}

function isErrorBody(value: unknown): value is ApiErrorBody {
  if (typeof value !== 'object' || value === null || !('error' in value)) return false;
  const e = value.error;
  return typeof e === 'object' && e !== null && 'code' in e && 'message' in e;
}

/** Turns any non-2xx answer into an ApiFailure, reading the API's error shape when there is one. */
export function failureFrom(status: number, body: unknown, fallbackText: string): ApiFailure {
  if (status === 401) window.dispatchEvent(new Event(UNAUTHORIZED_EVENT));
  if (isErrorBody(body)) return new ApiFailure(status, body.error.code, body.error.message, body.error.details);
  return new ApiFailure(status, 'http_error', fallbackText || `the server answered ${status}`, null);
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  /** A body sent as is with its own content type (e.g. an .eml as message/rfc822) instead of JSON. */
  raw?: { type: string; data: Blob | string };
  signal?: AbortSignal;
  token?: string | null;
}

/**
 * Calls `path` and returns its JSON as T. The cast is the trust boundary: the server validates what it
 * answers against the same shared zod schemas (and documents them in /api/openapi.json), so the dashboard does
 * not ship zod on its first page just to check them again.
 */
export async function apiRequest<T>(path: string, opts: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json', ...authHeaders(opts.token === undefined ? getToken() : opts.token) };
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  if (opts.raw) headers['content-type'] = opts.raw.type;
  const body = opts.raw ? opts.raw.data : opts.body !== undefined ? JSON.stringify(opts.body) : undefined;
  let res: Response;
  try {
    res = await fetch(path, {
      method: opts.method ?? 'GET',
      headers,
      ...(body !== undefined ? { body } : {}),
      ...(opts.signal ? { signal: opts.signal } : {}),
    });
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw new ApiFailure(0, 'network', 'cannot reach the Rebound server; is it running?', null);
  }
  const text = await res.text();
  let answer: unknown = null;
  try {
    answer = text ? JSON.parse(text) : null;
  } catch {
    answer = null;
  }
  if (!res.ok) throw failureFrom(res.status, answer, text.slice(0, 200));
  return answer as T;
}

/** A file the API answers (a report): its bytes and the name the server gives it (Content-Disposition). */
export async function apiFile(path: string, signal?: AbortSignal): Promise<{ blob: Blob; filename: string | null }> {
  let res: Response;
  try {
    res = await fetch(path, { headers: { ...authHeaders() }, ...(signal ? { signal } : {}) });
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw new ApiFailure(0, 'network', 'cannot reach the Rebound server; is it running?', null);
  }
  if (!res.ok) {
    const text = await res.text();
    let answer: unknown = null;
    try {
      answer = JSON.parse(text);
    } catch {
      answer = null;
    }
    throw failureFrom(res.status, answer, text.slice(0, 200));
  }
  const filename = /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? null;
  return { blob: await res.blob(), filename };
}

// The browser starts the download from the object URL at once; a minute is ample before it is released.
const BLOB_URL_LIFETIME_MS = 60_000;

/**
 * Saves a file the API answers under the name the server gives it (else `fallbackName`). Fetched with the bearer
 * token, since a plain link cannot carry it when the server requires tokens.
 */
export async function downloadFile(path: string, fallbackName: string): Promise<void> {
  const { blob, filename } = await apiFile(path);
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename ?? fallbackName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), BLOB_URL_LIFETIME_MS);
}

/** With a token a link must be fetched with it (downloadFile); without one the browser follows the link itself. */
export const needsTokenDownload = (): boolean => getToken() !== null;
