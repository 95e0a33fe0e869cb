// One HTTP POST of an alert (webhook or Slack) and what its answer means for the outbox: delivered, retry later
// (when), or give up. Nothing here names the URL: a Slack webhook URL is its own secret, so reasons say the
// endpoint's label and the answer, never where it was sent.
import { createHmac } from 'node:crypto';

// A receiver that does not answer in 10 s is treated as down: the outbox retries later instead of waiting on it.
const TIMEOUT_MS = 10_000;
// A Retry-After beyond an hour is read as an hour, the outbox's longest backoff: we look again then.
const RETRY_AFTER_CAP_MS = 3_600_000;
const REASON_MAX = 200;

export type PostOutcome =
  | { ok: true; status: number }
  | { ok: false; permanent: boolean; retryAfterMs: number | null; reason: string };
export type Post = (url: string, body: string, headers: Record<string, string>, now: number) => Promise<PostOutcome>;

/** `sha256=<hex HMAC-SHA256 of the body>`, the X-Rebound-Signature value. */
export function signature(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body, 'utf8').digest('hex')}`;
}

/** Retry-After as seconds or an HTTP date (RFC 9110 §10.2.3), in ms from `now`; null when absent or unreadable. */
export function retryAfterMs(value: string | null, now: number): number | null {
  if (!value) return null;
  const v = value.trim();
  const ms = /^\d+$/.test(v) ? Number(v) * 1000 : Date.parse(v) - now;
  if (!Number.isFinite(ms)) return null;
  return Math.min(RETRY_AFTER_CAP_MS, Math.max(1000, ms));
}

/** The receiver's own words, short and on one line (Slack answers e.g. "invalid_payload"). */
const said = (text: string) => text.replace(/[^\x20-\x7e]+/g, ' ').trim().slice(0, 80);

/** Which answers are worth retrying: 408 and 429 (the receiver asks us to come back), 5xx, and no answer at all. */
export async function postJson(url: string, body: string, headers: Record<string, string>, now = Date.now()): Promise<PostOutcome> {
  let res: Response;
  try {
    res = await fetch(url, {
      method: 'POST', body, headers: { 'content-type': 'application/json', ...headers },
      // A redirect would carry the signed body to an address nobody configured.
      redirect: 'manual', signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch (err) {
    const e = err as { name?: string; cause?: { code?: string } };
    const reason = e.name === 'TimeoutError' ? `no answer within ${TIMEOUT_MS / 1000} s` : `could not connect (${e.cause?.code ?? e.name ?? 'network error'})`;
    return { ok: false, permanent: false, retryAfterMs: null, reason };
  }
  const text = await res.text().catch(() => '');
  const status = res.status;
  if (status >= 200 && status < 300) return { ok: true, status };
  const answer = `answered ${status}${said(text) ? ` ${said(text)}` : ''}`.slice(0, REASON_MAX);
  if (status >= 300 && status < 400) return { ok: false, permanent: true, retryAfterMs: null, reason: `${answer}: a redirect; configure the final URL` };
  if (status === 408 || status === 429 || status >= 500) {
    return { ok: false, permanent: false, retryAfterMs: retryAfterMs(res.headers.get('retry-after'), now), reason: answer };
  }
  // Any other 4xx says this request is wrong (Slack: invalid_payload, channel_not_found, channel_is_archived…):
  // sending the same bytes again cannot succeed.
  return { ok: false, permanent: true, retryAfterMs: null, reason: answer };
}
