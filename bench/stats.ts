// Benchmark of the recovery evaluation (5,000 series × 60 observations: under 2 s, goal under 0.5 s, see
// docs/performance.md), timed side by side in the same run with a loop that only takes the arithmetic mean of the
// same data; its own CPU time beside the wall time, which a busy machine inflates.
// Run: `npx tsx bench/stats.ts` (or through bench/run.ts via benchStats()).
import { loadavg } from 'node:os';
import { generateScenario, type StreamSpec } from '#shared/scenario.ts';
import { evaluateIncident, type SeriesInput } from '#shared/stats/evaluate.ts';
import { seriesFromSendSummaries } from '#shared/stats/series.ts';

export const SERIES = 5000;
export const BASELINE_DAYS = 28;
export const POST_DAYS = 32;
// 5 providers × 5 send-summary metrics = 25 series per stream.
const SERIES_PER_STREAM = 25;
const DAY_MS = 86_400_000;
// Median of REPEATS timed runs after one warm-up, so JIT compilation is not what we measure.
const REPEATS = 5;

/** 200 streams of realistic, varied sizes (2k–500k recipients per send) and noise (CV 5–40%). */
export function benchStreams(): StreamSpec[] {
  const out: StreamSpec[] = [];
  for (let i = 0; i < SERIES / SERIES_PER_STREAM; i++) {
    const f = (i * 0.6180339887) % 1; // golden-ratio sequence: spread without a PRNG
    out.push({
      stream: `stream-${i}`,
      size: Math.round(2000 * 250 ** f),
      hour: i % 24,
      cv: 0.05 + 0.35 * ((f * 7) % 1),
      rates: { hard: 0.001 + 0.01 * f, soft: 0.004 + 0.01 * ((f * 3) % 1), block: 0.001 + 0.006 * ((f * 5) % 1), complaint: 0.0001 + 0.0008 * ((f * 11) % 1), unsubscribe: 0.0005 + 0.005 * ((f * 13) % 1), inbox: 0.9 },
    });
  }
  return out;
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? NaN;
}

export function meanOnly(series: readonly SeriesInput[]): number {
  let acc = 0;
  for (const s of series) {
    let sum = 0;
    for (const o of s.observations) sum += o.value;
    acc += sum / s.observations.length;
  }
  return acc;
}

export async function benchStats(): Promise<string> {
  const scenario = generateScenario({
    seed: 2026,
    baselineDays: BASELINE_DAYS,
    postDays: POST_DAYS,
    streams: benchStreams(),
    incidents: [{ stream: 'stream-3', metrics: ['complaint_rate'], peak: 6, decay: 0.8, sends: 5 }],
  });
  const series = seriesFromSendSummaries(scenario.sends);
  const observations = series.reduce((n, s) => n + s.observations.length, 0);
  const now = new Date(Date.parse(scenario.occurred_at) + (POST_DAYS + 1) * DAY_MS);
  const input = { occurred_at: scenario.occurred_at, baseline_days: BASELINE_DAYS, monitor_days: POST_DAYS, series, now };

  const evalTimes: number[] = [];
  const evalCpu: number[] = [];
  const meanTimes: number[] = [];
  let sink = 0;
  for (let r = 0; r <= REPEATS; r++) {
    let t = performance.now();
    sink += meanOnly(series);
    const tm = performance.now() - t;
    t = performance.now();
    const cpu = process.cpuUsage();
    const result = evaluateIncident(input);
    const te = performance.now() - t;
    const used = process.cpuUsage(cpu);
    sink += result.series.length;
    if (r > 0) {
      meanTimes.push(tm);
      evalTimes.push(te);
      evalCpu.push((used.user + used.system) / 1000);
    }
  }
  const te = median(evalTimes);
  const tm = median(meanTimes);
  return [
    `### Recovery evaluation (shared/stats)`,
    ``,
    `${series.length} series × ${observations / series.length} observations (${BASELINE_DAYS} baseline + ${POST_DAYS} post), ${observations} observations; median of ${REPEATS} runs after a warm-up (node ${typeof process === 'undefined' ? '?' : process.version}).`,
    ``,
    `| loop | time | ratio | CPU (own process, GC threads included) |`,
    `|---|---|---|---|`,
    `| arithmetic mean only | ${tm.toFixed(1)} ms | 1× | — |`,
    `| evaluateIncident (beta-binomial tests, bands, BH, verdicts, recovery) | ${te.toFixed(1)} ms | ${(te / tm).toFixed(0)}× | ${median(evalCpu).toFixed(0)} ms |`,
    ``,
    `Goals (docs/performance.md): under 2,000 ms ${te < 2000 ? 'met' : 'NOT met'}; under 500 ms ${te < 500 ? 'met' : 'not met'}. Load average ${loadavg()[0]?.toFixed(1) ?? '?'}. (checksum ${sink.toFixed(3)})`,
  ].join('\n');
}

// Run directly: `npx tsx bench/stats.ts`.
if (typeof process !== 'undefined' && process.argv[1] !== undefined && import.meta.url === new URL(`file://${process.argv[1]}`).href) {
  console.log(await benchStats());
}
