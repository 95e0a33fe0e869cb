// Webhook load benchmark (docs/performance.md): signed SendGrid batches of 100 events posted to POST /api/webhooks/sendgrid
// of a real `rebound serve` (its own process) on loopback by concurrent clients, for a bounded time; sustained
// events/s, latency percentiles, and a count afterwards showing no event was lost or doubled. The bodies are
// built and signed before the clock starts, so the figure is the server's. Requests go to 127.0.0.1 only.
// Every tenth batch carries one event without a category (no stream from any fallback), which the server keeps in
// the quarantine: the figure includes that path, and "stored" counts events plus quarantined ones.
import { spawn } from 'node:child_process';
import { generateKeyPairSync, sign } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { Db } from '../server/store/db.ts';

const BATCH = 100;
const CLIENTS = Number(process.env.BENCH_WEBHOOK_CLIENTS ?? 8);
const SECONDS = Number(process.env.BENCH_WEBHOOK_SECONDS ?? 15);
// Upper bound of batches prepared (and so of requests sent): 3,000 × 100 = 300,000 events.
const MAX_BATCHES = Number(process.env.BENCH_WEBHOOK_BATCHES ?? 3000);
// The goal (docs/performance.md) on this machine.
const GOAL_EVENTS_PER_S = 20_000;
const GOAL_P99_MS = 100;

// One batch in this many holds an event for the quarantine.
const QUARANTINE_EVERY = 10;

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? NaN;

interface Signed { body: string; ts: string; signature: string }

function prepare(key: ReturnType<typeof generateKeyPairSync>['privateKey']): Signed[] {
  const ts = String(Math.floor(Date.now() / 1000));
  return Array.from({ length: MAX_BATCHES }, (_, b) => {
    const body = JSON.stringify(Array.from({ length: BATCH }, (_x, i) => ({
      email: `r${b}-${i}@gmail.com`, timestamp: Number(ts), event: i % 10 === 0 ? 'processed' : 'delivered',
      sg_event_id: `b${b}-e${i}`, sg_message_id: `m${b}-${i}`, send_id: `send-${b % 4}`,
      ...(b % QUARANTINE_EVERY === 0 && i === BATCH - 1 ? {} : { category: 'news.example.com' }),
    })));
    return { body, ts, signature: sign('sha256', Buffer.from(ts + body), key).toString('base64') };
  });
}

async function startServer(store: string, publicKey: string): Promise<{ url: string; stop: () => Promise<void> }> {
  const child = spawn(process.execPath, [...(process.env.BENCH_PROF ? ['--cpu-prof', '--cpu-prof-dir=/tmp/prof-wh'] : []), 'bin/rebound.js', 'serve', '--db', store], {
    env: { ...process.env, PORT: '0', REBOUND_DEMO: '0', SENDGRID_WEBHOOK_PUBLIC_KEY: publicKey, REBOUND_TOKENS: '' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m?.[1]) resolve(m[1]);
    });
    child.once('exit', () => reject(new Error(`rebound serve exited: ${out}`)));
  });
  const exited = once(child, 'exit');
  // Idempotent: a second stop waits on the same exit.
  return { url, stop: async () => { child.kill('SIGTERM'); await exited; } };
}

export async function benchWebhooks(): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), 'rebound-bench-wh-'));
  const store = join(dir, 'store.duckdb');
  const ec = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const batches = prepare(ec.privateKey);
  const server = await startServer(store, ec.publicKey.export({ type: 'spki', format: 'der' }).toString('base64'));
  let next = 0;
  let sent = 0;
  let failed = 0;
  const latencies: number[] = [];
  try {
    const t0 = performance.now();
    const until = t0 + SECONDS * 1000;
    const client = async () => {
      while (performance.now() < until && next < batches.length) {
        const b = batches[next++] as Signed;
        const started = performance.now();
        const res = await fetch(`${server.url}/api/webhooks/sendgrid`, {
          method: 'POST', body: b.body,
          headers: { 'content-type': 'application/json', 'x-twilio-email-event-webhook-signature': b.signature, 'x-twilio-email-event-webhook-timestamp': b.ts },
        });
        await res.arrayBuffer();
        latencies.push(performance.now() - started);
        if (res.ok) sent += BATCH;
        else failed++;
      }
    };
    await Promise.all(Array.from({ length: CLIENTS }, client));
    const elapsed = (performance.now() - t0) / 1000;
    await server.stop();
    const db = await Db.open(store);
    const kept = await db.one<{ events: number; quarantined: number }>('SELECT (SELECT count(*) FROM events) AS events, (SELECT count(*) FROM webhook_quarantine) AS quarantined');
    const stored = (kept?.events ?? 0) + (kept?.quarantined ?? 0);
    db.close();
    latencies.sort((a, b) => a - b);
    const rate = sent / elapsed;
    return [
      `### Webhooks: SendGrid batches of ${BATCH}, ${CLIENTS} concurrent clients, up to ${SECONDS} s`,
      '',
      `| events/s | requests | failed | p50 ms | p99 ms | events sent | events stored + quarantined |`,
      `|---|---|---|---|---|---|---|`,
      `| ${Math.round(rate).toLocaleString('en-US')} | ${latencies.length} | ${failed} | ${pct(latencies, 0.5).toFixed(1)} | ${pct(latencies, 0.99).toFixed(1)} | ${sent.toLocaleString('en-US')} | ${(kept?.events ?? 0).toLocaleString('en-US')} + ${(kept?.quarantined ?? 0).toLocaleString('en-US')} |`,
      '',
      `- Goal ≥ ${GOAL_EVENTS_PER_S.toLocaleString('en-US')} events/s at p99 < ${GOAL_P99_MS} ms: ${rate >= GOAL_EVENTS_PER_S && pct(latencies, 0.99) < GOAL_P99_MS ? 'met' : 'not met'}; ${stored === sent && failed === 0 ? 'no event lost or doubled' : 'COUNTS DIFFER'}.`,
    ];
  } finally {
    await server.stop().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  }
}
