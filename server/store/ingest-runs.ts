// One row per ingest or pull: what the data page shows as "last ingest and its result". A run that may store
// many rows is first recorded as 'running', in a commit of its own, and its data and final record then commit
// together: should that commit never finish, the open-time check finds the 'running' row and takes out whatever
// DuckDB's log replay brought back of it (docs/integrity.md). A small run is recorded when it ends, in the same
// transaction as its data.
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
/** A run that has not ended: never listed, and rolled back by the store check unless this process runs it. */
export const RUNNING = 'running';

/**
 * DuckDB writes a transaction's appends to the database file ahead of its commit once one table gets a whole row
 * group of them (122,880 rows), and its log replay can bring those back without the rest of the transaction
 * (docs/integrity.md). Below half that, a run's rows travel in the log itself, all or nothing.
 */
export const LARGE_RUN_ROWS = 60_000;

// Runs of this process still under way, per store: the on-demand check must leave them alone.
const active = new WeakMap<Db, Set<number>>();
export const activeRuns = (db: Db): ReadonlySet<number> => active.get(db) ?? new Set();

/** Records a run as 'running' (committed on its own) and returns its id; end it with `finishRun` and `releaseRun`. */
export async function startRun(db: Db, r: Pick<NewRun, 'source' | 'kind' | 'format' | 'started_at'>): Promise<number> {
  return db.transaction(async (tx) => {
    const id = await nextRunId(tx);
    await tx.run(
      `INSERT INTO ingest_runs (id, source, kind, format, started_at, status) VALUES ($1, $2, $3, $4, $5::TIMESTAMP, $6)`,
      [id, r.source, r.kind, r.format, r.started_at, RUNNING],
    );
    let set = active.get(db);
    if (!set) active.set(db, (set = new Set()));
    set.add(id);
    return id;
  });
}

/** Gives a started run its outcome, inside the transaction of its data. */
export async function finishRun(sql: Sql, id: number, r: NewRun): Promise<void> {
  await sql.run(
    `UPDATE ingest_runs SET kind = $2, format = $3, finished_at = now()::TIMESTAMP, status = $4, rows_read = $5,
            rows_stored = $6, rows_duplicate = $7, rows_rejected = $8, error = $9
      WHERE id = $1`,
    [id, r.kind, r.format, r.status, r.rows_read, r.rows_stored, r.rows_duplicate, r.rows_rejected, r.error],
  );
}

/** The run has ended (committed, or failed and recorded so): the store check may judge it from now on. */
export function releaseRun(db: Db, id: number): void {
  active.get(db)?.delete(id);
}

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
  const runs = await db.all<IngestRun>(`SELECT * FROM ingest_runs WHERE status <> '${RUNNING}' ORDER BY id DESC LIMIT $1`, [limit]);
  return runs.map((r) => ({ ...r, source: sourceName(r.source), error: r.error === null ? null : withoutPaths(r.error) }));
}

/** When data last changed: the end of the newest run that stored anything. */
export async function lastDataChange(sql: Sql): Promise<string | null> {
  const row = await sql.one<{ at: string | null }>(`SELECT max(finished_at) AS at FROM ingest_runs WHERE rows_stored > 0`);
  return row?.at ?? null;
}
