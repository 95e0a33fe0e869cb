// One row per ingest or pull: what the data page shows as "last ingest and its result". A run is recorded
// when it ends (in the same transaction as its data, when it stored any), so a process killed mid-ingest
// leaves no trace at all.
import { sourceName, withoutPaths } from './run-names.ts';
import type { Db, Sql } from './db.ts';

export const RUN_STATUSES = ['stored', 'partial', 'rejected', 'failed'] as const;
export interface IngestRun {
  id: number;
  source: string;
  kind: string | null;
  format: string | null;
  started_at: string;
  finished_at: string;
  status: (typeof RUN_STATUSES)[number];
  rows_read: number;
  rows_stored: number;
  rows_duplicate: number;
  rows_rejected: number;
  error: string | null;
}
export type NewRun = Omit<IngestRun, 'id' | 'finished_at'>;

export async function nextRunId(sql: Sql): Promise<number> {
  const row = await sql.one<{ id: number }>(`SELECT nextval('ingest_runs_seq') AS id`);
  if (!row) throw new Error('could not allocate an ingest run id');
  return row.id;
}

export async function recordRun(sql: Sql, id: number, r: NewRun): Promise<void> {
  await sql.run(
    `INSERT INTO ingest_runs (id, source, kind, format, started_at, finished_at, status, rows_read, rows_stored,
                              rows_duplicate, rows_rejected, error)
     VALUES ($1, $2, $3, $4, $5::TIMESTAMP, now()::TIMESTAMP, $6, $7, $8, $9, $10, $11)`,
    [id, r.source, r.kind, r.format, r.started_at, r.status, r.rows_read, r.rows_stored, r.rows_duplicate,
      r.rows_rejected, r.error],
  );
}

/** Newest first, as the API shows them: file names without their server directories (run-names.ts). */
export async function listRuns(db: Db, limit: number): Promise<IngestRun[]> {
  const runs = await db.all<IngestRun>('SELECT * FROM ingest_runs ORDER BY id DESC LIMIT $1', [limit]);
  return runs.map((r) => ({ ...r, source: sourceName(r.source), error: r.error === null ? null : withoutPaths(r.error) }));
}

/** When data last changed: the end of the newest run that stored anything. */
export async function lastDataChange(sql: Sql): Promise<string | null> {
  const row = await sql.one<{ at: string | null }>(`SELECT max(finished_at) AS at FROM ingest_runs WHERE rows_stored > 0`);
  return row?.at ?? null;
}
