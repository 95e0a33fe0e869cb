// Merges a staged input into the store, inside the caller's transaction. Identifiers in these statements come
// from constants in this file; every value is a parameter.
import type { InputKind } from '#shared/schema/inputs.ts';
import type { Sql } from './db.ts';
import { rollUpSends } from './send-rollup.ts';
import { STAGE_TABLE } from './staging.ts';

export interface MergeCounts { stored: number; duplicate: number; storedByRange?: number[] }
/** Inclusive line range [first, last]. */
export type Range = readonly [number, number];
export interface Conflict { line: number; reason: string }

interface KeyedTable { table: string; key: string[]; values: string[]; origin: boolean }

// Send summaries and seed tests are keyed rows: a row equal to the stored one is a duplicate, a changed one
// replaces it (an ESP re-exporting a report with late complaints counted).
const KEYED: Record<'sends' | 'seeds' | 'reputation', KeyedTable> = {
  sends: {
    table: 'sends',
    key: ['send_id', 'provider'],
    values: ['stream', 'sent_at', 'injected', 'delivered', 'bounced_hard', 'bounced_soft', 'bounced_block',
      'complaints', 'unsubscribes', 'opens', 'clicks'],
    origin: true,
  },
  seeds: {
    table: 'seed_tests',
    key: ['send_id', 'provider', 'tested_at'],
    values: ['stream', 'seeds', 'inbox', 'spam', 'missing'],
    origin: false,
  },
  // One value per day × subject × source × metric (docs/data-formats.md); a re-pulled day with a revised value replaces it.
  reputation: {
    table: 'reputation',
    key: ['date', 'subject', 'source', 'metric'],
    values: ['value', 'level'],
    origin: false,
  },
};

/** Rows of one input that give the same key twice with different values: which one is meant is unknowable. */
export async function findConflicts(tx: Sql, kind: InputKind): Promise<Conflict[]> {
  if (kind === 'events') return [];
  const t = KEYED[kind];
  const key = t.key.join(', ');
  const differs = t.values.map((c) => `s.${c} IS DISTINCT FROM f.${c}`).join(' OR ');
  const label = t.key.map((k) => `'${k} ' || CAST(s.${k} AS VARCHAR)`).join(', ');
  const rows = await tx.all<{ line: number; first_line: number; label: string }>(`
    WITH firsts AS (SELECT * FROM ${STAGE_TABLE} QUALIFY row_number() OVER (PARTITION BY ${key} ORDER BY line) = 1)
    SELECT s.line, f.line AS first_line, concat_ws(', ', ${label}) AS label
      FROM ${STAGE_TABLE} s JOIN firsts f USING (${key})
     WHERE s.line <> f.line AND (${differs})
     ORDER BY s.line`);
  return rows.map((r) => ({
    line: r.line,
    reason: `${r.label} already appears at line ${r.first_line} with different values`,
  }));
}

export async function dropLines(tx: Sql, lines: number[]): Promise<void> {
  if (lines.length === 0) return;
  await tx.run(`DELETE FROM ${STAGE_TABLE} WHERE list_contains($1::BIGINT[], line)`, [JSON.stringify(lines)]);
}

async function stagedCount(tx: Sql): Promise<number> {
  return (await tx.one<{ n: number }>(`SELECT count(*) AS n FROM ${STAGE_TABLE}`))?.n ?? 0;
}

async function mergeKeyed(tx: Sql, t: KeyedTable, ingestId: number): Promise<MergeCounts> {
  const total = await stagedCount(tx);
  const key = t.key.join(', ');
  const cols = [...t.key, ...t.values];
  const same = [...t.key, ...t.values].map((c) => `t.${c} IS NOT DISTINCT FROM s.${c}`).join(' AND ');
  const originFilter = t.origin ? `AND t.origin = 'summary'` : '';
  await tx.run(`
    CREATE OR REPLACE TEMP TABLE stage_new AS
    SELECT s.* FROM (
      SELECT * FROM ${STAGE_TABLE} QUALIFY row_number() OVER (PARTITION BY ${key} ORDER BY line) = 1) s
     WHERE NOT EXISTS (SELECT 1 FROM ${t.table} t WHERE ${same} ${originFilter})`);
  // Each row names the run that wrote it: what the open-time check takes out should that run never finish.
  // A loaded summary is the file's own count for its provider: it never stands for every provider of its send
  // (send-coverage.ts), so a pulled row it replaces loses that mark (INSERT OR REPLACE keeps unnamed columns).
  const extra = t.origin ? `, origin, updated_at, ingest_id, all_providers` : ', ingest_id';
  const extraValues = t.origin ? `, 'summary', now()::TIMESTAMP, $1, NULL` : ', $1';
  const stored = await tx.run(
    `INSERT OR REPLACE INTO ${t.table} (${cols.join(', ')}${extra}) SELECT ${cols.join(', ')}${extraValues} FROM stage_new`,
    [ingestId],
  );
  await tx.run('DROP TABLE stage_new');
  return { stored, duplicate: total - stored };
}

