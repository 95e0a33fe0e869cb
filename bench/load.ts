// Mixed load (docs/performance.md): the real server on loopback with a three-incident scenario; for a bounded time, dashboard
// readers poll GET /api/incidents/:id/recovery while one client ingests event batches (POST /api/ingest, every
// tenth batch a replay of the one before) and another runs evaluations (POST /api/evaluate). Reports throughput
// and p50/p99 per request type, and checks that no request failed and no count drifted: the store ends with
// exactly the events and sends the batches hold, and each incident's recovery is what it was before the load.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../server/config.ts';
import { jobRunner } from '../jobs/index.ts';
import { start } from '../server/main.ts';
import { buildAlertStore } from '../harness/alert-store.ts';

const SECONDS = Number(process.env.BENCH_LOAD_SECONDS ?? 20);
const READERS = Number(process.env.BENCH_LOAD_READERS ?? 4);
const BATCH_EVENTS = 2_000;
// Bounds besides the clock, so a fast machine cannot turn this into an unbounded write.
const MAX_BATCHES = 400;
const MAX_REQUESTS = 200_000;
const PROVIDERS = ['gmail', 'yahoo', 'microsoft', 'apple', 'other'];

interface Sample { ms: number; ok: boolean }
type Kind = 'recovery read' | 'ingest (2,000 events)' | 'evaluate';

function batch(n: number): string {
  const lines: string[] = [];
  const t0 = Date.UTC(2026, 0, 1) + n * 3_600_000;
  for (let i = 0; i < BATCH_EVENTS; i++) {
    const provider = PROVIDERS[i % PROVIDERS.length] ?? 'other';
    const type = i % 2 === 0 ? 'injection' : 'delivery';
    lines.push(JSON.stringify({ event_id: `load-${n}-${i}`, type, timestamp: new Date(t0 + i * 1000).toISOString(), send_id: `load-send-${n}`, stream: 'load.example.com', provider }));
  }
  return `${lines.join('\n')}\n`;
}

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;

