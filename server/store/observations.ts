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

// The evaluation reads tens of thousands of these rows (docs/performance.md): they are read column by column, the
// counts cast to DOUBLE (numbers, where all() would convert each BIGINT) and the times as epoch milliseconds,
// formatted once per distinct time (the providers of a send share it), and each row is made as one object literal.
// Ties in time and send are ordered by provider, so the rows come in one order every time.

export async function sendsInScope(sql: Sql, s: Scope): Promise<SendCounts[]> {
  const columns = await sql.columns(
    `SELECT send_id, stream, provider, epoch_ms(sent_at)::DOUBLE, injected::DOUBLE, delivered::DOUBLE, bounced_hard::DOUBLE,
            bounced_soft::DOUBLE, bounced_block::DOUBLE, complaints::DOUBLE, unsubscribes::DOUBLE
       FROM sends
      WHERE ($1::VARCHAR[] IS NULL OR list_contains($1, stream)) AND ($2::VARCHAR[] IS NULL OR list_contains($2, provider))
        AND sent_at >= $3::TIMESTAMP AND sent_at <= $4::TIMESTAMP
      ORDER BY sent_at, send_id, provider`,
    scopeParams(s),
  );
  const [sendId, stream, provider, at, injected, delivered, hard, soft, block, complaints, unsubscribes] =
    columns as [string[], string[], string[], number[], number[], number[], number[], number[], number[], number[], number[]];
  const iso = isoOnce();
  const rows = new Array<SendCounts>(sendId.length);
  for (let i = 0; i < rows.length; i++) {
    rows[i] = {
      send_id: sendId[i] as string,
      stream: stream[i] as string,
      provider: provider[i] as SendCounts['provider'],
      sent_at: iso(at[i] as number),
      injected: injected[i] as number,
      delivered: delivered[i] as number,
      bounced_hard: hard[i] as number,
      bounced_soft: soft[i] as number,
      bounced_block: block[i] as number,
      complaints: complaints[i] as number,
      unsubscribes: unsubscribes[i] as number,
    };
  }
  return rows;
}

export async function seedTestsInScope(sql: Sql, s: Scope): Promise<SeedCounts[]> {
  const columns = await sql.columns(
    `SELECT send_id, stream, provider, epoch_ms(tested_at)::DOUBLE, seeds::DOUBLE, inbox::DOUBLE, spam::DOUBLE, missing::DOUBLE
       FROM seed_tests
      WHERE ($1::VARCHAR[] IS NULL OR list_contains($1, stream)) AND ($2::VARCHAR[] IS NULL OR list_contains($2, provider))
        AND tested_at >= $3::TIMESTAMP AND tested_at <= $4::TIMESTAMP
      ORDER BY tested_at, send_id, provider`,
    scopeParams(s),
  );
  const [sendId, stream, provider, at, seeds, inbox, spam, missing] =
    columns as [string[], string[], string[], number[], number[], number[], number[], number[]];
  const iso = isoOnce();
  const rows = new Array<SeedCounts>(sendId.length);
  for (let i = 0; i < rows.length; i++) {
    rows[i] = {
      send_id: sendId[i] as string,
      stream: stream[i] as string,
      provider: provider[i] as SendCounts['provider'],
      tested_at: iso(at[i] as number),
      seeds: seeds[i] as number,
      inbox: inbox[i] as number,
      spam: spam[i] as number,
      missing: missing[i] as number,
    };
  }
  return rows;
}

/** Epoch milliseconds as RFC 3339 UTC (what all() gives for a TIMESTAMP), each distinct time formatted once. */
function isoOnce(): (ms: number) => string {
  const seen = new Map<number, string>();
  return (ms) => {
    let text = seen.get(ms);
    if (text === undefined) {
      text = new Date(ms).toISOString();
      seen.set(ms, text);
    }
    return text;
  };
}