// The staged events with their identity key.
const KEYED_STAGE = `
  SELECT md5_number(CASE WHEN event_id IS NOT NULL THEN 'id:' || event_id
                         ELSE 'h:' || concat_ws(chr(31), type, CAST(ts AS VARCHAR), send_id, stream,
                              provider, coalesce(bounce_class, ''), coalesce(CAST(smtp_code AS VARCHAR), ''),
                              coalesce(diagnostic, ''), coalesce(message_id, ''))
                              -- recipient came later (migration 008): only a record that has one hashes it,
                              -- so events loaded before keep their identity.
                              || CASE WHEN recipient IS NULL THEN '' ELSE chr(31) || 'r:' || recipient END
                    END) AS event_key, *
    FROM ${STAGE_TABLE}`;
/**
 * How far apart in time two records with one identity may be and still be one event (docs/data-formats.md, "Event
 * identity"). A redelivery carries its event's own timestamp, and a re-export the same one, give or take a time
 * zone; so the search for a stored copy reads only the stored events within a day of the staged ones. DuckDB skips
 * the rest by each row group's min/max of `ts`, so a load costs what a few days of events cost to read, not what the
 * whole store does (an event key is an MD5: no index or zone map can narrow a search by it alone).
 */
export const IDENTITY_WINDOW = "INTERVAL '1 day'";
// The staged events not stored yet, keyed; `FIRST_PER_KEY` keeps one per identity (the first line wins), which
// staged rows of distinct event ids need not. A stored copy is one within a day of each staged event; $2 and $3,
// the staged events' first and last timestamps, say the same for the whole group as constants, so that the scan of
// events skips the row groups outside it.
const NOT_STORED = `
  SELECT event_key, event_id, type, ts, send_id, stream, provider, bounce_class, smtp_code, diagnostic, message_id, recipient, line
    FROM (${KEYED_STAGE}) s
   WHERE NOT EXISTS (SELECT 1 FROM events e
                      WHERE e.ts BETWEEN $2::TIMESTAMP - ${IDENTITY_WINDOW} AND $3::TIMESTAMP + ${IDENTITY_WINDOW}
                        AND e.event_key = s.event_key
                        AND e.ts BETWEEN s.ts - ${IDENTITY_WINDOW} AND s.ts + ${IDENTITY_WINDOW})`;
const FIRST_PER_KEY = 'QUALIFY row_number() OVER (PARTITION BY event_key ORDER BY line) = 1';
const EVENT_COLUMNS = 'event_key, event_id, type, ts, send_id, stream, provider, bounce_class, smtp_code, diagnostic, message_id, recipient';
const INSERT_NEW_EVENTS = `INSERT INTO events (${EVENT_COLUMNS}, ingest_id) SELECT ${EVENT_COLUMNS}, $1 FROM (${NOT_STORED} ${FIRST_PER_KEY})`;
const INSERT_NEW_DISTINCT_EVENTS = `INSERT INTO events (${EVENT_COLUMNS}, ingest_id) SELECT ${EVENT_COLUMNS}, $1 FROM (${NOT_STORED})`;
// How many events are staged, and how many distinct identities among them.
const STAGED_KEYS = `SELECT count(*) AS total, count(DISTINCT event_key) AS keys, min(ts)::VARCHAR AS first, max(ts)::VARCHAR AS last
                       FROM (${KEYED_STAGE})`;
// The staged lines ingest $1 stored: the first line of each identity, where the events now hold it from this ingest.
const STORED_LINES = `
  SELECT coalesce(list(line), []) AS lines
    FROM (SELECT event_key, line FROM (${KEYED_STAGE}) QUALIFY row_number() OVER (PARTITION BY event_key ORDER BY line) = 1) s
   WHERE EXISTS (SELECT 1 FROM events e WHERE e.event_key = s.event_key AND e.ingest_id = $1)`;

/** The first and last timestamps of the staged events (as DuckDB reads a TIMESTAMP), which bound the search for stored copies. */
export type TimeSpan = readonly [string, string];

/** What a load of webhook posts knows of the rows it staged (webhook-load.ts). */
export interface StagedGroup {
  /** The staged rows' first and last timestamps, known as they were staged. */
  span: TimeSpan;
  /** Line ranges of the posts the group combined, in order. */
  ranges: readonly Range[];
  /** Rows staged per range. */
  stagedByRange: readonly number[];
  /** Distinct (send_id, provider) pairs among the staged rows. */
  pairs: number;
  /** Every staged row has an event id and no two the same: no identity repeats within the group. */
  distinctIds: boolean;
}

