// The audience guard's SQL (docs/incidents.md): an incident's named sends, its uploaded recipient lists, and the affected
// audience — recipients of the bad sends, minus those whose every message bounced, minus the suppression list.
import { listValue } from '@duckdb/node-api';
import { MAX_EXAMPLES, type AudienceComparison, type RecipientList } from '#shared/schema/audience.ts';
import type { Db, Sql } from './db.ts';

export type SendRole = 'incident' | 'apology';

// DuckDB cannot type an empty list parameter (its items are ANY); NULL, cast to VARCHAR[] in the SQL, matches
// nothing in list_contains and unnests to no rows, which is what an empty list means here.
const varchars = (xs: readonly string[]) => (xs.length > 0 ? listValue([...xs]) : null);

/** Replaces the incident's sends of one role (inside the caller's transaction). */
export async function setSends(tx: Sql, incidentId: string, role: SendRole, sendIds: readonly string[]): Promise<void> {
  await tx.run('DELETE FROM incident_sends WHERE incident_id = $1 AND role = $2', [incidentId, role]);
  for (const sendId of new Set(sendIds)) {
    await tx.run('INSERT INTO incident_sends (incident_id, send_id, role) VALUES ($1, $2, $3)', [incidentId, sendId, role]);
  }
}

/**
 * The sends of the given streams (null: every stream) that started in [from, to): the stand-in when the bad send is not named. The
 * incident's apology send is never one of them, even when it went out the same day: it is what is being checked.
 */
export async function sendsInWindow(sql: Sql, incidentId: string, streams: readonly string[] | null, from: string, to: string): Promise<string[]> {
  const rows = await sql.all<{ send_id: string }>(
    `SELECT DISTINCT send_id FROM sends
      WHERE ($5 OR list_contains($1::VARCHAR[], stream)) AND sent_at >= $2::TIMESTAMP AND sent_at < $3::TIMESTAMP
        AND send_id NOT IN (SELECT send_id FROM incident_sends WHERE incident_id = $4 AND role = 'apology')
      ORDER BY send_id`,
    [varchars(streams ?? []), from, to, incidentId, streams === null]);
  return rows.map((r) => r.send_id);
}

export interface SendInfo { send_id: string; stream: string | null; sent_at: string | null; injected: number }

/** What the store knows of each send (all providers together); a named send not loaded yet has nulls. */
export async function sendInfo(sql: Sql, sendIds: readonly string[]): Promise<SendInfo[]> {
  return sql.all<SendInfo>(
    `SELECT id.send_id, min(s.stream) AS stream, min(s.sent_at) AS sent_at, coalesce(sum(s.injected), 0)::BIGINT AS injected
       FROM unnest($1::VARCHAR[]) AS id(send_id) LEFT JOIN sends s ON s.send_id = id.send_id
      GROUP BY id.send_id ORDER BY min(s.sent_at) NULLS LAST, id.send_id`,
    [varchars(sendIds)]);
}

// Each recipient of the sends once, with whether any message to them bounced and whether any arrived. "Bounced"
// for the audience means bounced and never arrived: a soft bounce retried into a delivery still reached the inbox,
// and so did a message opened, clicked, complained about or unsubscribed from (some ESPs send no delivery events).
const RECIPIENTS = `
  SELECT recipient,
         bool_or(type = 'bounce') AND NOT bool_or(type IN ('delivery', 'open', 'click', 'complaint', 'unsubscribe')) AS bounced
    FROM events WHERE list_contains($1::VARCHAR[], send_id) AND recipient IS NOT NULL GROUP BY recipient`;
const LISTED = `SELECT recipient FROM incident_lists WHERE incident_id = $2 AND list = 'suppression'`;
const AFFECTED = `SELECT r.recipient FROM (${RECIPIENTS}) r WHERE NOT r.bounced AND r.recipient NOT IN (${LISTED})`;

export interface AudienceCounts { recipients: number; bounced: number; suppressed: number; affected: number; events_without_recipient: number }

export async function audienceCounts(sql: Sql, incidentId: string, sendIds: readonly string[]): Promise<AudienceCounts> {
  const row = await sql.one<AudienceCounts>(
    `SELECT count(*)::BIGINT AS recipients,
            count(*) FILTER (WHERE bounced)::BIGINT AS bounced,
            count(*) FILTER (WHERE NOT bounced AND recipient IN (${LISTED}))::BIGINT AS suppressed,
            count(*) FILTER (WHERE NOT bounced AND recipient NOT IN (${LISTED}))::BIGINT AS affected,
            (SELECT count(*) FROM events WHERE list_contains($1::VARCHAR[], send_id) AND recipient IS NULL)::BIGINT AS events_without_recipient
       FROM (${RECIPIENTS})`,
    [varchars(sendIds), incidentId]);
  return row ?? { recipients: 0, bounced: 0, suppressed: 0, affected: 0, events_without_recipient: 0 };
}

