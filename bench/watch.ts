// Benchmark of the watch (docs/watch.md; goal: everything watched for 500 streams × 5 providers × 7 metrics in
// under 5 s): a real DuckDB file of 500 streams' daily sends and seed tests over five weeks, loaded through the
// real ingest, then — side by side, interleaved, in the same process — the floor (reading the observations the
// watch reads, nothing else), the watch's evaluation of the store (read + every test + BH), and a whole run
// (that, plus grouping, storing suspects and the alert rules). Medians of REPEATS after a warm-up; wall and CPU.
// Run: `npm run bench -- watch`.
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../server/config.ts';
import type { Services } from '../server/context.ts';
import { watchRun, watchStore } from '../server/services/watch.ts';
import { Db } from '../server/store/db.ts';
import { listIncidents } from '../server/store/incidents.ts';
import { sendsInScope, seedTestsInScope } from '../server/store/observations.ts';
import { reputationInScope } from '../server/store/reputation.ts';
import { loadWatchStore, manyStreams } from '../harness/watch-store.ts';
import { WATCH_DEFAULTS } from '#shared/watch/settings.ts';

const STREAMS = 500;
const DAYS = 35;
const DAY_MS = 86_400_000;
const REPEATS = 5;
const GOAL_MS = 5_000;
const START = '2026-01-01T00:00:00Z';

interface Sample { wallMs: number; cpuMs: number }

async function timed(fn: () => Promise<unknown>): Promise<Sample> {
  const cpu = process.cpuUsage();
  const t = performance.now();
  await fn();
  const wallMs = performance.now() - t;
  const used = process.cpuUsage(cpu);
  return { wallMs, cpuMs: (used.user + used.system) / 1000 };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

export async function benchWatch(): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), 'rebound-bench-watch-'));
  const db = await Db.open(join(dir, 'watch.duckdb'));
  try {
    const loadStart = performance.now();
    // One dip nobody declared (two streams blocked at Yahoo), so a run groups and stores a suspect as it would.
    const sc = await loadWatchStore(db, {
      seed: 17, start: START, days: DAYS, streams: manyStreams(STREAMS),
      effects: { startDay: DAYS - 2, specs: ['stream-010', 'stream-011'].map((stream) => ({ stream, providers: ['yahoo'], metrics: ['block_rate'], peak: 6, decay: 1, sends: 2 })) },
    });
    const loadMs = performance.now() - loadStart;
    const now = new Date(Date.parse(START) + DAYS * DAY_MS);
    const s: Services = { db, config: loadConfig({ REBOUND_DEMO: '0' }), now: () => now, localToken: null };
    const settings = WATCH_DEFAULTS;
    const to = now.toISOString();
    const from = new Date(now.getTime() - settings.windowHours * 3_600_000 - settings.baselineDays * DAY_MS).toISOString();
    const floor = async () => {
      const scope = { streams: null, providers: null, from, to };
      await Promise.all([sendsInScope(db, scope), seedTestsInScope(db, scope), reputationInScope(db, { subjects: null, from, to }), listIncidents(db, { limit: 100_000 })]);
    };
    let figures = { watched: 0, tested: 0, suspects: 0 };
    const evaluate = async () => {
      const r = await watchStore(s, settings, now);
      figures = { ...figures, watched: r.watched, tested: r.tested };
    };
    const run = async () => {
      const r = await watchRun(s, settings);
      figures = { ...figures, suspects: r.open.length };
    };
    // Warm-up: JIT, DuckDB's caches, and the first run's inserts.
    await floor();
    await evaluate();
    await run();
    const samples: Record<'floor' | 'evaluate' | 'run', Sample[]> = { floor: [], evaluate: [], run: [] };
    const loadBefore = loadavg()[0] ?? NaN;
    for (let i = 0; i < REPEATS; i++) {
      samples.floor.push(await timed(floor));
      samples.evaluate.push(await timed(evaluate));
      samples.run.push(await timed(run));
    }
    const loadAfter = loadavg()[0] ?? NaN;
    const m = (k: keyof typeof samples) => ({ wall: median(samples[k].map((x) => x.wallMs)), cpu: median(samples[k].map((x) => x.cpuMs)) });
    const f = m('floor');
    const e = m('evaluate');
    const r = m('run');
    const row = (name: string, x: { wall: number; cpu: number }) => `| ${name} | ${x.wall.toFixed(0)} ms | ${x.cpu.toFixed(0)} ms | ${(x.wall / f.wall).toFixed(1)}× |`;
    return [
      `### Watch: ${STREAMS} streams × 5 providers × 7 metrics (goal < ${GOAL_MS / 1000} s)`,
      '',
      `${sc.sends.length.toLocaleString('en-US')} send summaries and ${sc.seedTests.length.toLocaleString('en-US')} seed tests over ${DAYS} days (loaded through the ingest in ${(loadMs / 1000).toFixed(1)} s); ` +
        `each run watches ${figures.watched.toLocaleString('en-US')} series and tests ${figures.tested.toLocaleString('en-US')} observations of the last ${settings.windowHours} h against ${settings.baselineDays} days; ${figures.suspects} open suspect(s).`,
      `Median of ${REPEATS}, interleaved, after a warm-up. Load average (1 min) ${loadBefore.toFixed(2)} before, ${loadAfter.toFixed(2)} after.`,
      '',
      '| step | wall | CPU | × floor |',
      '|---|---|---|---|',
      row('floor: read the observations only', f),
      row('watch evaluation (read + tests + BH)', e),
      row('whole run (+ grouping, suspects stored, alert rules)', r),
      '',
      `Goal ${r.wall < GOAL_MS ? 'met' : 'NOT met'}: a whole run took ${(r.wall / 1000).toFixed(2)} s (CPU ${(r.cpu / 1000).toFixed(2)} s).`,
    ];
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
