// Webhook load benchmark: signed SendGrid batches of 100 events posted to POST /api/webhooks/sendgrid of a real
// `rebound serve` (its own process) on loopback by concurrent clients, for a bounded time; sustained events/s,
// latency percentiles, CPU per event of the server and of the client, and a count afterwards showing no event was
// lost or doubled. A post is answered once it is in the webhook journal, and loaded into the store after
// (docs/webhooks.md): so the bench also times how long the store takes to catch up after the last answer (a read,
// which waits for every post answered before it), and gives the rate into the store, answers and catch-up together.
// The bodies are built and signed before the clock starts, and sent as ready buffers over keep-alive connections (node:http), so the client costs little of the two cores it shares with the server.
// Every tenth batch carries one event without a category (no stream from any fallback), which the server keeps in
// the quarantine: the figure includes that path, and "stored" counts events plus quarantined ones.
//
// Rebound runs twice, with DuckDB's default threads (one per core) and with REBOUND_DB_THREADS=1. Two floors run in
// the same invocation, so the ratios mean something on a shared, noisy machine:
// - HTTP alone: the same clients and bodies against a bare node:http server (its own process) that reads each body
//   and answers 200, storing nothing — what loopback HTTP costs here;
// - DuckDB alone storing: the same events, in groups of as many posts as there are clients (what a server that
//   commits before it answers can group), each group one transaction on a Rebound store: staged by the appender,
//   inserted with the anti-join on the event key within the identity's day (docs/data-formats.md), rolled up into
//   sends, committed. Nothing verified, parsed, validated or recorded as a run; no server that answers after its
//   commit can do less.
import { spawn } from 'node:child_process';
import { generateKeyPairSync, sign } from 'node:crypto';
import { Agent, request } from 'node:http';
import { copyFileSync, createWriteStream, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { DuckDBTimestampValue } from '@duckdb/node-api';
import { ingestFile } from '../server/ingest/ingest.ts';
import { Db } from '../server/store/db.ts';

const BATCH = 100;
const CLIENTS = Number(process.env.BENCH_WEBHOOK_CLIENTS ?? 8);
const SECONDS = Number(process.env.BENCH_WEBHOOK_SECONDS ?? 15);
// Upper bound of batches prepared (and so of requests sent): 6,000 × 100 = 600,000 events.
const MAX_BATCHES = Number(process.env.BENCH_WEBHOOK_BATCHES ?? 6000);
// Events already in the store for the "grown store" row: 90 days of traffic stored in time order, as webhooks and
// daily files store it. The search for a redelivery's stored copy must not grow with them (docs/performance.md).
const PRELOAD = Number(process.env.BENCH_WEBHOOK_PRELOAD ?? 5_000_000);
const PRELOAD_DAYS = 90;
// The goals on this machine (docs/performance.md, "Webhooks").
const GOAL_EVENTS_PER_S = 20_000;
const STRETCH_EVENTS_PER_S = 30_000;
const GOAL_P99_MS = 100;

// One batch in this many holds an event for the quarantine.
const QUARANTINE_EVERY = 10;

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? NaN;
const int = (n: number) => Math.round(n).toLocaleString('en-US');

interface Signed { body: Buffer; ts: string; signature: string }
interface BenchEvent { email: string; timestamp: number; event: string; sg_event_id: string; sg_message_id: string; send_id: string; category?: string }

function batchEvents(b: number, ts: number): BenchEvent[] {
  return Array.from({ length: BATCH }, (_x, i) => ({
    email: `r${b}-${i}@gmail.com`, timestamp: ts, event: i % 10 === 0 ? 'processed' : 'delivered',
    sg_event_id: `b${b}-e${i}`, sg_message_id: `m${b}-${i}`, send_id: `send-${b % 4}`,
    ...(b % QUARANTINE_EVERY === 0 && i === BATCH - 1 ? {} : { category: 'news.example.com' }),
  }));
}

function prepare(key: ReturnType<typeof generateKeyPairSync>['privateKey'], ts: number): Signed[] {
  return Array.from({ length: MAX_BATCHES }, (_, b) => {
    const body = Buffer.from(JSON.stringify(batchEvents(b, ts)));
    return { body, ts: String(ts), signature: sign('sha256', Buffer.concat([Buffer.from(String(ts)), body]), key).toString('base64') };
  });
}

/** CPU time (user + system, every thread) a process has used so far, from /proc (Linux; clock ticks of 10 ms). */
function processCpuMs(pid: number | undefined): number {
  if (pid === undefined) return NaN;
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
}

interface Server { url: string; cpuMs: () => number; stop: () => Promise<void> }

async function startProcess(args: string[], env: NodeJS.ProcessEnv, cwd?: string): Promise<Server> {
  const child = spawn(process.execPath, args, { env, cwd, stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m?.[1]) resolve(m[1]);
    });
    child.once('exit', () => reject(new Error(`${args.join(' ')} exited: ${out}`)));
  });
  const exited = once(child, 'exit');
  // Idempotent: a second stop waits on the same exit.
  return { url, cpuMs: () => processCpuMs(child.pid), stop: async () => { child.kill('SIGTERM'); await exited; } };
}

