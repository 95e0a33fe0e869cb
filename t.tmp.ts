import { Db } from './server/store/db.ts';
import { ingestFile } from './server/ingest/ingest.ts';
const db = await Db.open('/tmp/t/b2.duckdb');
if (process.env.MEM) await db.run(`SET memory_limit = '${process.env.MEM}'`);
if (process.env.PIO) await db.run(`SET preserve_insertion_order = false`);
const t = performance.now();
const r = await ingestFile(db, '/tmp/t/1m.ndjson');
console.log(process.env.MEM, process.env.PIO, ((performance.now() - t) / 1000).toFixed(2), r.stored, Math.round(process.resourceUsage().maxRSS / 1024), 'MB heap', Math.round(process.memoryUsage().heapUsed/1e6));
db.close();