/** The affected audience, in order, a page at a time (an export of millions streams rather than sits in memory). */
export async function affectedPage(sql: Sql, incidentId: string, sendIds: readonly string[], after: string | null, limit: number): Promise<string[]> {
  const rows = await sql.all<{ recipient: string }>(
    `SELECT recipient FROM (${AFFECTED}) WHERE $3::VARCHAR IS NULL OR recipient > $3 ORDER BY recipient LIMIT $4`,
    [varchars(sendIds), incidentId, after, limit]);
  return rows.map((r) => r.recipient);
}

/** Recipients of `who` (an uploaded list, or an apology send's events) that are outside the affected audience. */
async function compare(sql: Sql, who: string, whoParams: (string | number)[], incidentId: string, sendIds: readonly string[]): Promise<AudienceComparison> {
  const row = await sql.one<{ recipients: number; outside: number; examples: string[] | null }>(
    `WITH who AS (${who}), affected AS (${AFFECTED})
     SELECT (SELECT count(*) FROM who)::BIGINT AS recipients,
            (SELECT count(*) FROM who WHERE recipient NOT IN (SELECT recipient FROM affected))::BIGINT AS outside,
            (SELECT list(recipient ORDER BY recipient) FROM (SELECT recipient FROM who
              WHERE recipient NOT IN (SELECT recipient FROM affected) ORDER BY recipient LIMIT ${MAX_EXAMPLES})) AS examples`,
    [varchars(sendIds), incidentId, ...whoParams]);
  return { recipients: row?.recipients ?? 0, outside: row?.outside ?? 0, examples: row?.examples ?? [] };
}

export function compareApologyList(sql: Sql, incidentId: string, sendIds: readonly string[]): Promise<AudienceComparison> {
  return compare(sql, `SELECT recipient FROM incident_lists WHERE incident_id = $2 AND list = 'apology'`, [], incidentId, sendIds);
}

export function compareApologySend(sql: Sql, incidentId: string, sendIds: readonly string[], apologySendId: string): Promise<AudienceComparison> {
  return compare(sql, 'SELECT DISTINCT recipient FROM events WHERE send_id = $3 AND recipient IS NOT NULL', [apologySendId], incidentId, sendIds);
}

export async function listInfo(sql: Sql, incidentId: string, list: RecipientList): Promise<{ recipients: number; uploaded_at: string } | null> {
  const row = await sql.one<{ recipients: number; uploaded_at: string }>(
    'SELECT recipients, uploaded_at FROM incident_list_uploads WHERE incident_id = $1 AND list = $2', [incidentId, list]);
  return row ?? null;
}

/**
 * Replaces a list as a whole, in one transaction: the recipients arrive already validated and lower-cased, in
 * chunks, so a list of millions never sits in one SQL statement. Returns how many distinct recipients it holds.
 */
export async function replaceList(db: Db, incidentId: string, list: RecipientList, chunks: AsyncIterable<string[]>): Promise<number> {
  return db.transaction(async (tx) => {
    await tx.run('DELETE FROM incident_lists WHERE incident_id = $1 AND list = $2', [incidentId, list]);
    for await (const chunk of chunks) {
      await tx.run(
        `INSERT OR IGNORE INTO incident_lists (incident_id, list, recipient) SELECT $1, $2, unnest($3::VARCHAR[])`,
        [incidentId, list, varchars(chunk)]);
    }
    const n = (await tx.one<{ n: number }>('SELECT count(*)::BIGINT AS n FROM incident_lists WHERE incident_id = $1 AND list = $2', [incidentId, list]))?.n ?? 0;
    await tx.run(
      `INSERT OR REPLACE INTO incident_list_uploads (incident_id, list, recipients, uploaded_at) VALUES ($1, $2, $3, now()::TIMESTAMP)`,
      [incidentId, list, n]);
    return n;
  });
}

export async function deleteList(db: Db, incidentId: string, list: RecipientList): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.run('DELETE FROM incident_lists WHERE incident_id = $1 AND list = $2', [incidentId, list]);
    await tx.run('DELETE FROM incident_list_uploads WHERE incident_id = $1 AND list = $2', [incidentId, list]);
  });
}
