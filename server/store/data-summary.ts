// What has been loaded, for the dashboard's data page: streams, providers, the range of sends, row counts and
// the latest ingest run. Read-only aggregates over the tables of migration 001.
import type { DataSummary, StreamSummary } from '#shared/schema/data-summary.ts';
import type { Db } from './db.ts';
import { listRuns } from './ingest-runs.ts';

interface CountsRow {
  send_rows: number;
  sends: number;
  sends_from: string | null;
  sends_to: string | null;
  events: number;
  seed_tests: number;
  incidents: number;
  ingest_runs: number;
}

// Scalar subqueries keep this one round trip; every table is small next to events, and events is counted once.
const COUNTS_SQL = `
  SELECT (SELECT count(*) FROM sends)                    AS send_rows,
         (SELECT count(DISTINCT send_id) FROM sends)     AS sends,
         (SELECT min(sent_at) FROM sends)                AS sends_from,
         (SELECT max(sent_at) FROM sends)                AS sends_to,
         (SELECT count(*) FROM events)                   AS events,
         (SELECT count(*) FROM seed_tests)               AS seed_tests,
         (SELECT count(*) FROM incidents)                AS incidents,
         (SELECT count(*) FROM ingest_runs)              AS ingest_runs`;

// Streams seen in send summaries or seed tests: a program measured only by seed tests is still a stream.
const STREAMS_SQL = `
  WITH seen AS (
    SELECT stream, provider, send_id, sent_at FROM sends
    UNION ALL
    SELECT stream, provider, send_id, NULL::TIMESTAMP AS sent_at FROM seed_tests
  )
  SELECT stream,
         list(DISTINCT provider ORDER BY provider)  AS providers,
         count(DISTINCT send_id) FILTER (WHERE sent_at IS NOT NULL) AS sends,
         min(sent_at)                               AS first_sent_at,
         max(sent_at)                               AS last_sent_at
    FROM seen
   GROUP BY stream
   ORDER BY stream`;

const PROVIDERS_SQL = `
  SELECT provider FROM (SELECT provider FROM sends UNION SELECT provider FROM seed_tests) ORDER BY provider`;

/** The tables the summary reads: the read cache keys it by their versions (docs/performance.md). */
export const DATA_SUMMARY_INPUTS = ['sends', 'events', 'seed_tests', 'incidents', 'ingest_runs'] as const;

export async function dataSummary(db: Db): Promise<DataSummary> {
  // Sequential: the queries share one DuckDB connection, which runs one statement at a time anyway.
  const counts = await db.one<CountsRow>(COUNTS_SQL);
  const streams = await db.all<StreamSummary>(STREAMS_SQL);
  const providers = await db.all<{ provider: string }>(PROVIDERS_SQL);
  const runs = await listRuns(db, 1);
  if (!counts) throw new Error('data summary: the counts query returned no row');
  return {
    streams,
    providers: providers.map((p) => p.provider),
    sends_from: counts.sends_from,
    sends_to: counts.sends_to,
    counts: {
      send_rows: counts.send_rows,
      sends: counts.sends,
      events: counts.events,
      seed_tests: counts.seed_tests,
      incidents: counts.incidents,
      ingest_runs: counts.ingest_runs,
    },
    last_run: runs[0] ?? null,
  };
}
