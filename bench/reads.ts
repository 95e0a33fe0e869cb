// Reads under load: 200 concurrent clients reading GET /api/incidents/:id/recovery from a running `rebound serve`
// (a child process, so its peak RSS is its own), on the demo store and on a larger one, side by side: the cold
// path (REBOUND_READ_CACHE=0: every read queries the store and serializes the answer) and the read cache (full
// answers, gzipped as browsers ask, identity, and the 304 a browser gets when it revalidates). Each row is its own
// server process. Before the load every row's answers are compared with the cold path's, byte for byte.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { loadConfig } from '../server/config.ts';
import { start } from '../server/main.ts';
import { buildLargerStore, LARGER_STORE } from './reads-store.ts';

const CLIENTS = Number(process.env.BENCH_READS_CLIENTS ?? 200);
const SECONDS = Number(process.env.BENCH_READS_SECONDS ?? 10);
const BIN = new URL('../bin/rebound.js', import.meta.url).pathname;
// Issue goal: ≥ 1,000 recovery reads/s at 200 concurrent clients, p99 < 250 ms, server RSS < 600 MB.
const GOAL = { readsPerSecond: 1_000, p99Ms: 250, rssMb: 600 };

interface Mode { name: string; cache: boolean; headers: (etag: string) => Record<string, string> }
const MODES: Mode[] = [
  { name: 'cold path (no cache)', cache: false, headers: () => ({ 'accept-encoding': 'gzip' }) },
  { name: 'cached, gzip', cache: true, headers: () => ({ 'accept-encoding': 'gzip' }) },
  { name: 'cached, identity', cache: true, headers: () => ({}) },
  { name: 'cached, revalidated (304)', cache: true, headers: (etag) => ({ 'accept-encoding': 'gzip', 'if-none-match': etag }) },
];

interface Got { status: number; etag: string; encoding: string; body: Buffer; bytes: number }

