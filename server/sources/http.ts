// HTTP for the pulled sources: fetch with a timeout, non-2xx as HttpStatusError (so withRetry retries 429/5xx),
// and the same retry policy as BigQuery. The URL is never put into an error message: SNDS keys travel in it.
import { DEFAULT_RETRY, HttpStatusError, withRetry, type RetryOptions } from '../http/retry.ts';

// A Postmaster or SNDS answer comes within seconds; a minute means the service is stuck, and the run should fail
// and be retried by the next schedule rather than hold the job.
const REQUEST_TIMEOUT_MS = 60_000;

export async function fetchText(url: string, init: RequestInit, what: string, retry: RetryOptions = DEFAULT_RETRY): Promise<string> {
  return withRetry(async () => {
    const res = await fetch(url, { ...init, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
    const text = await res.text();
    if (!res.ok) throw new HttpStatusError(res.status, `${what} answered HTTP ${res.status}${errorMessage(text)}`);
    return text;
  }, retry);
}

export async function fetchJson(url: string, init: RequestInit, what: string, retry?: RetryOptions): Promise<unknown> {
  const text = await fetchText(url, init, what, retry);
  try {
    return JSON.parse(text);
  } catch {
    throw new Error(`${what} answered something that is not JSON`);
  }
}

/** Google APIs answer errors as { error: { code, message, status } }. */
function errorMessage(text: string): string {
  try {
    const body = JSON.parse(text) as { error?: { message?: unknown } };
    return typeof body.error?.message === 'string' ? `: ${body.error.message.slice(0, 300)}` : '';
  } catch {
    return '';
  }
}