/**
 * Events are stored once by identity, and rolled up into their sends (send-rollup.ts). With `group` (a webhook
 * load of posts) it also says how many each post stored.
 */
async function mergeEvents(tx: Sql, ingestId: number, group?: StagedGroup): Promise<MergeCounts> {
  if (!group) {
    const staged = await tx.one<{ total: number; keys: number; first: string | null; last: string | null }>(STAGED_KEYS);
    const total = staged?.total ?? 0;
    if (total === 0 || !staged?.first || !staged.last) return { stored: 0, duplicate: 0 };
    const span: TimeSpan = [staged.first, staged.last];
    // Most inputs repeat no identity: the window that finds each one's first line sorts every staged row (a
    // second of CPU a million events), counting the distinct keys first costs a third of that (BENCHMARKS.md, Ingest).
    const stored = await tx.run(staged.keys === total ? INSERT_NEW_DISTINCT_EVENTS : INSERT_NEW_EVENTS, [ingestId, ...span]);
    if (total > stored) await addRecipients(tx, span);
    if (stored > 0) await rollUpSends(tx, ingestId);
    return { stored, duplicate: total - stored };
  }
  // A webhook group: every statement counts (BENCHMARKS.md, Webhooks), and nearly every group is all new. Then
  // one INSERT stores it, each post stored all it staged, and the roll-up reads the staged rows themselves (they
  // are exactly the new events): no temporary table, no second look at the events.
  const total = group.stagedByRange.reduce((a, b) => a + b, 0);
  // A group whose every event went to the quarantine has nothing to merge (and no time span to search).
  if (total === 0) return { stored: 0, duplicate: 0, storedByRange: group.stagedByRange.map(() => 0) };
  // Where the ids are distinct, so are the identities: no window to find each one's first line.
  const stored = await tx.run(group.distinctIds ? INSERT_NEW_DISTINCT_EVENTS : INSERT_NEW_EVENTS, [ingestId, ...group.span]);
  let storedByRange: number[];
  if (stored === total) storedByRange = [...group.stagedByRange];
  else {
    // Redeliveries among them: which lines are new (thousands, not millions) gives each post its share.
    const lines = (await tx.one<{ lines: number[] }>(STORED_LINES, [ingestId]))?.lines ?? [];
    storedByRange = group.ranges.map(([from, to]) => lines.filter((l) => l >= from && l <= to).length);
    await addRecipients(tx, group.span);
  }
  if (stored > 0) await rollUpSends(tx, ingestId, stored === total ? { table: STAGE_TABLE, pairs: group.pairs } : undefined);
  return { stored, duplicate: total - stored, storedByRange };
}

/**
 * A duplicate by event_id that names the recipient its stored copy lacks (events loaded again, now with the
 * recipient the audience guard needs) adds it to the stored event: the counts do not change, and loading the same
 * data twice still changes nothing. Without an event_id the recipient is part of the identity, so such a record is
 * a new event: docs/incidents.md says to re-load with ids.
 */
async function addRecipients(tx: Sql, [first, last]: TimeSpan): Promise<void> {
  // Most duplicates carry no recipient (replayed webhooks keep only domains by default): the staged rows, a few
  // thousand, are looked at before the events table, which may hold hundreds of millions, is joined.
  const any = await tx.one(`SELECT 1 AS x FROM ${STAGE_TABLE} WHERE event_id IS NOT NULL AND recipient IS NOT NULL LIMIT 1`);
  if (!any) return;
  await tx.run(`
    UPDATE events e SET recipient = s.recipient
      FROM (SELECT md5_number('id:' || event_id) AS event_key, arg_min(recipient, line) AS recipient, arg_min(ts, line) AS ts
              FROM ${STAGE_TABLE} WHERE event_id IS NOT NULL AND recipient IS NOT NULL GROUP BY event_id) s
     WHERE e.ts BETWEEN $1::TIMESTAMP - ${IDENTITY_WINDOW} AND $2::TIMESTAMP + ${IDENTITY_WINDOW}
       AND e.event_key = s.event_key AND e.ts BETWEEN s.ts - ${IDENTITY_WINDOW} AND s.ts + ${IDENTITY_WINDOW}
       AND e.recipient IS NULL`, [first, last]);
}

export function mergeStaged(tx: Sql, kind: InputKind, ingestId: number, group?: StagedGroup): Promise<MergeCounts> {
  return kind === 'events' ? mergeEvents(tx, ingestId, group) : mergeKeyed(tx, KEYED[kind], ingestId);
}