/** One GET; the body is kept only when `keep` (the load counts bytes, so the client spends little per read). */
function get(agent: Agent, url: string, headers: Record<string, string>, keep = true): Promise<Got> {
  return new Promise((resolve, reject) => {
    const req = request(url, { agent, headers }, (res) => {
      const chunks: Buffer[] = [];
      let bytes = 0;
      res.on('data', (c: Buffer) => {
        bytes += c.length;
        if (keep) chunks.push(c);
      });
      res.on('end', () => resolve({
        status: res.statusCode ?? 0, etag: String(res.headers.etag ?? ''), encoding: String(res.headers['content-encoding'] ?? ''),
        body: Buffer.concat(chunks), bytes,
      }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

interface Server { url: string; pid: number; child: ChildProcess }

/** `rebound serve` on the store; resolves once it has written its server file. */
async function serve(store: string, cache: boolean): Promise<Server> {
  const child = spawn(process.execPath, [BIN, 'serve'], {
    env: {
      ...process.env, REBOUND_DB: store, PORT: '0', HOST: '127.0.0.1', REBOUND_DEMO: '0', REBOUND_READ_CACHE: cache ? '1' : '0',
      // No scheduled evaluation during the run (it would store a new evaluation and change the answers).
      EVALUATE_CRON: '0 0 1 1 *',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const file = `${store}.server.json`;
  for (let i = 0; i < 600; i++) {
    if (existsSync(file)) {
      // The file may be caught half-written: then it is read again on the next round.
      const info = (() => {
        try {
          return JSON.parse(readFileSync(file, 'utf8')) as { url: string; pid: number };
        } catch {
          return null;
        }
      })();
      if (info && info.pid === child.pid) return { url: info.url, pid: info.pid, child };
    }
    if (child.exitCode !== null) throw new Error(`rebound serve exited with ${child.exitCode}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGKILL');
  throw new Error('rebound serve did not start within 60 s');
}

async function stop(s: Server): Promise<void> {
  const exited = new Promise((r) => s.child.once('exit', r));
  s.child.kill('SIGTERM');
  await exited;
}

/** The process's peak resident set (VmHWM), in MB. */
function peakRssMb(pid: number): number {
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}

/** CPU seconds (user + system) the process has used so far, from /proc (clock ticks of 1/100 s). */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ');
  // After the command name: state is field 3 of proc(5), so utime (14) and stime (15) are at 11 and 12 here.
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

const quantile = (sorted: Float64Array, q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;

interface Row {
  store: string; mode: string; reads: number; seconds: number; p50: number; p99: number; max: number; failed: number; errors: string[];
  kbPerRead: number; rssMb: number; serverCpuUs: number; clientCpuUs: number;
}

/** One mode on one store: a fresh server, a warm-up pass, then CLIENTS clients for SECONDS. */
async function run(storeName: string, store: string, ids: string[], mode: Mode, reference: Map<string, Buffer>): Promise<Row> {
  const server = await serve(store, mode.cache);
  const agent = new Agent({ keepAlive: true, maxSockets: CLIENTS });
  try {
    const paths = ids.map((id) => `${server.url}/api/incidents/${id}/recovery`);
    const etags = new Map<string, string>();
    for (const path of paths) {
      const plain = await get(agent, path, {});
      if (plain.status !== 200) throw new Error(`${path}: HTTP ${plain.status}`);
      const zipped = await get(agent, path, { 'accept-encoding': 'gzip' });
      const unzipped = zipped.encoding === 'gzip' ? gunzipSync(zipped.body) : zipped.body;
      const want = reference.get(path.slice(server.url.length));
      if (want === undefined) reference.set(path.slice(server.url.length), plain.body);
      else if (!plain.body.equals(want) || !unzipped.equals(want)) throw new Error(`${storeName}, ${mode.name}: ${path} differs from the cold path's answer`);
      etags.set(path, zipped.etag);
    }
    const latencies: number[] = [];
    let failed = 0;
    const errors = new Set<string>();
    let bytes = 0;
    const end = performance.now() + SECONDS * 1000;
    const client = async (k: number) => {
      for (let i = k; performance.now() < end; i++) {
        const path = paths[i % paths.length] ?? '';
        const t = performance.now();
        try {
          const r = await get(agent, path, mode.headers(etags.get(path) ?? ''), false);
          if (r.status !== 200 && r.status !== 304) {
            failed++;
            errors.add(`HTTP ${r.status}`);
          }
          bytes += r.bytes;
        } catch (err) {
          failed++;
          errors.add(err instanceof Error ? err.message : String(err));
        }
        latencies.push(performance.now() - t);
      }
    };
    // CPU time per read, server and client: what the machine's load does not inflate much, unlike the seconds.
    const serverCpu0 = cpuSeconds(server.pid);
    const clientCpu0 = process.cpuUsage();
    const t0 = performance.now();
    await Promise.all(Array.from({ length: CLIENTS }, (_, k) => client(k)));
    const seconds = (performance.now() - t0) / 1000;
    const serverCpu = cpuSeconds(server.pid) - serverCpu0;
    const clientCpu = process.cpuUsage(clientCpu0);
    const sorted = Float64Array.from(latencies).sort();
    return {
      store: storeName, mode: mode.name, reads: latencies.length, seconds, p50: quantile(sorted, 0.5), p99: quantile(sorted, 0.99),
      max: sorted.at(-1) ?? NaN, failed, errors: [...errors].slice(0, 3), kbPerRead: bytes / Math.max(1, latencies.length) / 1024, rssMb: peakRssMb(server.pid),
      serverCpuUs: (serverCpu * 1e6) / Math.max(1, latencies.length), clientCpuUs: (clientCpu.user + clientCpu.system) / Math.max(1, latencies.length),
    };
  } finally {
    agent.destroy();
    await stop(server);
  }
}

export async function benchReads(): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), 'rebound-reads-'));
  const loadBefore = loadavg()[0] ?? NaN;
  try {
    // The demo store, seeded by a server start of its own (so seeding does not count in the measured peaks).
    const demo = join(dir, 'demo.duckdb');
    const seeding = await start(loadConfig({ PORT: '0', HOST: '127.0.0.1', REBOUND_DEMO: '1', REBOUND_DB: demo }), { scheduler: null, log: () => undefined });
    const demoIds = (await seeding.services.db.all<{ id: string }>('SELECT id FROM incidents ORDER BY id')).map((r) => r.id);
    const demoSends = (await seeding.services.db.one<{ n: number }>('SELECT count(*) AS n FROM sends'))?.n ?? 0;
    await seeding.stop();
    const larger = join(dir, 'larger.duckdb');
    const largerIds = await buildLargerStore(larger);

    const rows: Row[] = [];
    for (const [name, store, ids] of [['demo', demo, demoIds], ['larger', larger, largerIds]] as const) {
      const reference = new Map<string, Buffer>();
      for (const mode of MODES) rows.push(await run(name, store, ids, mode, reference));
    }
    const loadAfter = loadavg()[0] ?? NaN;

    const lines = [
      `### Reads under load: ${CLIENTS} concurrent clients on GET /api/incidents/:id/recovery, ${SECONDS} s per row, loopback`,
      '',
      `Stores: demo (the labelled demo data set: ${demoIds.length} incident(s), ${demoSends} send summaries) and larger (${LARGER_STORE}); "KB per read" is what went over the wire. Each row is a fresh \`rebound serve\`; its answers were checked byte-identical to the cold path's before the load. Load average ${loadBefore.toFixed(2)} at the start, ${loadAfter.toFixed(2)} at the end.`,
      '',
      '| store | path | reads/s | p50 ms | p99 ms | max ms | failed | KB per read | server CPU µs per read | client CPU µs per read | server peak RSS MB |',
      '|---|---|---|---|---|---|---|---|---|---|---|',
      ...rows.map((r) => `| ${r.store} | ${r.mode} | ${Math.round(r.reads / r.seconds).toLocaleString('en-US')} | ${r.p50.toFixed(1)} | ${r.p99.toFixed(1)} | ${r.max.toFixed(1)} | ${r.failed} | ${r.kbPerRead.toFixed(1)} | ${Math.round(r.serverCpuUs).toLocaleString('en-US')} | ${Math.round(r.clientCpuUs).toLocaleString('en-US')} | ${Math.round(r.rssMb)} |`),
      '',
      ...rows.filter((r) => r.errors.length > 0).map((r) => `- ${r.store}, ${r.mode}: failed reads said ${r.errors.map((e) => `"${e}"`).join(', ')}.`),
    ];
    for (const r of rows.filter((x) => x.mode !== MODES[0]?.name)) {
      const rate = r.reads / r.seconds;
      const met = rate >= GOAL.readsPerSecond && r.p99 < GOAL.p99Ms && r.rssMb < GOAL.rssMb && r.failed === 0;
      const cold = rows.find((x) => x.store === r.store && x.mode === MODES[0]?.name);
      const ratio = cold ? rate / (cold.reads / cold.seconds) : NaN;
      lines.push(`- ${r.store}, ${r.mode}: ${met ? 'goal met' : 'goal NOT met'} (≥ ${GOAL.readsPerSecond.toLocaleString('en-US')} reads/s, p99 < ${GOAL.p99Ms} ms, RSS < ${GOAL.rssMb} MB); ${ratio.toFixed(0)}× the cold path's reads/s.`);
    }
    if (rows.some((r) => r.failed > 0)) process.exitCode = 1;
    return lines;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// `node bin/run-ts.js bench/reads.ts` runs it alone.
if (process.argv[1]?.endsWith('bench/reads.ts')) console.log((await benchReads()).join('\n'));
