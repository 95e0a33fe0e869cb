// `rebound evaluate` end to end on a DuckDB store of 5,000 series × 60 sends of summaries (200 streams × 5
// providers × 5 send-summary metrics, 12,000 sends), through the compiled CLI (build/cli), beside its phases timed
// in this process on the same store — opening it, loading the observations, building the series, evaluating,
// writing the result, the alert rules — and each phase beside a floor measured in the same run: Node starting
// bare, DuckDB reading the same rows bare (columns, no row objects), a loop taking each series' mean, DuckDB
// writing the same JSON text bare. Goals (docs/performance.md): end to end < 2 s (moonshot < 1 s), the
// evaluation itself < 0.5 s in-process. Run: `npm run bench -- evaluate`.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { blobValue, listValue } from '@duckdb/node-api';
import { compiledCli } from '../bin/compiled.js';
import { generateScenario } from '#shared/scenario.ts';
import { incidentCreate, type Incident } from '#shared/schema/incidents.ts';
import { evaluateIncident } from '#shared/stats/evaluate.ts';
import { runAlerts } from '../server/alerts/run.ts';
import { loadConfig } from '../server/config.ts';
import type { Services } from '../server/context.ts';
import { ingestStream } from '../server/ingest/ingest.ts';
import { deliverDue } from '../server/notify/outbox.ts';
import { createIncident, showIncident } from '../server/services/incidents.ts';
import { computeEvaluation } from '../server/services/evaluation.ts';
import { buildSeries } from '../server/services/series.ts';
import { Db } from '../server/store/db.ts';
import { saveEvaluation } from '../server/store/evaluations.ts';
import { seedTestsInScope, sendsInScope } from '../server/store/observations.ts';
import { reputationInScope } from '../server/store/reputation.ts';
import { BASELINE_DAYS, benchStreams, meanOnly, median, POST_DAYS } from './stats.ts';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const DAY_MS = 86_400_000;
const RUNS = 3;
const GOAL_E2E_MS = 2000;
const MOONSHOT_E2E_MS = 1000;
const GOAL_EVALUATION_MS = 500;

interface Timed { wallMs: number; cpuMs: number }

/** One child process: its wall time seen from here and its own CPU time (bench/cli-cpu.js reports it on fd 3). */
function timeChild(args: string[]): Promise<Timed> {
  return new Promise((resolve, reject) => {
    const t0 = process.hrtime.bigint();
    const child = spawn(process.execPath, ['--import', pathToFileURL(join(ROOT, 'bench', 'cli-cpu.js')).href, ...args], {
      cwd: ROOT, env: process.env, stdio: ['ignore', 'ignore', 'pipe', 'pipe'],
    });
    let cpu = '';
    let err = '';
    child.stdio[2]?.on('data', (d: Buffer) => (err += d.toString()));
    child.stdio[3]?.on('data', (d: Buffer) => (cpu += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      const wallMs = Number(process.hrtime.bigint() - t0) / 1e6;
      if (code !== 0) reject(new Error(`${args.join(' ')} exited ${code}: ${err}`));
      else resolve({ wallMs, cpuMs: Number(cpu.trim()) });
    });
  });
}

/** Wall and own-process CPU time of an async step. */
async function timeHere<T>(f: () => Promise<T> | T): Promise<Timed & { value: T }> {
  const c = process.cpuUsage();
  const t = performance.now();
  const value = await f();
  const wallMs = performance.now() - t;
  const u = process.cpuUsage(c);
  return { wallMs, cpuMs: (u.user + u.system) / 1000, value };
}

