// The webhook quarantine (migration 014): events an ESP sent that Rebound cannot use yet, kept as received.
// Written in the transaction of the load they arrived with, so a post is answered only once they are kept.
import type { Db, Sql } from './db.ts';

export interface QuarantineInput { esp: string; reason: string; payload: string; item: number }

export interface QuarantinedEvent {
  id: number;
  esp: string;
  reason: string;
  received_at: string;
  /** The event's part of the post as the ESP sent it (JSON text). */
  payload: string;
  item: number;
}

export interface QuarantineCount { esp: string; reason: string; count: number; last_received_at: string }

/**
 * Keeps events; one already kept (a redelivered post, or the same post loaded twice) stays as it is. One statement
 * for all of a load's events: a post the fallbacks cannot map may quarantine every one of its events.
 */
export async function quarantine(tx: Sql, rows: readonly QuarantineInput[], at: string): Promise<void> {
  if (rows.length === 0) return;
  await tx.run(
    `INSERT INTO webhook_quarantine (qkey, esp, reason, payload, item, received_at)
     SELECT qkey, esp, reason, payload, item, $2::TIMESTAMP
       FROM (SELECT DISTINCT ON (qkey) * FROM (
               SELECT md5_number(r.esp || chr(31) || CAST(r.item AS VARCHAR) || chr(31) || r.payload) AS qkey, r.*
                 FROM (SELECT unnest(CAST($1 AS JSON)::STRUCT(esp VARCHAR, reason VARCHAR, payload VARCHAR, item INTEGER)[], recursive := true)) r)
             ORDER BY qkey) q
      WHERE NOT EXISTS (SELECT 1 FROM webhook_quarantine w WHERE w.qkey = q.qkey)`,
    [JSON.stringify(rows.map((r) => ({ esp: r.esp, reason: r.reason, payload: r.payload, item: r.item }))), at],
  );
}

export async function quarantineCounts(db: Sql): Promise<QuarantineCount[]> {
  return db.all<QuarantineCount>(
    `SELECT esp, reason, CAST(count(*) AS INTEGER) AS count, strftime(max(received_at), '%Y-%m-%dT%H:%M:%SZ') AS last_received_at
       FROM webhook_quarantine GROUP BY esp, reason ORDER BY count DESC, esp, reason`,
  );
}

/** The newest events first, or those of one ESP / these ids. */
export async function quarantinedEvents(db: Sql, opts: { esp?: string; ids?: readonly number[]; limit?: number }): Promise<QuarantinedEvent[]> {
  const where: string[] = [];
  const params: (string | number)[] = [];
  if (opts.esp) {
    params.push(opts.esp);
    where.push(`esp = $${params.length}`);
  }
  if (opts.ids) {
    if (opts.ids.length === 0) return [];
    const list = opts.ids.map((id) => {
      params.push(id);
      return `$${params.length}`;
    });
    where.push(`id IN (${list.join(', ')})`);
  }
  params.push(opts.limit ?? 1_000_000);
  return db.all<QuarantinedEvent>(
    `SELECT CAST(id AS INTEGER) AS id, esp, reason, strftime(received_at, '%Y-%m-%dT%H:%M:%SZ') AS received_at, payload, item
       FROM webhook_quarantine ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY received_at DESC, id DESC LIMIT $${params.length}`,
    params,
  );
}

/** Events moved into the store (or no longer anything Rebound measures) leave the quarantine. */
export async function releaseQuarantined(db: Db, ids: readonly number[]): Promise<void> {
  if (ids.length === 0) return;
  await db.transaction(async (tx) => {
    for (const id of ids) await tx.run('DELETE FROM webhook_quarantine WHERE id = $1', [id]);
  });
}

/** Still unusable after a replay: the reason of now. */
export async function requarantine(db: Db, rows: readonly { id: number; reason: string }[]): Promise<void> {
  if (rows.length === 0) return;
  await db.transaction(async (tx) => {
    for (const r of rows) await tx.run('UPDATE webhook_quarantine SET reason = $2 WHERE id = $1', [r.id, r.reason]);
  });
}