// BENCH_WEBHOOK_BASELINE: another checkout of Rebound (built, with its node_modules) whose server runs as one more
// row, so a change is measured against the code before it in the same run.
const BASELINE = process.env.BENCH_WEBHOOK_BASELINE;

const startRebound = (store: string, publicKey: string, env: NodeJS.ProcessEnv = {}, cwd?: string) => startProcess(
  [...(process.env.BENCH_PROF ? ['--cpu-prof', '--cpu-prof-dir=/tmp/prof-wh'] : []), 'bin/rebound.js', 'serve', '--db', store],
  { ...process.env, PORT: '0', REBOUND_DEMO: '0', SENDGRID_WEBHOOK_PUBLIC_KEY: publicKey, REBOUND_TOKENS: '', ...env },
  cwd,
);

interface Stored { events: number; quarantined: number; runs: number }
/** A Rebound run: what the clients saw, what the store kept, and how long after the last answer it had it all. */
type ReboundResult = LoadResult & { kept: Stored; caughtUpMs: number; storedRate: number };

/**
 * A store holding `count` delivery events over the PRELOAD_DAYS before `endMs`, in time order, loaded through the
 * ingest as a file of them would be; its sends are one per stream and day.
 */
async function preloadStore(dir: string, count: number, endMs: number): Promise<string> {
  const file = join(dir, 'preload.ndjson');
  const out = createWriteStream(file);
  const step = (PRELOAD_DAYS * 86_400_000) / count;
  const start = endMs - PRELOAD_DAYS * 86_400_000;
  let buf = '';
  for (let i = 0; i < count; i++) {
    const t = new Date(start + Math.floor(i * step)).toISOString();
    buf += `{"event_id":"pre-${i}","type":"delivery","timestamp":"${t}","send_id":"pre-${t.slice(0, 10)}","stream":"news.example.com","provider":"gmail"}\n`;
    if (buf.length > 1 << 20) {
      if (!out.write(buf)) await once(out, 'drain');
      buf = '';
    }
  }
  out.end(buf);
  await once(out, 'finish');
  const store = join(dir, 'preloaded.duckdb');
  const db = await Db.open(store);
  try {
    const r = await ingestFile(db, file);
    if (r.stored !== count) throw new Error(`preload stored ${r.stored} of ${count} events`);
  } finally {
    db.close();
    rmSync(file);
  }
  return store;
}

/** Rebound on a fresh store, driven by the clients; then what the store holds. */
async function runRebound(store: string, publicKey: string, batches: readonly Signed[], env: NodeJS.ProcessEnv = {}, cwd?: string): Promise<ReboundResult> {
  const server = await startRebound(store, publicKey, env, cwd);
  let result: LoadResult;
  let caughtUpMs: number;
  try {
    result = await drive(server, batches);
    // Any read waits for the posts answered before it to be in the store (server/app.ts).
    const t = performance.now();
    const res = await fetch(`${server.url}/api/data/summary`);
    await res.arrayBuffer();
    if (!res.ok) throw new Error(`GET /api/data/summary answered ${res.status}`);
    caughtUpMs = performance.now() - t;
  } finally {
    await server.stop();
  }
  const db = await Db.open(store);
  // Each load records one run: events per run is the group size the loader achieved.
  const kept = await db.one<Stored>(`SELECT (SELECT count(*) FROM events WHERE NOT starts_with(event_id, 'pre-')) AS events,
    (SELECT count(*) FROM webhook_quarantine) AS quarantined, (SELECT count(*) FROM ingest_runs WHERE source = 'webhook:sendgrid') AS runs`);
  db.close();
  const stored = result.sent / (result.seconds + caughtUpMs / 1000);
  return { ...result, kept: kept ?? { events: 0, quarantined: 0, runs: 0 }, caughtUpMs, storedRate: stored };
}