/** The store: the stats benchmark's 200 streams, placed so that the monitoring window has just ended. */
async function buildStore(path: string): Promise<{ incident: Incident; sends: number }> {
  const now = Date.now();
  const sc = generateScenario({
    seed: 2026,
    start: new Date(Math.floor((now - (BASELINE_DAYS + POST_DAYS + 1) * DAY_MS) / DAY_MS) * DAY_MS).toISOString(),
    baselineDays: BASELINE_DAYS,
    postDays: POST_DAYS,
    streams: benchStreams(),
    incidents: [{ stream: 'stream-3', metrics: ['complaint_rate'], peak: 6, decay: 0.8, sends: 5 }],
  });
  const db = await Db.open(path);
  try {
    await ingestStream(db, 'bench:sends.ndjson', Readable.from(sc.sends.map((r) => `${JSON.stringify(r)}\n`)), { kind: 'sends', format: 'ndjson' });
    const incident = await createIncident(db, incidentCreate.parse({
      title: 'Every stream, 5,000 series', kind: 'wrong_segment', severity: 'high', occurred_at: sc.occurred_at, streams: ['*'],
      baseline_days: BASELINE_DAYS, monitor_days: POST_DAYS,
    }));
    return { incident, sends: sc.sends.length };
  } finally {
    db.close();
  }
}

const ms = (x: number): string => (x >= 100 ? Math.round(x).toLocaleString('en-US') : x.toFixed(1));
const ratio = (x: number, floor: number): string => (floor > 0 ? `${(x / floor).toFixed(1)}×` : '—');

