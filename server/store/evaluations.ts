// Stored evaluations (the latest per incident) and the record of scheduled runs.
import type { Evaluation } from '../../shared/schema/recovery.ts';
import type { Db, Sql } from './db.ts';

export async function saveEvaluation(db: Db, incidentId: string, e: Evaluation): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.run(
      `INSERT OR REPLACE INTO evaluations (incident_id, evaluated_at, status, result) VALUES ($1, $2::TIMESTAMP, $3, $4)`,
      [incidentId, e.evaluated_at, e.status, JSON.stringify(e)],
    );
  });
}

export async function loadEvaluation(sql: Sql, incidentId: string): Promise<Evaluation | undefined> {
  const row = await sql.one<{ result: string }>('SELECT CAST(result AS VARCHAR) AS result FROM evaluations WHERE incident_id = $1', [incidentId]);
  return row ? (JSON.parse(row.result) as Evaluation) : undefined;
}

export async function recordJobRun(db: Db, r: { job: string; started_at: string; finished_at: string; ok: boolean; summary: string }): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.run(
      `INSERT INTO job_runs (id, job, started_at, finished_at, ok, summary)
       VALUES (nextval('job_runs_seq'), $1, $2::TIMESTAMP, $3::TIMESTAMP, $4, $5)`,
      [r.job, r.started_at, r.finished_at, r.ok, r.summary],
    );
  });
}

export function recentJobRuns(sql: Sql, limit: number) {
  return sql.all<{ id: number; job: string; started_at: string; finished_at: string; ok: boolean; summary: string }>(
    'SELECT * FROM job_runs ORDER BY id DESC LIMIT $1', [limit],
  );
}
