// Retries with exponential backoff and jitter for remote APIs (every pulled source: BigQuery, Postmaster, SNDS, the
// ESPs; docs/sources.md). Only what the APIs document as transient is retried: 429 (rate limits,
// "rateLimitExceeded") and 5xx ("backendError", "internalError"); BigQuery's troubleshooting guide says to retry
// those with exponential backoff. A 4xx is a bad request or bad credentials and fails at once.

export interface RetryOptions {
  /** Attempts after the first. */
  retries: number;
  /** The first wait; each further wait doubles, up to maxDelayMs. */
  baseDelayMs: number;
  maxDelayMs: number;
  sleep: (ms: number) => Promise<void>;
  onRetry?: (attempt: number, status: number | null, err: unknown) => void;
}

// Five retries over about 30 s (1 + 2 + 4 + 8 + 16) ride out a brief rate limit or a backend restart without
// holding a scheduled run for minutes.
export const DEFAULT_RETRY: RetryOptions = {
  retries: 5,
  baseDelayMs: 1_000,
  maxDelayMs: 16_000,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/** The HTTP status behind an error thrown by the Google client libraries or by our own fetch wrappers. */
export function statusOf(err: unknown): number | null {
  if (typeof err !== 'object' || err === null) return null;
  const e = err as { code?: unknown; status?: unknown; response?: { status?: unknown } };
  for (const v of [e.code, e.status, e.response?.status]) if (typeof v === 'number' && v >= 100 && v < 600) return v;
  return null;
}

export function isTransient(err: unknown): boolean {
  const status = statusOf(err);
  if (status === null) {
    // No status: the connection itself failed (reset, refused, timed out), which is worth another try.
    const code = (err as { code?: unknown } | null)?.code;
    return typeof code === 'string' && /^(ECONNRESET|ECONNREFUSED|ETIMEDOUT|EPIPE|UND_ERR_SOCKET)$/.test(code);
  }
  return status === 429 || status >= 500;
}

export async function withRetry<T>(fn: () => Promise<T>, opts: RetryOptions = DEFAULT_RETRY): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await fn();
    } catch (err) {
      if (attempt >= opts.retries || !isTransient(err)) throw err;
      opts.onRetry?.(attempt + 1, statusOf(err), err);
      // A rate limit that says how long to wait (Retry-After) is obeyed as said; otherwise backoff.
      const asked = err instanceof HttpStatusError ? err.retryAfterMs : null;
      const wait = Math.min(opts.maxDelayMs, opts.baseDelayMs * 2 ** attempt);
      // Full jitter halves the expected wait and keeps many clients from retrying in step.
      await opts.sleep(asked ?? wait / 2 + Math.random() * (wait / 2));
    }
  }
}

/** An HTTP answer that is not 2xx, with its status, for withRetry to judge. */
export class HttpStatusError extends Error {
  /** How long the answer's Retry-After header asked to wait, when it said. */
  constructor(readonly status: number, message: string, readonly retryAfterMs: number | null = null) {
    super(message);
    this.name = 'HttpStatusError';
  }
}
