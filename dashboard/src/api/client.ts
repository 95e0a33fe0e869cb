// The dashboard's instance of the one API client (shared/api/client.ts, docs/architecture.md "The API client"):
// it sends the bearer token kept for this browser session, and a 401 shows the sign-in page. Every call throws
// an ApiFailure when it fails. The per-area files beside this one hold the calls and their query hooks.
import { ApiFailure, createApiClient, failureFrom as failureOf, okFile } from '#shared/api/client.ts';

export { ApiFailure };
export { ok, rawBody } from '#shared/api/client.ts';

const TOKEN_KEY = 'rebound.token';
/** Fired when the server answers 401: the app shows the sign-in page. */
export const UNAUTHORIZED_EVENT = 'rebound:unauthorized';

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

const unauthorized = (): void => {
  window.dispatchEvent(new Event(UNAUTHORIZED_EVENT));
};

/** The API on the server that served this page. */
export const api = createApiClient({
  baseUrl: '',
  token: getToken,
  unreachable: 'cannot reach the Rebound server; is it running?',
  onUnauthorized: unauthorized,
});

/** The Authorization header of a call made without the client: the upload's XMLHttpRequest (upload.ts). */
export function authHeaders(token: string | null = getToken()): Record<string, string> {
  return token ? { authorization: `Bearer ${token}` } : {};
}

/** A failed answer to a call made without the client (upload.ts), read the client's way; a 401 signs out. */
export function failureFrom(status: number, body: unknown, fallbackText: string): ApiFailure {
  if (status === 401) unauthorized();
  return failureOf(status, body, fallbackText);
}

// The browser starts the download from the object URL at once; a minute is ample before it is released.
const BLOB_URL_LIFETIME_MS = 60_000;

/**
 * Saves a file the API answers (a call with parseAs: 'blob') under the name the server gives it, else
 * `fallbackName`. Fetched with the bearer token, since a plain link cannot carry it when the server requires tokens.
 */
export async function downloadFile(call: Promise<{ data?: Blob; response: Response }>, fallbackName: string): Promise<void> {
  const { data, filename } = await okFile(call);
  const url = URL.createObjectURL(data);
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