/** The run's counts: every acknowledged event stored or quarantined exactly once. */
function countsLine(name: string, r: ReboundResult): string {
  const { events, quarantined, runs } = r.kept;
  const ok = events + quarantined === r.sent && r.failed === 0;
  return `- ${name}: ${r.requests} requests, ${r.failed} failed; ${int(r.sent)} events sent, ${int(events)} stored + ${int(quarantined)} quarantined: ${ok ? 'no event lost or doubled' : 'COUNTS DIFFER'}; ${int(runs)} loads, ${(runs > 0 ? r.sent / runs / BATCH : 0).toFixed(1)} posts each on average; the store had every answered post ${r.caughtUpMs.toFixed(0)} ms after the last answer.`;
}

// The HTTP floor: reads the body, answers 200 with a small JSON, keeps nothing.
const HTTP_FLOOR = `
  const server = require('node:http').createServer((req, res) => {
    let n = 0;
    req.on('data', (d) => { n += d.length; });
    req.on('end', () => { res.writeHead(200, { 'content-type': 'application/json' }); res.end(JSON.stringify({ received: n })); });
  });
  server.listen(0, '127.0.0.1', () => console.log('listening on http://127.0.0.1:' + server.address().port));
  process.on('SIGTERM', () => server.close(() => process.exit(0)));`;

interface LoadResult { rate: number; seconds: number; requests: number; failed: number; p50: number; p99: number; sent: number; serverUs: number; clientUs: number }

/** Posts the batches from CLIENTS keep-alive connections for SECONDS (or until they run out). */
async function drive(server: Server, batches: readonly Signed[]): Promise<LoadResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: CLIENTS });
  const target = new URL(`${server.url}/api/webhooks/sendgrid`);
  const post = (b: Signed) => new Promise<number>((resolve, reject) => {
    const req = request({
      agent, host: target.hostname, port: target.port, path: target.pathname, method: 'POST',
      headers: {
        'content-type': 'application/json', 'content-length': b.body.length,
        'x-twilio-email-event-webhook-signature': b.signature, 'x-twilio-email-event-webhook-timestamp': b.ts,
      },
    }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(b.body);
  });
  let next = 0;
  let sent = 0;
  let failed = 0;
  const latencies: number[] = [];
  const serverCpu0 = server.cpuMs();
  const clientCpu0 = process.cpuUsage();
  const t0 = performance.now();
  const until = t0 + SECONDS * 1000;
  const client = async () => {
    while (performance.now() < until && next < batches.length) {
      const b = batches[next++] as Signed;
      const started = performance.now();
      const status = await post(b);
      latencies.push(performance.now() - started);
      if (status === 200) sent += BATCH;
      else failed++;
    }
  };
  await Promise.all(Array.from({ length: CLIENTS }, client));
  const elapsed = (performance.now() - t0) / 1000;
  const serverCpu = server.cpuMs() - serverCpu0;
  const c = process.cpuUsage(clientCpu0);
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const events = Math.max(1, sent);
  return {
    rate: sent / elapsed, seconds: elapsed, requests: latencies.length, failed, p50: pct(latencies, 0.5), p99: pct(latencies, 0.99), sent,
    serverUs: (serverCpu * 1000) / events, clientUs: (c.user + c.system) / events,
  };
}

interface FloorResult { rate: number; p50: number; p99: number; events: number; cpuUs: number }

/**
 * The storing floor: the bench's events as canonical rows, CLIENTS posts per transaction, into a Rebound store by
 * DuckDB alone (see the head of this file). Runs for SECONDS in this process; CPU is this process's.
 */