export async function benchLoad(): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), 'rebound-load-'));
  const store = join(dir, 'store.duckdb');
  const { incidents } = await buildAlertStore(store);
  const server = await start(loadConfig({ PORT: '0', HOST: '127.0.0.1', REBOUND_DEMO: '0', REBOUND_DB: store }), { scheduler: jobRunner, log: () => undefined });
  const samples = new Map<Kind, Sample[]>();
  const failures: string[] = [];
  let requests = 0;
  const timed = async (kind: Kind, path: string, init?: RequestInit): Promise<unknown> => {
    requests++;
    const t = performance.now();
    let ok = false;
    let body: unknown = null;
    try {
      const res = await fetch(`${server.url}${path}`, init);
      body = await res.json();
      ok = res.ok;
      if (!ok) failures.push(`${kind} ${path}: HTTP ${res.status} ${JSON.stringify(body).slice(0, 200)}`);
    } catch (err) {
      failures.push(`${kind} ${path}: ${err instanceof Error ? err.message : String(err)}`);
    }
    const list = samples.get(kind) ?? [];
    list.push({ ms: performance.now() - t, ok });
    samples.set(kind, list);
    return body;
  };
  const strip = (r: unknown) => JSON.stringify({ ...(r as Record<string, unknown>), evaluated_at: null });

  try {
    const before = new Map<string, string>();
    for (const id of incidents) before.set(id, strip(await (await fetch(`${server.url}/api/incidents/${id}/recovery`)).json()));
    const end = Date.now() + SECONDS * 1000;
    const running = () => Date.now() < end && requests < MAX_REQUESTS;

    let batches = 0;
    let stored = 0;
    const ingest = async () => {
      while (running() && batches < MAX_BATCHES) {
        const replay = batches > 0 && batches % 10 === 0;
        const n = replay ? batches - 1 : batches;
        const r = (await timed('ingest (2,000 events)', `/api/ingest?kind=events&name=load-${n}.ndjson`, {
          method: 'POST', headers: { 'content-type': 'application/x-ndjson' }, body: batch(n),
        })) as { stored?: number; duplicate?: number } | null;
        const want = replay ? { stored: 0, duplicate: BATCH_EVENTS } : { stored: BATCH_EVENTS, duplicate: 0 };
        if (r?.stored !== want.stored || r.duplicate !== want.duplicate) failures.push(`ingest of batch ${n}${replay ? ' (replay)' : ''}: ${JSON.stringify(r).slice(0, 200)}`);
        else if (!replay) stored += BATCH_EVENTS;
        batches++;
      }
    };
    const evaluate = async () => {
      while (running()) await timed('evaluate', '/api/evaluate', { method: 'POST' });
    };
    const read = async (k: number) => {
      for (let i = k; running(); i++) await timed('recovery read', `/api/incidents/${incidents[i % incidents.length]}/recovery`);
    };
    const t0 = performance.now();
    await Promise.all([ingest(), evaluate(), ...Array.from({ length: READERS }, (_, k) => read(k))]);
    const wall = (performance.now() - t0) / 1000;

    // No drift: exactly the distinct events and send × provider rows the batches hold, once each.
    const distinctBatches = batches === 0 ? 0 : batches - Math.floor((batches - 1) / 10);
    const counts = await server.services.db.one<{ events: number; sends: number; stored: number }>(
      `SELECT (SELECT count(*) FROM events WHERE stream = 'load.example.com') AS events,
              (SELECT count(*) FROM sends WHERE stream = 'load.example.com') AS sends,
              (SELECT coalesce(sum(rows_stored), 0) FROM ingest_runs WHERE source LIKE 'load-%') AS stored`,
    );
    const expected = { events: stored, sends: distinctBatches * PROVIDERS.length, stored };
    const drift: string[] = [];
    if (counts?.events !== expected.events || counts.sends !== expected.sends || counts.stored !== expected.stored) {
      drift.push(`counts ${JSON.stringify(counts)} ≠ expected ${JSON.stringify(expected)}`);
    }
    for (const id of incidents) {
      const after = strip(await (await fetch(`${server.url}/api/incidents/${id}/recovery`)).json());
      if (after !== before.get(id)) drift.push(`${id}: recovery changed under load`);
    }

    const lines = [
      `### Mixed load: ${READERS} dashboard readers + 1 ingest client + 1 evaluate client, ${wall.toFixed(1)} s on loopback`,
      '',
      '| request | count | per second | p50 ms | p99 ms | max ms | failed |',
      '|---|---|---|---|---|---|---|',
    ];
    for (const [kind, list] of samples) {
      const ms = list.map((x) => x.ms).sort((a, b) => a - b);
      lines.push(`| ${kind} | ${list.length} | ${(list.length / wall).toFixed(1)} | ${quantile(ms, 0.5).toFixed(1)} | ${quantile(ms, 0.99).toFixed(1)} | ${(ms.at(-1) ?? NaN).toFixed(1)} | ${list.filter((x) => !x.ok).length} |`);
    }
    lines.push(
      '',
      `- ${(stored).toLocaleString('en-US')} events stored in ${distinctBatches} batches (every tenth post a replay, stored as duplicates); the store holds exactly ${counts?.events.toLocaleString('en-US')} load events and ${counts?.sends} send × provider rows: ${drift.length === 0 ? 'no drift' : `DRIFT: ${drift.join('; ')}`}.`,
      `- Failed requests: ${failures.length}${failures.length ? ` — ${failures.slice(0, 3).join('; ')}` : ''}.`,
      `- Each incident's recovery after the load equals the one before it (evaluated_at aside): ${drift.some((d) => d.includes('recovery')) ? 'NO' : 'yes'}.`,
    );
    if (failures.length || drift.length) process.exitCode = 1;
    return lines;
  } finally {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

// `node bin/run-ts.js bench/load.ts` runs it alone.
if (process.argv[1]?.endsWith('bench/load.ts')) console.log((await benchLoad()).join('\n'));
