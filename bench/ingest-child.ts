// One contender of the ingest benchmark, run in its own process so its peak memory is its own.
// Usage: node bin/run-ts.js bench/ingest-child.ts rebound|rebound-zod|duckdb FILE STORE  → prints one JSON line.
// rebound-zod: the same ingest with the SQL check of NDJSON events off (every record through zod, as before it).
import { DuckDBInstance } from '@duckdb/node-api';
import { ingestFile } from '../server/ingest/ingest.ts';
import { Db } from '../server/store/db.ts';

const [which, file, store] = process.argv.slice(2);
if (!file || !store) throw new Error('usage: ingest-child.ts rebound|rebound-zod|duckdb FILE STORE');

const started = performance.now();
const cpuStart = process.cpuUsage();
let rows = 0;
if (which === 'rebound' || which === 'rebound-zod') {
  const db = await Db.open(store);
  const r = await ingestFile(db, file, { sqlCheck: which === 'rebound' });
  rows = r.stored;
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
