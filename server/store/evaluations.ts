// Stored evaluations (the latest per incident) and the record of scheduled runs.
import { promisify } from 'node:util';
import { gunzip, gzip } from 'node:zlib';
import { blobValue } from '@duckdb/node-api';
import type { Evaluation } from '#shared/schema/recovery.ts';
import type { Db, Sql } from './db.ts';
import { decodeEvaluation, encodeEvaluation } from './evaluation-columns.ts';

const gzipAsync = promisify(gzip);
const gunzipAsync = promisify(gunzip);
// The fastest gzip level, for an evaluation the column-wise form cannot carry (evaluation-columns.ts): it shrinks
// the JSON about five times (the points' keys and verdicts repeat), and the slower levels cost more time than the
// smaller write saves (docs/performance.md).
const GZIP_LEVEL = 1;
// DuckDB's time to write one value grows faster than its size (about a second of CPU for one of 8 MB, a tenth of
// that for the same bytes in 1 MB rows, docs/performance.md): a stored evaluation is split into rows this large.
export const PART_BYTES = 1 << 20;

/**
 * Writes the incident's evaluation, replacing the one before: column-wise in parts of PART_BYTES (migration 021),
 * or, should a point not fit that form, as gzip-compressed JSON (migration 019).
 */
export async function saveEvaluation(db: Db, incidentId: string, e: Evaluation): Promise<void> {
  const columns = encodeEvaluation(e);
  const packed = columns === null ? await gzipAsync(JSON.stringify(e), { level: GZIP_LEVEL }) : null;
  const parts = columns === null ? 0 : Math.ceil(columns.length / PART_BYTES);
  await db.transaction(async (tx) => {
    await tx.run(
      `INSERT OR REPLACE INTO evaluations (incident_id, evaluated_at, status, result, result_gz, result_parts)
       VALUES ($1, $2::TIMESTAMP, $3, NULL, $4, $5)`,
      [incidentId, e.evaluated_at, e.status, packed === null ? null : blobValue(packed), columns === null ? null : parts],
    );
    // Deleted and inserted, not replaced: INSERT OR REPLACE of a large row cost twice the CPU here.
    await tx.run('DELETE FROM evaluation_parts WHERE incident_id = $1', [incidentId]);
    if (columns !== null && parts > 0) {
      const rows = Array.from({ length: parts }, (_, i) => `($1, ${i}, $${i + 2})`).join(', ');
      const bytes = Array.from({ length: parts }, (_, i) => blobValue(columns.subarray(i * PART_BYTES, (i + 1) * PART_BYTES)));
      await tx.run(`INSERT INTO evaluation_parts (incident_id, part, bytes) VALUES ${rows}`, [incidentId, ...bytes]);
    }
  });
}

export async function loadEvaluation(sql: Sql, incidentId: string): Promise<Evaluation | undefined> {
  const row = await sql.one<{ result: string | null; result_gz: Uint8Array | null; result_parts: number | null }>(
    'SELECT CAST(result AS VARCHAR) AS result, result_gz, result_parts FROM evaluations WHERE incident_id = $1', [incidentId],
  );
  if (!row) return undefined;
  if (row.result_parts !== null) {
    const parts = await sql.all<{ bytes: Uint8Array }>(
      'SELECT bytes FROM evaluation_parts WHERE incident_id = $1 ORDER BY part', [incidentId],
    );
    if (parts.length !== row.result_parts) {
      throw new Error(`stored evaluation of ${incidentId}: ${parts.length} of its ${row.result_parts} parts found`);
    }
    return decodeEvaluation(parts.length === 1 ? (parts[0] as { bytes: Uint8Array }).bytes : Buffer.concat(parts.map((p) => p.bytes)));
  }
  // Evaluations stored before migration 021 are gzipped JSON, and before migration 019 JSON text.
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
