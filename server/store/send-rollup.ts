// Events → send summaries (docs/data-formats.md), per send × provider, inside the merge's transaction. Incremental: only
// the events an ingest has just stored are aggregated, and their counts are added to the stored row, so a webhook
// batch costs the same whether its send has a hundred events or ten million (re-scanning every event of each
// touched send grew with the send: BENCHMARKS.md, Webhooks). Exactly what a full re-aggregation gives:
// - counts add up;
// - sent_at is the earliest injection, else the earliest event: the row keeps the raw injection count and the
//   earliest event (migration 010), so "earliest injection" is sent_at while injections > 0;
// - injected = greatest(injections, delivered + bounced) from the summed components: where a send's events carry
//   no injections (many ESP webhooks omit them), every message that reached an outcome was injected. Every stored
//   bounce has a class (the events schema requires one), so bounced = hard + soft + block;
// - stream is the stream of the earliest event, ties going to the smallest stream name, so it does not depend
//   on which events arrived first.
// Rows loaded as summaries (origin 'summary') are never touched. A row of another origin (a warehouse pull), or
// an events row from before migration 010 (no injection count), is rolled up again in full from all its events
// when new events for it arrive.
// A send covered by a provider-less summary (send-coverage.ts) gets no rows from its events: its summary stands for
// every provider.
// Identifiers in these statements come from constants in this file; every value is a parameter.
import type { Sql } from './db.ts';
import { notCovered } from './send-coverage.ts';

// Per-type counts as stored in sends, and the events each counts.
const COUNTS: readonly (readonly [column: string, filter: string])[] = [
  ['delivered', `type = 'delivery'`],
  ['bounced_hard', `type = 'bounce' AND bounce_class = 'hard'`],
  ['bounced_soft', `type = 'bounce' AND bounce_class = 'soft'`],
  ['bounced_block', `type = 'bounce' AND bounce_class = 'block'`],
  ['complaints', `type = 'complaint'`],
  ['unsubscribes', `type = 'unsubscribe'`],
  ['opens', `type = 'open'`],
  ['clicks', `type = 'click'`],
];
const COUNT_COLUMNS = COUNTS.map(([c]) => c);
const OUTCOMES = ['delivered', 'bounced_hard', 'bounced_soft', 'bounced_block'];

const SEND_COLUMNS = ['send_id', 'provider', 'stream', 'sent_at', 'injected', ...COUNT_COLUMNS, 'origin', 'updated_at',
  'injections', 'first_event_at', 'ingest_id'].join(', ');

/**
 * One row per send × provider of the events `where` selects, in the shape of sends; `ingestId` is the SQL for the
 * run that writes the row (a parameter), which the open-time check needs should that run never finish.
 */
const aggregate = (where: string, ingestId = '$1', from = 'events') => `
  SELECT send_id, provider, stream, coalesce(first_injection_at, first_event_at) AS sent_at,
         greatest(injections, ${OUTCOMES.join(' + ')}) AS injected, ${COUNT_COLUMNS.join(', ')},
         'events' AS origin, now()::TIMESTAMP AS updated_at, injections, first_event_at, ${ingestId}::BIGINT AS ingest_id
    FROM (SELECT send_id, provider,
                 arg_min(stream, (ts, stream)) AS stream,
                 min(ts) AS first_event_at,
                 min(ts) FILTER (WHERE type = 'injection') AS first_injection_at,
                 count(*) FILTER (WHERE type = 'injection') AS injections,
                 max(ingest_id) AS last_ingest_id,
                 ${COUNTS.map(([c, f]) => `count(*) FILTER (WHERE ${f}) AS ${c}`).join(',\n                 ')}
            FROM ${from} WHERE ${where}
           GROUP BY send_id, provider)`;

// A stored row the new events can simply be added to: rolled up from events, with the injection count kept.
const addable = (t: string) => `${t}.origin = 'events' AND ${t}.injections IS NOT NULL`;
const DELTA_TABLE = 'rollup_delta';

// The new events per send × provider. ingest_id grows with every ingest and events are only ever appended, so
// DuckDB's per-row-group min/max of ingest_id skips all but the newest row groups: this reads the new events only.
// A temporary table of the merge's own session, replaced by the next ingest on it and gone when it closes.
const DELTA = `CREATE OR REPLACE TEMP TABLE ${DELTA_TABLE} AS ${aggregate('ingest_id = $1')}`;
/**
 * The same as a subquery, where the caller holds exactly the new events in a table of their own (a webhook group's
 * staging, which has no ingest_id column) and knows how many pairs they touch: no table to create, no scan of events.
 */
const deltaOf = (newEvents: string) => `(${aggregate('true', '$1', `(SELECT *, $1::BIGINT AS ingest_id FROM ${newEvents})`)})`;

// The common case, an UPDATE: DuckDB's INSERT … ON CONFLICT DO UPDATE costs several times as much per statement
// (measured: 8 ms against 2 ms per webhook group), and nearly every group only adds to existing rows.
const add = (delta: string) => `
  UPDATE sends AS t SET
    stream = CASE WHEN (d.first_event_at, d.stream) < (t.first_event_at, t.stream) THEN d.stream ELSE t.stream END,
    sent_at = coalesce(least(CASE WHEN t.injections > 0 THEN t.sent_at END, CASE WHEN d.injections > 0 THEN d.sent_at END),
                       least(t.first_event_at, d.first_event_at)),
    injected = greatest(t.injections + d.injections, ${OUTCOMES.map((c) => `t.${c} + d.${c}`).join(' + ')}),
    ${COUNT_COLUMNS.map((c) => `${c} = t.${c} + d.${c}`).join(',\n    ')},
    injections = t.injections + d.injections,
    first_event_at = least(t.first_event_at, d.first_event_at),
    updated_at = d.updated_at,
    ingest_id = d.ingest_id
  FROM ${delta} d
  WHERE t.send_id = d.send_id AND t.provider = d.provider AND ${addable('t')}`;

