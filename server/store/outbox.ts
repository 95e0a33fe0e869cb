// The durable outbox (docs/alerts.md): messages written in the same transaction as their cause, delivered later.
import { listValue } from '@duckdb/node-api';
import type { Channel, OutboxItem } from '#shared/schema/alerts.ts';
import type { Sql } from './db.ts';

export interface Attachment { filename: string; contentType: string; content: Buffer }
export interface MailInput {
  /** Idempotency key: enqueueing the same key twice stores one message. */
  key: string;
  messageId: string;
  to: string[];
  subject: string;
  text: string;
  html: string;
  attachments?: Attachment[];
}
export interface OutboxMessage extends OutboxItem { text_body: string; html_body: string; attachments: Attachment[] }

/** Returns whether the message is new (false: that key was enqueued before). It is due at once (no next attempt time). */
export async function insertMessage(tx: Sql, m: MailInput): Promise<boolean> {
  const attachments = m.attachments?.length
    ? JSON.stringify(m.attachments.map((a) => ({ filename: a.filename, contentType: a.contentType, content: a.content.toString('base64') })))
    : null;
  const n = await tx.run(
    `INSERT INTO outbox (id, channel, message_id, recipients, subject, text_body, html_body, attachments, status, attempts,
                         created_at, next_attempt_at)
     VALUES ($1, 'email', $2, $3, $4, $5, $6, $7, 'pending', 0, now()::TIMESTAMP, NULL)
     ON CONFLICT DO NOTHING`,
    [m.key, m.messageId, listValue(m.to), m.subject, m.text, m.html, attachments],
  );
  return n > 0;
}

export interface PostInput {
  /** Idempotency key, also the delivery id a receiver sees: enqueueing it twice stores one message. */
  key: string;
  channel: Exclude<Channel, 'email'>;
  /** The configured endpoint's digest (server/config-alerts.ts), never its URL. */
  target: string;
  /** The endpoint's label (host), shown where an email shows its recipients. */
  label: string;
  subject: string;
  /** The exact JSON body to post, built once so every retry sends the same bytes (and the same signature). */
  body: string;
  createdAt: string;
}

/** A webhook or Slack post, due at once. Returns whether it is new. */
export async function insertPost(tx: Sql, p: PostInput): Promise<boolean> {
  const n = await tx.run(
    `INSERT INTO outbox (id, channel, target, message_id, recipients, subject, text_body, html_body, attachments, status,
                         attempts, created_at, next_attempt_at)
     VALUES ($1, $2, $3, $1, $4, $5, $6, '', NULL, 'pending', 0, $7::TIMESTAMP, NULL)
     ON CONFLICT DO NOTHING`,
    [p.key, p.channel, p.target, listValue([p.label]), p.subject, p.body, p.createdAt],
  );
  return n > 0;
}

export interface PendingPost { id: string; channel: Exclude<Channel, 'email'>; target: string; label: string; body: string; attempts: number; next_attempt_at: string | null }

/**
 * Every pending post, due or not, oldest first: the deliverer keeps each endpoint's order (a RESOLVED must not
 * overtake the FIRING it ends while that one waits for its retry).
 */
export async function pendingPosts(sql: Sql, limit: number): Promise<PendingPost[]> {
  return sql.all<PendingPost>(
    `SELECT id, channel, target, recipients[1] AS label, text_body AS body, attempts, next_attempt_at
       FROM outbox WHERE status = 'pending' AND channel <> 'email'
      ORDER BY created_at, id LIMIT $1`,
    [limit],
  );
}

interface Row extends OutboxItem { text_body: string; html_body: string; attachments: string | null }

export async function dueMessages(sql: Sql, now: Date, limit: number): Promise<OutboxMessage[]> {
  const rows = await sql.all<Row>(
    `SELECT id, channel, message_id, recipients, subject, text_body, html_body, CAST(attachments AS VARCHAR) AS attachments,
            status, attempts, created_at, next_attempt_at, sent_at, last_error
       FROM outbox WHERE status = 'pending' AND channel = 'email' AND (next_attempt_at IS NULL OR next_attempt_at <= $1::TIMESTAMP)
      ORDER BY created_at, id LIMIT $2`,
    [now.toISOString(), limit],
  );
  return rows.map((r) => ({
    ...r,
    attachments: r.attachments
      ? (JSON.parse(r.attachments) as { filename: string; contentType: string; content: string }[]).map((a) => ({ ...a, content: Buffer.from(a.content, 'base64') }))
      : [],
  }));
}

export async function markSent(sql: Sql, id: string, at: Date): Promise<void> {
  await sql.run(`UPDATE outbox SET status = 'sent', sent_at = $2::TIMESTAMP, attempts = attempts + 1, last_error = NULL WHERE id = $1`, [id, at.toISOString()]);
}

export async function markFailedAttempt(sql: Sql, id: string, error: string, nextAttempt: Date | null): Promise<void> {
  await sql.run(
    `UPDATE outbox SET attempts = attempts + 1, last_error = $2, next_attempt_at = $3::TIMESTAMP,
            status = CASE WHEN $3::TIMESTAMP IS NULL THEN 'failed' ELSE 'pending' END
      WHERE id = $1`,
    [id, error, nextAttempt ? nextAttempt.toISOString() : null],
  );
}

export function listOutbox(sql: Sql, limit: number): Promise<OutboxItem[]> {
  return sql.all<OutboxItem>(
    `SELECT id, channel, message_id, recipients, subject, status, attempts, created_at, next_attempt_at, sent_at, last_error
       FROM outbox ORDER BY created_at DESC, id DESC LIMIT $1`,
    [limit],
  );
}
