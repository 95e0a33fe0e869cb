// Daily reputation rows (docs/data-formats.md) for an evaluation: those of the incident's subjects (its streams, and the IPs
// mapped to them) in the baseline and monitoring windows.
import { listValue } from '@duckdb/node-api';
import type { Sql } from './db.ts';

export interface ReputationObservation {
  date: string;
  subject: string;
  source: string;
  metric: string;
  value: number;
  level: string | null;
}

/** The reputation rows of these subjects (null: every subject) between two days. */
export function reputationInScope(sql: Sql, s: { subjects: string[] | null; from: string; to: string }): Promise<ReputationObservation[]> {
  if (s.subjects?.length === 0) return Promise.resolve([]);
  return sql.all<ReputationObservation>(
    `SELECT strftime(date, '%Y-%m-%d') AS date, subject, source, metric, value, level
       FROM reputation
      WHERE ($1::VARCHAR[] IS NULL OR list_contains($1, subject))
        AND date >= CAST($2::TIMESTAMP AS DATE) AND date <= CAST($3::TIMESTAMP AS DATE)
      ORDER BY date, subject, source, metric`,
    [s.subjects ? listValue(s.subjects) : null, s.from, s.to],
  );
}
