// One contender of the ingest benchmark, run in its own process so its peak memory is its own.
// Usage: node bin/run-ts.js bench/ingest-child.ts rebound|rebound-zod|duckdb-store|duckdb FILE STORE  → prints one JSON line.
// rebound-zod: the same ingest with the SQL check of NDJSON events off (every record through zod, as before it).
import { DuckDBInstance } from '@duckdb/node-api';
import { ingestFile } from '../server/ingest/ingest.ts';
import { Db } from '../server/store/db.ts';
import { PROVIDER_FROM_DOMAIN } from '../server/sources/warehouse/aggregate-sql.ts';

const [which, file, store] = process.argv.slice(2);
if (!file || !store) throw new Error('usage: ingest-child.ts rebound|rebound-zod|duckdb-store|duckdb FILE STORE');

const started = performance.now();
const cpuStart = process.cpuUsage();
let rows = 0;
if (which === 'rebound' || which === 'rebound-zod') {
  const db = await Db.open(store);
  const r = await ingestFile(db, file, { sqlCheck: which === 'rebound' });
  rows = r.stored;
  db.close();
} else if (which === 'duckdb-store') {
  // The storing floor: DuckDB alone doing the work an ingest must do after validation — read the file, key each
  // event as Rebound does, insert the new ones into a Rebound store (anti-join on the key), and roll the sends up —
  // with nothing validated, no line numbers, and no per-file atomicity beyond one transaction. No ingest of this
  // file into this store can take less.
  const db = await Db.open(store);
  await db.transaction(async (tx) => {
    rows = await tx.run(`
      INSERT INTO events (event_key, event_id, type, ts, send_id, stream, provider, bounce_class, smtp_code, diagnostic, message_id, ingest_id)
      SELECT k, event_id, type, timestamp, send_id, stream, ${PROVIDER_FROM_DOMAIN('recipient_domain')}, bounce_class, smtp_code, diagnostic, message_id, 1
        FROM (SELECT md5_number('id:' || event_id) AS k, *
                FROM read_json($1, format = 'newline_delimited', columns = {event_id: 'VARCHAR', type: 'VARCHAR',
                     timestamp: 'TIMESTAMP', send_id: 'VARCHAR', stream: 'VARCHAR', recipient_domain: 'VARCHAR',
                     bounce_class: 'VARCHAR', smtp_code: 'INTEGER', diagnostic: 'VARCHAR', message_id: 'VARCHAR'})) s
       WHERE NOT EXISTS (SELECT 1 FROM events e WHERE e.event_key = s.k)`, [file]);
    await tx.run(`
      CREATE TABLE rolled AS
      SELECT send_id, provider, arg_min(stream, ts) AS stream,
             coalesce(min(ts) FILTER (WHERE type = 'injection'), min(ts)) AS sent_at,
             count(*) FILTER (WHERE type = 'injection') AS injected, count(*) FILTER (WHERE type = 'delivery') AS delivered,
             count(*) FILTER (WHERE type = 'bounce' AND bounce_class = 'hard') AS bounced_hard,
             count(*) FILTER (WHERE type = 'bounce' AND bounce_class = 'block') AS bounced_block,
             count(*) FILTER (WHERE type = 'complaint') AS complaints, count(*) FILTER (WHERE type = 'open') AS opens
        FROM events GROUP BY send_id, provider`);
  });
  db.close();
} else {
  // The floor: DuckDB reading the same file and aggregating it per send × domain, nothing validated or stored.
  const instance = await DuckDBInstance.create(':memory:');
  const conn = await instance.connect();
  const reader = await conn.runAndReadAll(`
    SELECT count(*) AS n FROM (
      SELECT send_id, recipient_domain, min(timestamp) AS sent_at,
             count(*) FILTER (WHERE type = 'injection') AS injected,
             count(*) FILTER (WHERE type = 'delivery') AS delivered,
             count(*) FILTER (WHERE type = 'bounce') AS bounced,
             count(*) FILTER (WHERE type = 'complaint') AS complaints
        FROM read_json($1, format = 'newline_delimited') GROUP BY ALL)`, [file]);
  rows = Number(reader.getRows()[0]?.[0] ?? 0);
  conn.closeSync();
  instance.closeSync();
}
const seconds = (performance.now() - started) / 1000;
// CPU time of every thread of the process (DuckDB's workers too): steadier than wall time on a shared machine.
const cpu = process.cpuUsage(cpuStart);
console.log(JSON.stringify({ seconds, rows, peak_rss_mb: process.resourceUsage().maxRSS / 1024, cpu_seconds: (cpu.user + cpu.system) / 1e6 }));
