// Delivering the outbox's webhook and Slack posts: signed, in order per endpoint, retried with the outbox's
// backoff (or the receiver's Retry-After), given up on a 4xx that says the request itself is wrong.
import { DELIVERY_HEADER, SIGNATURE_HEADER } from '#shared/schema/alert-webhook.ts';
import type { HttpTarget } from '../config-alerts.ts';
import type { Services } from '../context.ts';
import { markFailedAttempt, markSent, pendingPosts } from '../store/outbox.ts';
import { postJson, signature, type Post } from './http-post.ts';
import type { DeliveryResult } from './outbox.ts';

// Pending posts looked at per run, due or not (the not-yet-due ones hold their endpoint's place in line).
const BATCH = 1000;
const USER_AGENT = 'Rebound-Alerts/1';

/** The configured endpoints by the digest the outbox names them with. */
export function httpTargets(s: Services): Map<string, HttpTarget> {
  const c = s.config.alertChannels;
  return new Map([...c.webhooks, ...(c.slack ? [c.slack] : [])].map((t) => [t.id, t]));
}

export async function deliverPosts(s: Services, backoffMs: (attempts: number) => number, result: DeliveryResult, post: Post = postJson): Promise<void> {
  const targets = httpTargets(s);
  const secret = s.config.alertChannels.webhookSecret;
  // An endpoint whose oldest message waits (not due yet, or just failed) takes no more posts this run.
  const held = new Set<string>();
  for (const m of await pendingPosts(s.db, BATCH)) {
    if (held.has(m.target)) continue;
    const now = s.now();
    if (m.next_attempt_at !== null && Date.parse(m.next_attempt_at) > now.getTime()) {
      held.add(m.target);
      continue;
    }
    const target = targets.get(m.target);
    if (!target || (m.channel === 'webhook' && !secret)) {
      // Its URL was taken out of the configuration: there is nowhere left to send it.
      await s.db.transaction((tx) => markFailedAttempt(tx, m.id, `${m.label}: this endpoint is no longer configured`, null));
      result.failed++;
      continue;
    }
    const headers: Record<string, string> = { 'user-agent': USER_AGENT };
    if (m.channel === 'webhook' && secret) {
      headers[SIGNATURE_HEADER] = signature(secret, m.body);
      headers[DELIVERY_HEADER] = m.id;
    }
    const out = await post(target.url, m.body, headers, now.getTime());
    if (out.ok) {
      await s.db.transaction((tx) => markSent(tx, m.id, s.now()));
      result.sent++;
      continue;
    }
    const reason = `${target.label}: ${out.reason}`;
    const next = out.permanent ? null : new Date(now.getTime() + (out.retryAfterMs ?? backoffMs(m.attempts + 1)));
    await s.db.transaction((tx) => markFailedAttempt(tx, m.id, reason, next));
    if (out.permanent) {
      result.failed++;
    } else {
      result.retrying++;
      held.add(m.target);
    }
  }
}
