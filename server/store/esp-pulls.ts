// Pulled ESP metrics → send summaries and seed tests, inside the pull's one transaction. All values are
// parameters. A pulled day is the ESP's own count for its send × provider, so it is stored as a summary
// (origin 'summary'): it replaces an event roll-up or an earlier pull of the same send × provider, and the
// webhook roll-up never changes it afterwards (send-rollup.ts leaves summaries alone). A provider-less pull's row
// (`all_providers`) wins for every provider of its send (send-coverage.ts). docs/sources.md says why the pulled
// count wins.
import type { Sql } from './db.ts';

export interface PulledSendRow {
  send_id: string; provider: string; stream: string; sent_at: string; injected: number; delivered: number;
  bounced_hard: number; bounced_soft: number; bounced_block: number; complaints: number; unsubscribes: number;
  opens: number | null; clicks: number | null;
  /** The ESP's count has no provider dimension: the row, stored as provider `other`, stands for every provider. */
  all_providers: boolean;
}

export interface PulledSeedRow {
  send_id: string; provider: string; stream: string; tested_at: string; seeds: number; inbox: number; spam: number; missing: number;
}

const SEND_COLS = ['send_id', 'provider', 'stream', 'sent_at', 'injected', 'delivered', 'bounced_hard', 'bounced_soft',
  'bounced_block', 'complaints', 'unsubscribes', 'opens', 'clicks', 'all_providers'];
const SEND_TYPE = `STRUCT(send_id VARCHAR, provider VARCHAR, stream VARCHAR, sent_at TIMESTAMP, injected BIGINT,
  delivered BIGINT, bounced_hard BIGINT, bounced_soft BIGINT, bounced_block BIGINT, complaints BIGINT,
  unsubscribes BIGINT, opens BIGINT, clicks BIGINT, all_providers BOOLEAN)[]`;
const SEED_COLS = ['send_id', 'provider', 'stream', 'tested_at', 'seeds', 'inbox', 'spam', 'missing'];
const SEED_TYPE = `STRUCT(send_id VARCHAR, provider VARCHAR, stream VARCHAR, tested_at TIMESTAMP, seeds BIGINT,
  inbox BIGINT, spam BIGINT, missing BIGINT)[]`;

const same = (cols: string[]) => cols.map((c) => `t.${c} IS NOT DISTINCT FROM p.${c}`).join(' AND ');

/** Stores the rows that are new or changed; a row equal to the stored summary is left (and not counted). */
export async function upsertPulledSends(tx: Sql, rows: PulledSendRow[]): Promise<number> {
  if (rows.length === 0) return 0;
  await tx.run(`CREATE OR REPLACE TEMP TABLE esp_stage AS SELECT unnest(CAST($1 AS JSON)::${SEND_TYPE}, recursive := true)`, [JSON.stringify(rows)]);
  // injections and first_event_at are the event roll-up's state (migration 010): named as NULL, since INSERT OR
  // REPLACE would otherwise keep an events row's values on what is now a summary.
  const stored = await tx.run(
    `INSERT OR REPLACE INTO sends (${SEND_COLS.join(', ')}, origin, updated_at, injections, first_event_at)
     SELECT ${SEND_COLS.map((c) => `p.${c}`).join(', ')}, 'summary', now()::TIMESTAMP, NULL, NULL
       FROM esp_stage p
      WHERE NOT EXISTS (SELECT 1 FROM sends t WHERE t.send_id = p.send_id AND t.provider = p.provider
                                               AND t.origin = 'summary' AND ${same(SEND_COLS)})`,
  );
  // A provider-less row stands for every provider of its send: the send's rows from events or a warehouse go (the
  // events stay stored). Not counted as stored: the run changed no count of its own.
  await tx.run(`DELETE FROM sends WHERE origin <> 'summary'
                  AND send_id IN (SELECT send_id FROM esp_stage WHERE all_providers)`);
  await tx.run('DROP TABLE esp_stage');
  return stored;
}

export async function upsertPulledSeeds(tx: Sql, rows: PulledSeedRow[]): Promise<number> {
  if (rows.length === 0) return 0;
  await tx.run(`CREATE OR REPLACE TEMP TABLE esp_seed_stage AS SELECT unnest(CAST($1 AS JSON)::${SEED_TYPE}, recursive := true)`, [JSON.stringify(rows)]);
  const stored = await tx.run(
    `INSERT OR REPLACE INTO seed_tests (${SEED_COLS.join(', ')})
     SELECT ${SEED_COLS.map((c) => `p.${c}`).join(', ')} FROM esp_seed_stage p
      WHERE NOT EXISTS (SELECT 1 FROM seed_tests t WHERE ${same(SEED_COLS)})`,
  );
  await tx.run('DROP TABLE esp_seed_stage');
  return stored;
}
