// The few watermarks the live event stream compares (shared/schema/live.ts): one read-only query of maxima and a
// count, each over a small table or an indexed key, so it costs little however often the store commits.
import type { LiveSnapshot } from '#shared/schema/live.ts';
import type { Sql } from './db.ts';

export async function liveSnapshot(sql: Sql): Promise<LiveSnapshot> {
  const row = await sql.one<LiveSnapshot>(
    `SELECT greatest((SELECT max(evaluated_at) FROM evaluations), (SELECT max(evaluated_at) FROM watch_runs)) AS evaluated_at,
            (SELECT max(finished_at) FROM ingest_runs WHERE rows_stored > 0) AS data_changed_at,
            (SELECT max(id) FROM ingest_runs) AS last_ingest_run,
            (SELECT max(last_run_at) FROM source_state) AS source_run_at,
            (SELECT max(updated_at) FROM incidents) AS incidents_changed_at,
            (SELECT count(*) FROM alert_notifications) AS notifications,
            (SELECT max(updated_at) FROM suspects) AS suspects_changed_at`,
  );
  if (!row) throw new Error('the live snapshot query returned no row');
  return row;
}