export async function benchEvaluate(): Promise<string[]> {
  if (!compiledCli()) {
    const { execFileSync } = await import('node:child_process');
    execFileSync(process.execPath, [join(ROOT, 'scripts', 'build-cli.js')], { cwd: ROOT, stdio: 'inherit' });
  }
  const dir = mkdtempSync(join(tmpdir(), 'rebound-bench-evaluate-'));
  const path = join(dir, 'store.duckdb');
  try {
    const { incident, sends } = await buildStore(path);
    const loadBefore = loadavg()[0] ?? NaN;
    const cli = [join(ROOT, 'bin', 'rebound.js')];
    await timeChild([...cli, 'evaluate', '--db', path, '--incident', incident.id]); // warm the file cache

    // End to end, interleaved with the two start-up references: the compiled CLI doing nothing, and Node bare.
    const e2e: Timed[] = [];
    const help: Timed[] = [];
    const bare: Timed[] = [];
    for (let r = 0; r < RUNS; r++) {
      e2e.push(await timeChild([...cli, 'evaluate', '--db', path, '--incident', incident.id]));
      help.push(await timeChild([...cli, '--help']));
      bare.push(await timeChild(['-e', '0']));
    }

    // The phases, in this process on the same store, as evaluateDue runs them (computeEvaluation, saveEvaluation,
    // runAlerts), each with its floor.
    type Phase = 'open' | 'load' | 'series' | 'evaluate' | 'write' | 'alerts' | 'loadFloor' | 'meanFloor' | 'writeFloor' | 'whole' | 'loadBefore' | 'writeBefore';
    const t: Record<Phase, Timed[]> = { open: [], load: [], series: [], evaluate: [], write: [], alerts: [], loadFloor: [], meanFloor: [], writeFloor: [], whole: [], loadBefore: [], writeBefore: [] };
    let storedBytes = 0;
    let storedParts = 0;
    let observations = 0;
    let seriesCount = 0;
    let jsonBytes = 0;
    for (let r = 0; r <= RUNS; r++) {
      const open = await timeHere(() => Db.open(path));
      const db = open.value;
      try {
        const s: Services = { db, config: loadConfig({}), now: () => new Date(), localToken: null };
        const inc = await showIncident(db, incident.id);
        const occurred = Date.parse(inc.occurred_at);
        const scope = {
          streams: null, providers: inc.providers,
          from: new Date(occurred - inc.baseline_days * DAY_MS).toISOString(),
          to: new Date(Math.min(occurred + inc.monitor_days * DAY_MS, Date.now())).toISOString(),
        };
        // computeEvaluation's steps one by one (server/services/evaluation.ts).
        const load = await timeHere(() => Promise.all([
          sendsInScope(db, scope), seedTestsInScope(db, scope), reputationInScope(db, { subjects: null, from: scope.from, to: scope.to }),
        ]));
        const [rows, seeds, reputation] = load.value;
        const series = await timeHere(() => buildSeries(rows, seeds, reputation, { streams: inc.streams, providers: inc.providers, ipStreams: {} }));
        const evaluation = await timeHere(() => evaluateIncident({
          occurred_at: inc.occurred_at, baseline_days: inc.baseline_days, monitor_days: inc.monitor_days, series: series.value, now: new Date(),
        }));
        const write = await timeHere(() => saveEvaluation(db, inc.id, evaluation.value));
        const alerts = await timeHere(async () => {
          await runAlerts(s, inc, evaluation.value);
          return deliverDue(s);
        });
        // Floors: DuckDB reading the same rows into columns; a mean per series; DuckDB writing the same text.
        const loadFloor = await timeHere(async () => {
          const reader = await db.conn.runAndReadAll(
            `SELECT send_id, stream, provider, sent_at, injected, delivered, bounced_hard, bounced_soft, bounced_block, complaints, unsubscribes
               FROM sends WHERE ($1::VARCHAR[] IS NULL OR list_contains($1, stream)) AND sent_at >= $2::TIMESTAMP AND sent_at <= $3::TIMESTAMP
              ORDER BY sent_at, send_id`,
            [scope.streams === null ? null : listValue(scope.streams), scope.from, scope.to],
          );
          return reader.getColumns();
        });
        // The code before the column-wise reads and writes (docs/performance.md), side by side: the rows read as
        // objects with each BIGINT and TIMESTAMP converted (Sql.all), and the result gzipped JSON in one value.
        const loadBefore = await timeHere(() => db.all(
          `SELECT send_id, stream, provider, sent_at, injected, delivered, bounced_hard, bounced_soft, bounced_block, complaints, unsubscribes
             FROM sends WHERE ($1::VARCHAR[] IS NULL OR list_contains($1, stream)) AND sent_at >= $2::TIMESTAMP AND sent_at <= $3::TIMESTAMP
            ORDER BY sent_at, send_id`,
          [scope.streams === null ? null : listValue(scope.streams), scope.from, scope.to],
        ));
        const writeBefore = await timeHere(async () => {
          const packed = gzipSync(JSON.stringify(evaluation.value), { level: 1 });
          await db.run('CREATE TABLE IF NOT EXISTS bench_before (id VARCHAR PRIMARY KEY, result_gz BLOB)');
          await db.transaction(async (tx) => {
            await tx.run('INSERT OR REPLACE INTO bench_before VALUES ($1, $2)', [inc.id, blobValue(packed)]);
          });
        });
        const stored = await db.one<{ bytes: number; parts: number }>(
          'SELECT sum(octet_length(bytes))::DOUBLE AS bytes, count(*)::DOUBLE AS parts FROM evaluation_parts WHERE incident_id = $1', [inc.id],
        );
        storedBytes = stored?.bytes ?? 0;
        storedParts = stored?.parts ?? 0;
        const meanFloor = await timeHere(() => meanOnly(series.value));
        const text = JSON.stringify(evaluation.value);
        const writeFloor = await timeHere(async () => {
          await db.run('CREATE TEMP TABLE IF NOT EXISTS bench_floor (id VARCHAR PRIMARY KEY, result JSON)');
          await db.run('INSERT OR REPLACE INTO bench_floor VALUES ($1, $2)', [inc.id, text]);
        });
        const whole = await timeHere(() => computeEvaluation(s, inc, new Date()));
        if (r > 0) {
          t.open.push(open);
          t.load.push(load);
          t.series.push(series);
          t.evaluate.push(evaluation);
          t.write.push(write);
          t.alerts.push(alerts);
          t.loadFloor.push(loadFloor);
          t.meanFloor.push(meanFloor);
          t.writeFloor.push(writeFloor);
          t.whole.push(whole);
          t.loadBefore.push(loadBefore);
          t.writeBefore.push(writeBefore);
        }
        observations = rows.length * 5;
        seriesCount = series.value.length;
        jsonBytes = text.length;
        if (whole.value.series.length !== seriesCount) throw new Error('computeEvaluation and the phases disagree on the series');
      } finally {
        db.close();
      }
    }
    const loadAfter = loadavg()[0] ?? NaN;

    const wall = (xs: Timed[]) => median(xs.map((x) => x.wallMs));
    const cpu = (xs: Timed[]) => median(xs.map((x) => x.cpuMs));
    const e2eWall = wall(e2e);
    const evalWall = wall(t.evaluate);
    const row = (name: string, x: Timed[], goal: string, floorName: string, floor: Timed[] | null) =>
      `| ${name} | ${ms(wall(x))} | ${ms(cpu(x))} | ${goal} | ${floorName} | ${floor ? ms(wall(floor)) : '—'} | ${floor ? ratio(wall(x), wall(floor)) : '—'} |`;
    const verdict = (x: number, goal: number) => (x < goal ? 'met' : 'not met');
    const phases = wall(t.open) + wall(t.load) + wall(t.series) + wall(t.evaluate) + wall(t.write) + wall(t.alerts);
    return [
      `### \`rebound evaluate\` end to end: ${seriesCount.toLocaleString('en-US')} series × ${POST_DAYS + BASELINE_DAYS} sends`,
      '',
      `A DuckDB store of ${sends.toLocaleString('en-US')} send summaries (${observations.toLocaleString('en-US')} observations), one incident over every stream; the compiled CLI (build/cli) run ${RUNS} times interleaved with its start-up references, then each phase timed ${RUNS} times in-process on the same store (medians after a warm-up). Result: ${(jsonBytes / 1e6).toFixed(1)} MB as JSON, stored column-wise as ${(storedBytes / 1e6).toFixed(1)} MB in ${storedParts} parts. Load average ${loadBefore.toFixed(1)} at the start, ${loadAfter.toFixed(1)} at the end (2 cores).`,
      '',
      '| step | wall ms | CPU ms (own process) | goal | floor (same run) | floor ms | × floor |',
      '|---|---|---|---|---|---|---|',
      row('**`rebound evaluate --incident` (compiled CLI, end to end)**', e2e, `< ${GOAL_E2E_MS.toLocaleString('en-US')} (moonshot < ${MOONSHOT_E2E_MS.toLocaleString('en-US')}): ${verdict(e2eWall, GOAL_E2E_MS)}`, 'the phases below, summed', null),
      row('start-up: `rebound --help` (compiled CLI)', help, '< 300', 'node -e 0', bare),
      row('open the store (Db.open: migrations checked)', t.open, '—', '—', null),
      row('load observations (sendsInScope + seeds + reputation)', t.load, '—', 'DuckDB reading the same rows into columns', t.loadFloor),
      row('load as before (Sql.all: row objects, each BIGINT and TIMESTAMP converted; sends only)', t.loadBefore, '—', 'DuckDB reading the same rows into columns', t.loadFloor),
      row('build series (buildSeries)', t.series, '—', '—', null),
      row('**evaluate (evaluateIncident)**', t.evaluate, `< ${GOAL_EVALUATION_MS}: ${verdict(evalWall, GOAL_EVALUATION_MS)}`, 'a loop taking each series\' mean', t.meanFloor),
      row('write the result (saveEvaluation)', t.write, '—', 'DuckDB writing the same JSON text', t.writeFloor),
      row('write as before (gzipped JSON, one value)', t.writeBefore, '—', 'DuckDB writing the same JSON text', t.writeFloor),
      row('alert rules and outbox (runAlerts, deliverDue)', t.alerts, '—', '—', null),
      '',
      `- End to end ${ms(e2eWall)} ms: ${verdict(e2eWall, GOAL_E2E_MS)} (goal < ${GOAL_E2E_MS.toLocaleString('en-US')} ms), moonshot < ${MOONSHOT_E2E_MS.toLocaleString('en-US')} ms ${verdict(e2eWall, MOONSHOT_E2E_MS)}. The in-process phases sum to ${ms(phases)} ms; start-up, the store's first read from disk and exit make the rest (${ms(Math.max(0, e2eWall - phases))} ms).`,
      `- Side by side in this run: loading ${ratio(cpu(t.loadBefore), cpu(t.load))} faster in CPU than before (sends only before, sends + seeds + reputation now), writing ${ratio(cpu(t.writeBefore), cpu(t.write))} faster.`,
      `- The evaluation itself ${ms(evalWall)} ms in-process: ${verdict(evalWall, GOAL_EVALUATION_MS)} (goal < ${GOAL_EVALUATION_MS} ms). computeEvaluation as the service calls it (load + series + evaluate): ${ms(wall(t.whole))} ms.`,
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// Run directly: `node bin/run-ts.js bench/evaluate.ts`.
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log((await benchEvaluate()).join('\n'));
}