async function duckdbFloor(store: string, ts: number): Promise<FloorResult> {
  const db = await Db.open(store);
  const s = await db.session();
  const at = new DuckDBTimestampValue(BigInt(ts) * 1_000_000n);
  const times: number[] = [];
  let events = 0;
  let b = 0;
  try {
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const until = t0 + SECONDS * 1000;
    while (performance.now() < until && b < MAX_BATCHES) {
      const started = performance.now();
      await s.run('BEGIN TRANSACTION');
      await s.run(`CREATE OR REPLACE TEMP TABLE floor_stage (event_id VARCHAR, type VARCHAR, ts TIMESTAMP, send_id VARCHAR,
                   stream VARCHAR, provider VARCHAR, message_id VARCHAR)`);
      const a = await s.conn.createAppender('floor_stage', 'main', 'temp');
      for (let p = 0; p < CLIENTS && b < MAX_BATCHES; p++, b++) {
        for (const e of batchEvents(b, ts)) {
          if (e.category === undefined) continue; // the quarantined one: no stream
          a.appendVarchar(`sendgrid:${e.sg_event_id}:${e.event}`);
          a.appendVarchar(e.event === 'processed' ? 'injection' : 'delivery');
          a.appendTimestamp(at);
          a.appendVarchar(e.send_id);
          a.appendVarchar(e.category);
          a.appendVarchar('gmail');
          a.appendVarchar(e.sg_message_id);
          a.endRow();
          events++;
        }
      }
      a.flushSync();
      a.closeSync();
      await s.run(`INSERT INTO events (event_key, event_id, type, ts, send_id, stream, provider, message_id, ingest_id)
                   SELECT k, event_id, type, ts, send_id, stream, provider, message_id, 1
                     FROM (SELECT md5_number('id:' || event_id) AS k, * FROM floor_stage) f
                    WHERE NOT EXISTS (SELECT 1 FROM events e WHERE e.ts BETWEEN $1::TIMESTAMP - INTERVAL '1 day' AND $1::TIMESTAMP + INTERVAL '1 day'
                                        AND e.event_key = f.k AND e.ts BETWEEN f.ts - INTERVAL '1 day' AND f.ts + INTERVAL '1 day')`, [at]);
      await s.run(`INSERT INTO sends AS t (send_id, provider, stream, sent_at, injected, delivered, bounced_hard, bounced_soft,
                          bounced_block, complaints, unsubscribes, opens, clicks, origin, updated_at, injections, first_event_at, ingest_id)
                   SELECT send_id, provider, min(stream), min(ts), count(*) FILTER (WHERE type = 'injection'),
                          count(*) FILTER (WHERE type = 'delivery'), 0, 0, 0, 0, 0, 0, 0, 'events', now()::TIMESTAMP,
                          count(*) FILTER (WHERE type = 'injection'), min(ts), 1
                     FROM floor_stage GROUP BY send_id, provider
                   ON CONFLICT (send_id, provider) DO UPDATE SET injected = t.injected + excluded.injected,
                          delivered = t.delivered + excluded.delivered, injections = t.injections + excluded.injections`);
      await s.run('COMMIT');
      times.push(performance.now() - started);
    }
    const elapsed = (performance.now() - t0) / 1000;
    const c = process.cpuUsage(cpu0);
    times.sort((x, y) => x - y);
    return { rate: events / elapsed, p50: pct(times, 0.5), p99: pct(times, 0.99), events, cpuUs: (c.user + c.system) / Math.max(1, events) };
  } finally {
    s.close();
    db.close();
  }
}

