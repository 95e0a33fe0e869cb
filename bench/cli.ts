// CLI start-up: `rebound --help` from the compiled CLI (build/cli/, what an installed Rebound runs) and from the
// TypeScript sources through tsx (what every start cost before), interleaved, median and best of several runs.
// Goal: under 300 ms. Wall time on a shared machine moves with its load, so the load average is printed and each
// run's own CPU time (user + system, measured inside the process) is given beside it.
import { spawn } from 'node:child_process';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { compiledCli } from '../bin/compiled.js';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const RUNS = 15;
const GOAL_MS = 300;

interface Run { wallMs: number; cpuMs: number }

function timeOnce(env: Record<string, string>): Promise<Run> {
  return new Promise((resolve, reject) => {
    const t0 = process.hrtime.bigint();
    const child = spawn(process.execPath, ['--import', pathToFileURL(join(ROOT, 'bench', 'cli-cpu.js')).href, join(ROOT, 'bin', 'rebound.js'), '--help'], {
      cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'inherit', 'pipe'],
    });
    let cpu = '';
    child.stdio[3]?.on('data', (d: Buffer) => (cpu += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      const wallMs = Number(process.hrtime.bigint() - t0) / 1e6;
      if (code !== 0) reject(new Error(`rebound --help exited ${code}`));
      else resolve({ wallMs, cpuMs: Number(cpu.trim()) });
    });
  });
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? NaN;
};
const ms = (x: number) => `${Math.round(x)}`;

export async function benchCli(): Promise<string[]> {
  if (!compiledCli()) {
    const { execFileSync } = await import('node:child_process');
    execFileSync(process.execPath, [join(ROOT, 'scripts', 'build-cli.js')], { cwd: ROOT, stdio: 'inherit' });
  }
  const loadBefore = loadavg()[0] ?? NaN;
  const compiled: Run[] = [];
  const source: Run[] = [];
  await timeOnce({}); // warm the file cache for both
  await timeOnce({ REBOUND_FROM_SOURCE: '1' });
  for (let i = 0; i < RUNS; i++) {
    compiled.push(await timeOnce({}));
    source.push(await timeOnce({ REBOUND_FROM_SOURCE: '1' }));
  }
  const loadAfter = loadavg()[0] ?? NaN;
  const row = (name: string, runs: Run[]) => {
    const wall = runs.map((r) => r.wallMs);
    const cpu = runs.map((r) => r.cpuMs);
    return `| ${name} | ${ms(median(wall))} | ${ms(Math.min(...wall))} | ${ms(median(cpu))} |`;
  };
  const best = Math.min(...compiled.map((r) => r.wallMs));
  return [
    '### CLI start-up: `rebound --help`',
    '',
    `${RUNS} interleaved runs each; load average ${loadBefore.toFixed(1)} at the start, ${loadAfter.toFixed(1)} at the end (2 cores).`,
    '',
    '| contender | median ms | best ms | median CPU ms (own process) |',
    '|---|---|---|---|',
    row('compiled (build/cli, scripts/build-cli.js)', compiled),
    row('TypeScript sources through tsx (REBOUND_FROM_SOURCE=1)', source),
    '',
    `- Compiled ${(median(source.map((r) => r.wallMs)) / median(compiled.map((r) => r.wallMs))).toFixed(1)}× faster (median wall); best ${ms(best)} ms (goal < ${GOAL_MS} ms: ${best < GOAL_MS ? 'met' : 'not met'}).`,
  ];
}
