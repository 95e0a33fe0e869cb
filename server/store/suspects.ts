// Suspected incidents and the watch's latest run (migration 017, docs/watch.md).
import { listValue } from '@duckdb/node-api';
import type { MetricId } from '#shared/metrics.ts';
import type { RecoverySeries } from '#shared/schema/recovery.ts';
import { SUSPECT_ID_PREFIX, type Suspect, type SuspectStatus, type WatchRun } from '#shared/schema/suspects.ts';
import type { SuspectGroup } from '#shared/watch/group.ts';
import type { KnownSuspect } from '#shared/watch/reconcile.ts';
import type { Sql } from './db.ts';

/** The tables a suspect answer is read from (the read cache keys answers by their versions). */
export const SUSPECT_INPUTS = ['suspects', 'watch_runs'] as const;

interface Row {
  id: string; status: SuspectStatus; first_seen_at: string; last_seen_at: string; streams: string[]; providers: string[];
  metrics: MetricId[]; summary: string; evidence: string; detected_at: string; updated_at: string; incident_id: string | null;
  declared_at: string | null; dismissed_by: string | null; dismiss_reason: string | null; dismissed_at: string | null;
}

const SELECT = `SELECT id, status, first_seen_at, last_seen_at, streams, providers, metrics, summary,
                       CAST(evidence AS VARCHAR) AS evidence, detected_at, updated_at, incident_id, declared_at,
                       dismissed_by, dismiss_reason, dismissed_at
                  FROM suspects`;

// Stored TIMESTAMPs come back as ISO strings of the UTC instant (db.ts), the same `…Z` form the API gives.
function toSuspect(r: Row): Suspect {
  return {
    id: r.id, first_seen_at: r.first_seen_at, last_seen_at: r.last_seen_at, streams: r.streams, providers: r.providers,
    metrics: r.metrics, summary: r.summary, evidence: JSON.parse(r.evidence) as RecoverySeries[], status: r.status,
    detected_at: r.detected_at, updated_at: r.updated_at, incident_id: r.incident_id, declared_at: r.declared_at,
    dismissed: r.dismissed_at && r.dismissed_by !== null && r.dismiss_reason !== null ? { by: r.dismissed_by, reason: r.dismiss_reason, at: r.dismissed_at } : null,
  };
}

export interface SuspectFilter { status?: SuspectStatus; limit?: number }

/** Open first, then the most recently seen. */
export async function listSuspects(sql: Sql, f: SuspectFilter = {}): Promise<Suspect[]> {
  const rows = await sql.all<Row>(
    `${SELECT} WHERE ($1::VARCHAR IS NULL OR status = $1) ORDER BY (status = 'open') DESC, last_seen_at DESC, id LIMIT $2`,
    [f.status ?? null, f.limit ?? 200],
  );
  return rows.map(toSuspect);
}

export async function getSuspect(sql: Sql, id: string): Promise<Suspect | undefined> {
  const row = await sql.one<Row>(`${SELECT} WHERE id = $1`, [id]);
  return row ? toSuspect(row) : undefined;
}

/** Suspects a run's groups may continue: every one whose dips reach back to `since`. */
export async function knownSuspects(sql: Sql, since: string): Promise<KnownSuspect[]> {
  return sql.all<KnownSuspect>(
    'SELECT id, status, first_seen_at, last_seen_at, members FROM suspects WHERE last_seen_at >= $1::TIMESTAMP ORDER BY id',
    [since],
  );
}

/** Every open suspect, however long ago its last dip: each gets a run's evidence, so its alerts can resolve. */
export async function openSuspectIds(sql: Sql): Promise<string[]> {
  return (await sql.all<{ id: string }>(`SELECT id FROM suspects WHERE status = 'open' ORDER BY id`)).map((r) => r.id);
}

export async function insertSuspect(tx: Sql, g: SuspectGroup, now: string): Promise<string> {
  const seq = await tx.one<{ n: number }>(`SELECT nextval('suspects_seq') AS n`);
  if (!seq) throw new Error('suspects_seq gave no value');
  const id = `${SUSPECT_ID_PREFIX}${seq.n}`;
  await tx.run(
    `INSERT INTO suspects (id, status, first_seen_at, last_seen_at, streams, providers, metrics, members, summary, evidence,
                           detected_at, updated_at)
     VALUES ($1, 'open', $2::TIMESTAMP, $3::TIMESTAMP, $4, $5, $6, $7, $8, $9, $10::TIMESTAMP, $10::TIMESTAMP)`,
    [id, g.first_seen_at, g.last_seen_at, listValue(g.streams), listValue(g.providers), listValue(g.metrics), listValue(g.members), g.summary,
      JSON.stringify(g.evidence), now],
  );
  return id;
}

