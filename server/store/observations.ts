// The observations an evaluation needs: every send summary and seed test of an incident's streams (and
// providers) in its baseline and monitoring windows.
import { listValue } from '@duckdb/node-api';
import type { SeedTestRow, SendRow } from '#shared/schema/inputs.ts';
import type { Sql } from './db.ts';

/** The counts of a send summary (docs/data-formats.md) the evaluation reads. */
export type SendCounts = Omit<SendRow, 'opens' | 'clicks'>;
export type SeedCounts = SeedTestRow;
/** Streams and providers null: every one (an incident of all streams, or of all providers). */
export interface Scope { streams: string[] | null; providers: string[] | null; from: string; to: string }

const scopeParams = (s: Scope) => [s.streams ? listValue(s.streams) : null, s.providers ? listValue(s.providers) : null, s.from, s.to];

export function sendsInScope(sql: Sql, s: Scope): Promise<SendCounts[]> {
  return sql.all<SendCounts>(
    `SELECT send_id, stream, provider, sent_at, injected, delivered, bounced_hard, bounced_soft, bounced_block,
            complaints, unsubscribes
       FROM sends
      WHERE ($1::VARCHAR[] IS NULL OR list_contains($1, stream)) AND ($2::VARCHAR[] IS NULL OR list_contains($2, provider))
        AND sent_at >= $3::TIMESTAMP AND sent_at <= $4::TIMESTAMP
      ORDER BY sent_at, send_id`,
    scopeParams(s),
  );
}

export function seedTestsInScope(sql: Sql, s: Scope): Promise<SeedCounts[]> {
  return sql.all<SeedCounts>(
    `SELECT send_id, stream, provider, tested_at, seeds, inbox, spam, missing
       FROM seed_tests
      WHERE ($1::VARCHAR[] IS NULL OR list_contains($1, stream)) AND ($2::VARCHAR[] IS NULL OR list_contains($2, provider))
        AND tested_at >= $3::TIMESTAMP AND tested_at <= $4::TIMESTAMP
      ORDER BY tested_at, send_id`,
    scopeParams(s),
  );
}
