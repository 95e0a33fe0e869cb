// Stored weekly reports: one row per week × format (the `json` model and its html, csv and pdf renderings).
import { blobValue } from '@duckdb/node-api';
import type { Db, Sql } from './db.ts';

export interface StoredReport {
  week: string;
  format: string;
  time_zone: string;
  generated_at: string;
  content_type: string;
  bytes: Buffer;
}

export type ReportListing = Omit<StoredReport, 'bytes'> & { size: number };

export async function saveReport(db: Db, r: StoredReport): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.run(
      `INSERT OR REPLACE INTO reports (week, format, time_zone, generated_at, content_type, bytes)
       VALUES ($1, $2, $3, $4::TIMESTAMP, $5, $6)`,
      [r.week, r.format, r.time_zone, r.generated_at, r.content_type, blobValue(new Uint8Array(r.bytes))],
    );
  });
}

export async function loadReport(sql: Sql, week: string, format: string): Promise<StoredReport | undefined> {
  const row = await sql.one<Omit<StoredReport, 'bytes'> & { bytes: Uint8Array }>(
    'SELECT week, format, time_zone, generated_at, content_type, bytes FROM reports WHERE week = $1 AND format = $2',
    [week, format],
  );
  return row ? { ...row, bytes: Buffer.from(row.bytes) } : undefined;
}

/** Removes every format of a week: done before a rebuild, so no rendering of an older model survives it. */
export async function deleteReportWeek(db: Db, week: string): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.run('DELETE FROM reports WHERE week = $1', [week]);
  });
}

/** Newest week first; the bytes are left out (the size says how big each one is). */
export function listReports(sql: Sql, limit = 520): Promise<ReportListing[]> {
  return sql.all<ReportListing>(
    `SELECT week, format, time_zone, generated_at, content_type, octet_length(bytes) AS size
       FROM reports ORDER BY week DESC, format LIMIT $1`,
    [limit],
  );
}

/**
 * The earliest time any data in the store speaks of (a send, a seed test, a reputation day, an incident), or null
 * for an empty store: a report of a week before it could only be empty.
 */
export async function firstDataAt(sql: Sql): Promise<string | null> {
  // least() skips NULLs, so an empty table does not hide the others.
  const row = await sql.one<{ first: string | null }>(
    `SELECT CAST(least(
        (SELECT min(sent_at) FROM sends), (SELECT min(tested_at) FROM seed_tests),
        (SELECT min(CAST(date AS TIMESTAMP)) FROM reputation), (SELECT min(occurred_at) FROM incidents)) AS VARCHAR) AS first`,
  );
  return row?.first ?? null;
}
