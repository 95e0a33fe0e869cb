// Stored evaluations (the latest per incident) and the record of scheduled runs.
import { promisify } from 'node:util';
import { gunzip, gzip } from 'node:zlib';
import { blobValue } from '@duckdb/node-api';
import type { Evaluation } from '#shared/schema/recovery.ts';
import type { Db, Sql } from './db.ts';

const gzipAsync = promisify(gzip);
const gunzipAsync = promisify(gunzip);
// The fastest gzip level: it shrinks an evaluation's JSON about five times (the points' keys and verdicts repeat),
// and the slower levels cost more time than the smaller write saves (docs/performance.md).
const GZIP_LEVEL = 1;

/** Writes the incident's evaluation, gzip-compressed JSON (migration 019), replacing the one before. */
export async function saveEvaluation(db: Db, incidentId: string, e: Evaluation): Promise<void> {
  const packed = await gzipAsync(JSON.stringify(e), { level: GZIP_LEVEL });
  await db.transaction(async (tx) => {
    await tx.run(
      `INSERT OR REPLACE INTO evaluations (incident_id, evaluated_at, status, result, result_gz) VALUES ($1, $2::TIMESTAMP, $3, NULL, $4)`,
      [incidentId, e.evaluated_at, e.status, blobValue(packed)],
    );
  });
}

export async function loadEvaluation(sql: Sql, incidentId: string): Promise<Evaluation | undefined> {
  const row = await sql.one<{ result: string | null; result_gz: Uint8Array | null }>(
    'SELECT CAST(result AS VARCHAR) AS result, result_gz FROM evaluations WHERE incident_id = $1', [incidentId],
  );
  if (!row) return undefined;
  // Evaluations stored before migration 019 are JSON text.
  const text = row.result_gz !== null ? (await gunzipAsync(row.result_gz)).toString('utf8') : row.result;
  return text === null ? undefined : (JSON.parse(text) as Evaluation);
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
