// Events → send summaries (SPEC 3.1–3.2), per send × provider, inside the merge's transaction. Incremental: only
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
// an events row from before migration 010 (no injection count), is rolled up again in full from all its events.
// Identifiers in these statements come from constants in this file; every value is a parameter.
import type { Sql } from './db.ts';
import { STAGE_TABLE } from './staging.ts';

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
  'injections', 'first_event_at'].join(', ');

/** One row per send × provider of the events `where` selects, in the shape of sends. */
const aggregate = (where: string) => `
  SELECT send_id, provider, stream, coalesce(first_injection_at, first_event_at) AS sent_at,
         greatest(injections, ${OUTCOMES.join(' + ')}) AS injected, ${COUNT_COLUMNS.join(', ')},
         'events' AS origin, now()::TIMESTAMP AS updated_at, injections, first_event_at
    FROM (SELECT send_id, provider,
                 arg_min(stream, (ts, stream)) AS stream,
                 min(ts) AS first_event_at,
                 min(ts) FILTER (WHERE type = 'injection') AS first_injection_at,
                 count(*) FILTER (WHERE type = 'injection') AS injections,
                 ${COUNTS.map(([c, f]) => `count(*) FILTER (WHERE ${f}) AS ${c}`).join(',\n                 ')}
            FROM events WHERE ${where}
           GROUP BY send_id, provider)`;

// A stored row the new events can simply be added to: rolled up from events, with the injection count kept.
const ADDABLE = `origin = 'events' AND injections IS NOT NULL`;

// The events of one ingest. ingest_id grows with every ingest and events are only ever appended, so DuckDB's
// per-row-group min/max of ingest_id skips all but the newest row groups: this reads the new events only.
const INCREMENT = `
  INSERT INTO sends AS t (${SEND_COLUMNS})
  SELECT d.* FROM (${aggregate('ingest_id = $1')}) d
   WHERE NOT EXISTS (SELECT 1 FROM sends s WHERE s.send_id = d.send_id AND s.provider = d.provider AND NOT (s.${ADDABLE}))
  ON CONFLICT (send_id, provider) DO UPDATE SET
    stream = CASE WHEN (excluded.first_event_at, excluded.stream) < (t.first_event_at, t.stream) THEN excluded.stream ELSE t.stream END,
    sent_at = coalesce(least(CASE WHEN t.injections > 0 THEN t.sent_at END, CASE WHEN excluded.injections > 0 THEN excluded.sent_at END),
                       least(t.first_event_at, excluded.first_event_at)),
    injected = greatest(t.injections + excluded.injections, ${OUTCOMES.map((c) => `t.${c} + excluded.${c}`).join(' + ')}),
    ${COUNT_COLUMNS.map((c) => `${c} = t.${c} + excluded.${c}`).join(',\n    ')},
    injections = t.injections + excluded.injections,
    first_event_at = least(t.first_event_at, excluded.first_event_at),
    updated_at = excluded.updated_at`;

// Rows of the input's sends that cannot be added to (and are not summaries), rolled up from all their events.
const FULL = `
  INSERT OR REPLACE INTO sends (${SEND_COLUMNS})
  ${aggregate(`(send_id, provider) IN (SELECT send_id, provider FROM sends
                                       WHERE send_id IN (SELECT DISTINCT send_id FROM ${STAGE_TABLE})
                                         AND origin <> 'summary' AND NOT (${ADDABLE}))`)}`;

const NEEDS_FULL = `
  SELECT count(*) AS n FROM sends
   WHERE send_id IN (SELECT DISTINCT send_id FROM ${STAGE_TABLE}) AND origin <> 'summary' AND NOT (${ADDABLE})`;

/**
 * Rolls the events stored by ingest `ingestId` (staged in the stage table) up into the sends they belong to.
 * Every send × provider with events has a sends row (each ingest that stores events rolls them up, in the same
 * transaction), so a pair without one has no events but these.
 */
export async function rollUpSends(tx: Sql, ingestId: number): Promise<void> {
  await tx.run(INCREMENT, [ingestId]);
  // Rare (a warehouse row, a store from before migration 010): checked first, since the full roll-up reads
  // every event of the send.
  if (((await tx.one<{ n: number }>(NEEDS_FULL))?.n ?? 0) > 0) await tx.run(FULL);
}