/** A later run's view of a stored suspect: its members, times, summary and evidence as they stand now. */
export async function updateSuspect(tx: Sql, id: string, g: SuspectGroup, now: string): Promise<void> {
  await tx.run(
    `UPDATE suspects SET first_seen_at = $2::TIMESTAMP, last_seen_at = $3::TIMESTAMP, streams = $4, providers = $5, metrics = $6,
                         members = $7, summary = $8, evidence = $9, updated_at = $10::TIMESTAMP
      WHERE id = $1`,
    [id, g.first_seen_at, g.last_seen_at, listValue(g.streams), listValue(g.providers), listValue(g.metrics), listValue(g.members), g.summary,
      JSON.stringify(g.evidence), now],
  );
}

/** An open suspect's evidence, evaluated since its first dip (server/services/watch.ts). */
export async function saveEvidence(tx: Sql, id: string, evidence: readonly RecoverySeries[]): Promise<void> {
  await tx.run('UPDATE suspects SET evidence = $2 WHERE id = $1', [id, JSON.stringify(evidence)]);
}

/** Marks an open suspect declared; false when it was no longer open. */
export async function markDeclared(tx: Sql, id: string, incidentId: string, now: string): Promise<boolean> {
  const n = await tx.run(
    `UPDATE suspects SET status = 'declared', incident_id = $2, declared_at = $3::TIMESTAMP, updated_at = $3::TIMESTAMP
      WHERE id = $1 AND status = 'open'`,
    [id, incidentId, now],
  );
  return n > 0;
}

/** Marks an open suspect dismissed, with who and why; false when it was no longer open. */
export async function markDismissed(tx: Sql, id: string, by: string, reason: string, now: string): Promise<boolean> {
  const n = await tx.run(
    `UPDATE suspects SET status = 'dismissed', dismissed_by = $2, dismiss_reason = $3, dismissed_at = $4::TIMESTAMP, updated_at = $4::TIMESTAMP
      WHERE id = $1 AND status = 'open'`,
    [id, by, reason, now],
  );
  return n > 0;
}

export async function saveWatchRun(tx: Sql, r: WatchRun): Promise<void> {
  await tx.run('DELETE FROM watch_runs');
  await tx.run(
    `INSERT INTO watch_runs (evaluated_at, window_from, window_to, baseline_from, watched, tested, dipped)
     VALUES ($1::TIMESTAMP, $2::TIMESTAMP, $3::TIMESTAMP, $4::TIMESTAMP, $5, $6, $7)`,
    [r.evaluated_at, r.from, r.to, r.baseline_from, r.watched, r.tested, r.dipped],
  );
}

export async function lastWatchRun(sql: Sql): Promise<WatchRun | null> {
  const row = await sql.one<WatchRun>(
    `SELECT evaluated_at, window_from AS "from", window_to AS "to", baseline_from, watched, tested, dipped FROM watch_runs
      ORDER BY evaluated_at DESC LIMIT 1`,
  );
  return row ?? null;
}

/** Streams whose send summaries and seed tests since `from` all come from ingest runs named with `prefix` (the demo's). */
export async function streamsOnlyFrom(sql: Sql, prefix: string, from: string): Promise<Set<string>> {
  const rows = await sql.all<{ stream: string }>(
    `SELECT d.stream FROM (
        SELECT stream, ingest_id FROM sends WHERE sent_at >= $1::TIMESTAMP
        UNION ALL SELECT stream, ingest_id FROM seed_tests WHERE tested_at >= $1::TIMESTAMP
      ) d LEFT JOIN ingest_runs r ON r.id = d.ingest_id
      GROUP BY d.stream HAVING bool_and(coalesce(starts_with(r.source, $2), false))`,
    [from, prefix],
  );
  return new Set(rows.map((r) => r.stream));
}