// Sends × providers seen for the first time: their new events are all their events. A send covered by a
// provider-less summary (send-coverage.ts) takes none.
const insertNew = (delta: string) => `
  INSERT INTO sends (${SEND_COLUMNS})
  SELECT ${SEND_COLUMNS} FROM ${delta} d
   WHERE NOT EXISTS (SELECT 1 FROM sends s WHERE s.send_id = d.send_id AND s.provider = d.provider) AND ${notCovered('d')}`;

// Rows that got new events but cannot be added to, summaries aside: rolled up from all their events.
const notAddable = (delta: string) => `SELECT s.send_id, s.provider FROM sends s JOIN ${delta} d USING (send_id, provider)
                      WHERE s.origin <> 'summary' AND NOT (${addable('s')})`;
const countNotAddable = (delta: string) => `SELECT count(*) AS n FROM (${notAddable(delta)})`;
const full = (delta: string) => `INSERT OR REPLACE INTO sends (${SEND_COLUMNS}) ${aggregate(`(send_id, provider) IN (${notAddable(delta)})`)}`;

/**
 * Rolls the events stored by ingest `ingestId` up into their sends × providers; `from`, when given, is a temporary
 * table holding exactly those events and the number of pairs they touch (read instead of the events table). Every
 * pair with events has a sends row (each ingest that stores events rolls them up, in the same transaction), so a
 * pair without one has no events but these. Statements beyond the common one or two run only when the counts say
 * some pair needs them.
 */
export async function rollUpSends(tx: Sql, ingestId: number, from?: { table: string; pairs: number }): Promise<void> {
  let delta: string;
  let pairs: number;
  // Statements over the delta table take no parameter; over the delta subquery, the ingest id.
  let params: number[];
  if (from) {
    delta = deltaOf(from.table);
    pairs = from.pairs;
    params = [ingestId];
  } else {
    // DuckDB answers CREATE TABLE AS with the rows it wrote; were that ever missing, every step runs (still exact).
    pairs = (await tx.one<{ Count?: number }>(DELTA, [ingestId]))?.Count ?? Number.POSITIVE_INFINITY;
    delta = DELTA_TABLE;
    params = [];
  }
  let done = await tx.run(add(delta), params);
  if (done < pairs) done += await tx.run(insertNew(delta), params);
  // What is left are summaries (left alone) and rows to roll up in full, which reads every event of their sends:
  // only when there are some.
  if (done < pairs && ((await tx.one<{ n: number }>(countNotAddable(delta), params))?.n ?? 0) > 0) await tx.run(full(delta), [ingestId]);
}

// ---- the store check (integrity.ts) -------------------------------------------------------------------------------

/** The columns a reader sees, which a row rolled up from events must hold exactly as a full roll-up gives them. */
const COMPARED = ['stream', 'sent_at', 'injected', ...COUNT_COLUMNS];

/**
 * Pairs (send_id, provider) whose sends row disagrees with a full roll-up of their events: events without a row,
 * a row of origin 'events' without events, or one whose counts differ. Summaries and warehouse rows are the
 * ESP's or the warehouse's own counts, not a roll-up, and are not compared. `pairs`, when given, is a table of
 * pairs to look at (the bounded check); without it every pair is.
 */
export function rollUpDrift(pairs?: string): string {
  const only = pairs ? `(send_id, provider) IN (SELECT send_id, provider FROM ${pairs})` : 'true';
  const differs = COMPARED.map((c) => `a.${c} IS DISTINCT FROM s.${c}`).join(' OR ');
  return `
    SELECT coalesce(a.send_id, s.send_id) AS send_id, coalesce(a.provider, s.provider) AS provider
      FROM (${aggregate(only, 'NULL')}) a
      FULL OUTER JOIN (SELECT * FROM sends WHERE ${only}) s ON a.send_id = s.send_id AND a.provider = s.provider
     WHERE (s.send_id IS NULL AND ${notCovered('a')})
        OR (a.send_id IS NULL AND s.origin = 'events')
        OR (a.send_id IS NOT NULL AND s.origin = 'events' AND (${differs}))`;
}

/** Rolls the pairs of table `pairs` up again from all their events; a row of origin 'events' left without events goes. */
export async function rollUpInFull(tx: Sql, pairs: string): Promise<void> {
  const only = `(send_id, provider) IN (SELECT send_id, provider FROM ${pairs})`;
  await tx.run(`DELETE FROM sends WHERE origin = 'events' AND ${only}
                  AND NOT EXISTS (SELECT 1 FROM events e WHERE e.send_id = sends.send_id AND e.provider = sends.provider)`);
  // A summary stays the ESP's count; every other row of these pairs is the roll-up of its events, unless a
  // provider-less summary covers the send.
  await tx.run(`INSERT OR REPLACE INTO sends (${SEND_COLUMNS})
                ${aggregate(`${only} AND (send_id, provider) NOT IN (SELECT send_id, provider FROM sends WHERE origin = 'summary')
                             AND ${notCovered('events')}`, 'last_ingest_id')}`);
}
