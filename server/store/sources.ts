// Pulled and pushed sources: their state (watermark, last run, rows, errors — the data page), the warehouse
// aggregates they bring, and SNS subscription confirmations. All values are parameters.
import type { Db, Sql } from './db.ts';
import { notCovered } from './send-coverage.ts';

export interface SourceState {
  source: string;
  watermark: string | null;
  last_run_at: string | null;
  last_ok_at: string | null;
  last_rows: number;
  total_rows: number;
  runs: number;
  failures: number;
  last_error: string | null;
}

export function listSourceStates(sql: Sql): Promise<SourceState[]> {
  return sql.all<SourceState>('SELECT * FROM source_state ORDER BY source');
}

export async function getSourceState(sql: Sql, source: string): Promise<SourceState | undefined> {
  return sql.one<SourceState>('SELECT * FROM source_state WHERE source = $1', [source]);
}

/** A run that stored `rows` (and moved the watermark, when given): inside the transaction of its data. */
export async function recordSourceSuccess(tx: Sql, source: string, at: string, rows: number, watermark?: string | null): Promise<void> {
  // An UPDATE first: every webhook load ends here, and DuckDB's INSERT … ON CONFLICT costs a few times as much
  // per statement; only a source's first run inserts its row.
  const updated = await tx.run(
    `UPDATE source_state SET watermark = coalesce($2::TIMESTAMP, watermark), last_run_at = $3::TIMESTAMP,
       last_ok_at = $3::TIMESTAMP, last_rows = $4, total_rows = total_rows + $4, runs = runs + 1, last_error = NULL
     WHERE source = $1`,
    [source, watermark ?? null, at, rows],
  );
  if (updated > 0) return;
  await tx.run(
    `INSERT INTO source_state AS s (source, watermark, last_run_at, last_ok_at, last_rows, total_rows, runs, failures, last_error)
     VALUES ($1, $2::TIMESTAMP, $3::TIMESTAMP, $3::TIMESTAMP, $4, $4, 1, 0, NULL)
     ON CONFLICT (source) DO UPDATE SET
       watermark = coalesce(EXCLUDED.watermark, s.watermark), last_run_at = EXCLUDED.last_run_at,
       last_ok_at = EXCLUDED.last_ok_at, last_rows = EXCLUDED.last_rows, total_rows = s.total_rows + EXCLUDED.last_rows,
       runs = s.runs + 1, last_error = NULL`,
    [source, watermark ?? null, at, rows],
  );
}

/** A failed run: counted and its error kept; the watermark stays, so the next run retries the same window. */
export async function recordSourceFailure(db: Db, source: string, at: string, error: string): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.run(
      `INSERT INTO source_state AS s (source, last_run_at, last_rows, runs, failures, last_error)
       VALUES ($1, $2::TIMESTAMP, 0, 1, 1, $3)
       ON CONFLICT (source) DO UPDATE SET last_run_at = EXCLUDED.last_run_at, last_rows = 0, runs = s.runs + 1,
         failures = s.failures + 1, last_error = EXCLUDED.last_error`,
      [source, at, error.slice(0, 2000)],
    );
  });
}

export interface AggregateRow {
  send_id: string; provider: string; stream: string; sent_at: string; injected: number; delivered: number;
  bounced_hard: number; bounced_soft: number; bounced_block: number; complaints: number; unsubscribes: number;
  opens: number; clicks: number;
}

const AGG_TYPE = `STRUCT(send_id VARCHAR, provider VARCHAR, stream VARCHAR, sent_at TIMESTAMP, injected BIGINT,
  delivered BIGINT, bounced_hard BIGINT, bounced_soft BIGINT, bounced_block BIGINT, complaints BIGINT,
  unsubscribes BIGINT, opens BIGINT, clicks BIGINT)[]`;

/**
 * Warehouse aggregates → send summaries (origin 'warehouse'), replacing the row of the same send × provider: a
 * re-aggregation after late events gives the whole send's counts again, so replacing never double counts. Sends
 * loaded as the ESP's own summaries (origin 'summary') are left alone, as with event roll-ups, and a send a
 * provider-less summary covers takes no rows (send-coverage.ts).
 */
export async function upsertWarehouseSends(tx: Sql, rows: AggregateRow[], ingestId: number): Promise<{ stored: number; duplicate: number }> {
  if (rows.length === 0) return { stored: 0, duplicate: 0 };
  await tx.run(`CREATE OR REPLACE TEMP TABLE wh_stage AS SELECT unnest(CAST($1 AS JSON)::${AGG_TYPE}, recursive := true)`, [JSON.stringify(rows)]);
  const cols = 'send_id, provider, stream, sent_at, injected, delivered, bounced_hard, bounced_soft, bounced_block, complaints, unsubscribes, opens, clicks';
  const same = cols.split(', ').map((c) => `t.${c} IS NOT DISTINCT FROM w.${c}`).join(' AND ');
  const stored = await tx.run(
    `INSERT OR REPLACE INTO sends (${cols}, origin, updated_at, ingest_id)
     SELECT ${cols.split(', ').map((c) => `w.${c}`).join(', ')}, 'warehouse', now()::TIMESTAMP, $1
       FROM wh_stage w
      WHERE NOT EXISTS (SELECT 1 FROM sends t WHERE t.send_id = w.send_id AND t.provider = w.provider
                                               AND (t.origin = 'summary' OR (${same})))
        AND ${notCovered('w')}`,
    [ingestId],
  );
  await tx.run('DROP TABLE wh_stage');
  return { stored, duplicate: rows.length - stored };
}

export async function recordSnsSubscription(db: Db, s: { topicArn: string; messageId: string; subscribeUrl: string; at: string }): Promise<boolean> {
  return db.transaction(async (tx) => {
    const n = await tx.run(
      `INSERT INTO sns_subscriptions (topic_arn, message_id, subscribe_url, received_at) VALUES ($1, $2, $3, $4::TIMESTAMP)
       ON CONFLICT DO NOTHING`,
      [s.topicArn, s.messageId, s.subscribeUrl, s.at],
    );
    return n > 0;
  });
}

export async function markSnsSubscription(db: Db, topicArn: string, messageId: string, at: string, error: string | null): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.run(
      `UPDATE sns_subscriptions SET confirmed_at = CASE WHEN $4::VARCHAR IS NULL THEN $3::TIMESTAMP END, confirm_error = $4
        WHERE topic_arn = $1 AND message_id = $2`,
      [topicArn, messageId, at, error],
    );
  });
}
