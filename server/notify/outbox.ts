// Enqueueing mail (for alerts and reports) and delivering the outbox with retries and backoff: emails here, webhook
// and Slack posts in deliver-posts.ts. An outage delays messages; it loses none, and a message is marked sent only
// after the server accepted it. A crash between acceptance and marking can send it again — with the same
// Message-ID (or, for a post, the same X-Rebound-Delivery id), so it can be recognised.
import { createHash } from 'node:crypto';
import type { Services } from '../context.ts';
import type { Db, Sql } from '../store/db.ts';
import { dueMessages, insertMessage, markFailedAttempt, markSent, type Attachment } from '../store/outbox.ts';
import { deliverPosts } from './deliver-posts.ts';
import type { Post } from './http-post.ts';
import { isPermanent, smtpSender, type Send } from './mailer.ts';

// 30 s, 1 min, 2 min … capped at an hour: quick recovery from a blip, no hammering of a server that is down.
const BACKOFF_BASE_MS = 30_000;
const BACKOFF_CAP_MS = 3_600_000;
// Messages delivered per run; the rest wait for the next run (every minute).
const BATCH = 100;

/** nodemailer reports every connection, greeting and socket timeout with the code ETIMEDOUT. */
function timedOut(err: unknown): boolean {
  return (err as { code?: unknown } | null)?.code === 'ETIMEDOUT';
}

export function backoffMs(attempts: number): number {
  return Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, attempts - 1));
}

/** A stable Message-ID from the message's idempotency key (RFC 5322 msg-id). */
export function messageIdFor(key: string, domain = 'rebound.local'): string {
  return `<${createHash('sha256').update(key).digest('hex').slice(0, 32)}@${domain}>`;
}

export interface MailRequest { key: string; to: string[]; subject: string; text: string; html: string; attachments?: Attachment[] }

/** Enqueues inside the caller's transaction (`tx`), or in one of its own. Idempotent by `key`. */
export async function enqueueMail(db: Db, m: MailRequest, tx?: Sql): Promise<boolean> {
  const row = { ...m, messageId: messageIdFor(m.key) };
  return tx ? insertMessage(tx, row) : db.transaction((t) => insertMessage(t, row));
}

export interface DeliveryResult { sent: number; retrying: number; failed: number }

const running = new WeakMap<Db, Promise<DeliveryResult>>();

/**
 * Delivers what is due, over every channel. Runs once at a time per store; a second call joins the run under way.
 * `send` and `post` replace SMTP and HTTP (tests).
 */
export function deliverDue(s: Services, send?: Send, post?: Post): Promise<DeliveryResult> {
  const current = running.get(s.db);
  if (current) return current;
  const run = deliver(s, send, post).finally(() => running.delete(s.db));
  running.set(s.db, run);
  return run;
}

async function deliver(s: Services, send?: Send, post?: Post): Promise<DeliveryResult> {
  const result: DeliveryResult = { sent: 0, retrying: 0, failed: 0 };
  await deliverMail(s, result, send);
  await deliverPosts(s, backoffMs, result, post);
  return result;
}

async function deliverMail(s: Services, result: DeliveryResult, send?: Send): Promise<void> {
  const { smtpUrl, alertFrom } = s.config;
  // Without SMTP, emails wait in the outbox until SMTP_URL is set.
  if (!smtpUrl || !alertFrom) return;
  const transport = send ?? smtpSender(smtpUrl);
  for (const m of await dueMessages(s.db, s.now(), BATCH)) {
    try {
      await transport({
        messageId: m.message_id, from: alertFrom, replyTo: alertFrom, to: m.recipients, subject: m.subject,
        text: m.text_body, html: m.html_body, attachments: m.attachments,
      });
      await s.db.transaction((tx) => markSent(tx, m.id, s.now()));
      result.sent++;
    } catch (err) {
      const reason = err instanceof Error ? err.message : String(err);
      const permanent = isPermanent(err);
      const next = permanent ? null : new Date(s.now().getTime() + backoffMs(m.attempts + 1));
      await s.db.transaction((tx) => markFailedAttempt(tx, m.id, reason.slice(0, 500), next));
      if (permanent) result.failed++;
      else result.retrying++;
      // A server that does not answer costs a full timeout (up to SOCKET_TIMEOUT_MS) per message: trying the rest
      // of the batch against it would hold this run for up to BATCH × 30 s. They stay due for the next run.
      if (timedOut(err)) break;
    }
  }
}