export async function benchWebhooks(): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), 'rebound-bench-wh-'));
  const store = join(dir, 'store.duckdb');
  const ec = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const ts = Math.floor(Date.now() / 1000);
  const batches = prepare(ec.privateKey, ts);
  const load0 = readFileSync('/proc/loadavg', 'utf8').split(' ')[0];
  const publicKey = ec.publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
  try {
    const rebound = await runRebound(store, publicKey, batches);
    const oneThread = await runRebound(join(dir, 'store-1t.duckdb'), publicKey, batches, { REBOUND_DB_THREADS: '1' });
    const baseline = BASELINE ? await runRebound(join(dir, 'store-base.duckdb'), publicKey, batches, {}, BASELINE) : null;
    // The same load on a store that already holds PRELOAD events (and the baseline on a copy of it).
    const preloaded = PRELOAD > 0 ? await preloadStore(dir, PRELOAD, ts * 1000 - 3_600_000) : null;
    const copy = (name: string) => {
      const path = join(dir, name);
      if (preloaded) copyFileSync(preloaded, path);
      return path;
    };
    const grown = preloaded ? await runRebound(copy('grown.duckdb'), publicKey, batches) : null;
    const grownBase = preloaded && BASELINE ? await runRebound(copy('grown-base.duckdb'), publicKey, batches, {}, BASELINE) : null;

    const floorServer = await startProcess(['-e', HTTP_FLOOR], { ...process.env });
    let http: LoadResult;
    try {
      http = await drive(floorServer, batches);
    } finally {
      await floorServer.stop();
    }
    const duck = await duckdbFloor(join(dir, 'floor.duckdb'), ts);
    const load1 = readFileSync('/proc/loadavg', 'utf8').split(' ')[0];

    // Judged on the rate into the store (answers and the catch-up after them), the stricter of the two.
    const meets = (r: ReboundResult, goal: number) => r.storedRate >= goal && r.p99 < GOAL_P99_MS;
    const row = (name: string, r: ReboundResult) =>
      `| ${name} | ${int(r.rate)} | ${int(r.storedRate)} | ${(rebound.storedRate / r.storedRate).toFixed(2)} | ${r.p50.toFixed(1)} | ${r.p99.toFixed(1)} | ${r.serverUs.toFixed(1)} | ${r.clientUs.toFixed(1)} | ${int(r.sent)} |`;
    return [
      `### Webhooks: SendGrid batches of ${BATCH}, ${CLIENTS} concurrent keep-alive clients, ${SECONDS} s per contender`,
      '',
      `Load average ${load0} at the start, ${load1} at the end (${CLIENTS} clients and the server share the machine's cores). "Answered": events/s the clients had answered 200; "into the store": the same events over the time until the store held them all (the answers and the catch-up after the last one). Ratios compare the rate into the store (the answered rate for the floors, which answer after storing or store nothing).`,
      '',
      '| contender | answered events/s | into the store, events/s | rebound ÷ this | p50 ms | p99 ms | server CPU µs/event | client CPU µs/event | events |',
      '|---|---|---|---|---|---|---|---|---|',
      row('rebound serve: verify, parse, validate, keep (journal), load (group per turn of the loader), quarantine', rebound),
      row('rebound serve, REBOUND_DB_THREADS=1', oneThread),
      ...(baseline ? [row(`rebound serve from ${BASELINE} (baseline)`, baseline)] : []),
      ...(grown ? [row(`rebound serve on a store already holding ${int(PRELOAD)} events (${PRELOAD_DAYS} days)`, grown)] : []),
      ...(grownBase ? [row(`rebound serve from ${BASELINE} (baseline) on the same grown store`, grownBase)] : []),
      `| floor: HTTP alone (bare node:http reads the body, answers 200) | ${int(http.rate)} | — | ${(rebound.storedRate / http.rate).toFixed(2)} | ${http.p50.toFixed(1)} | ${http.p99.toFixed(1)} | ${http.serverUs.toFixed(1)} | ${http.clientUs.toFixed(1)} | ${int(http.sent)} |`,
      `| floor: DuckDB alone storing the same events, ${CLIENTS} posts per transaction (ms per transaction) | ${int(duck.rate)} | ${int(duck.rate)} | ${(rebound.storedRate / duck.rate).toFixed(2)} | ${duck.p50.toFixed(1)} | ${duck.p99.toFixed(1)} | ${duck.cpuUs.toFixed(1)} | — | ${int(duck.events)} |`,
      '',
      countsLine('Rebound', rebound),
      countsLine('Rebound, one DuckDB thread', oneThread),
      ...(baseline ? [countsLine('Baseline', baseline)] : []),
      ...(grown ? [countsLine(`Rebound on the grown store (its ${int(PRELOAD)} earlier events not counted)`, grown)] : []),
      ...(grownBase ? [countsLine('Baseline on the grown store', grownBase)] : []),
      `- Goal ≥ ${int(GOAL_EVENTS_PER_S)} events/s into the store at p99 < ${GOAL_P99_MS} ms: ${meets(rebound, GOAL_EVENTS_PER_S) ? 'met' : 'not met'}; ≥ ${int(STRETCH_EVENTS_PER_S)}: ${meets(rebound, STRETCH_EVENTS_PER_S) ? 'met' : 'not met'} (one DuckDB thread: ${meets(oneThread, GOAL_EVENTS_PER_S) ? 'met' : 'not met'}, ${meets(oneThread, STRETCH_EVENTS_PER_S) ? 'met' : 'not met'}${grown ? `; the grown store: ${meets(grown, GOAL_EVENTS_PER_S) ? 'met' : 'not met'}, ${meets(grown, STRETCH_EVENTS_PER_S) ? 'met' : 'not met'}` : ''}).`,
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
