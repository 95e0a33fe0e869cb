// Ingest benchmark (issue 2): Rebound's ingest against DuckDB's bare read + aggregate and against pandas, side by
// side in one run on the same deterministic file, reported as ratios (machines here are shared and noisy).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeEventsFile } from './events-file.ts';

interface Figures { seconds: number; rows: number; peak_rss_mb: number }
const EVENTS = Number(process.env.BENCH_EVENTS ?? 1_000_000);
const PYTHON = '/usr/bin/python3';

function child(cmd: string, args: string[]): Figures {
  const out = execFileSync(cmd, args, { encoding: 'utf8', maxBuffer: 1 << 20 });
  return JSON.parse(out.trim().split('\n').pop() ?? '{}') as Figures;
}

export async function benchIngest(): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), 'rebound-bench-'));
  try {
    const file = join(dir, 'events.ndjson');
    await writeEventsFile(file, EVENTS);
    const mb = statSync(file).size / 1e6;
    const ts = (script: string, ...args: string[]) => child(process.execPath, ['bin/run-ts.js', script, ...args]);
    const rebound = ts('bench/ingest-child.ts', 'rebound', file, join(dir, 'store.duckdb'));
    const duck = ts('bench/ingest-child.ts', 'duckdb', file, '-');
    const hasPandas = existsSync(PYTHON) && (() => { try { execFileSync(PYTHON, ['-c', 'import pandas']); return true; } catch { return false; } })();
    const pandas = hasPandas ? child(PYTHON, ['bench/ingest-pandas.py', file]) : null;
    // Every contender reads the same events; throughput is events per second of wall time.
    const row = (name: string, f: Figures) =>
      `| ${name} | ${f.seconds.toFixed(2)} | ${Math.round(rebound.rows / f.seconds).toLocaleString('en-US')} | ${Math.round(f.peak_rss_mb)} |`;
    const lines = [
      `### Ingest: ${rebound.rows.toLocaleString('en-US')} events, ${mb.toFixed(0)} MB of NDJSON`,
      '',
      '| contender | seconds | events/s | peak RSS (MB) |',
      '|---|---|---|---|',
      row('rebound ingest (validate, dedupe, store, roll up)', rebound),
      row('DuckDB read_json + GROUP BY (floor; nothing stored)', duck),
    ];
    if (pandas) lines.push(row('pandas read_json(lines=True) + groupby', pandas));
    lines.push('', `- Rebound at ${((duck.seconds / rebound.seconds) * 100).toFixed(0)}% of DuckDB's bare speed (goal ≥ 35%).`);
    if (pandas) lines.push(`- Rebound ${(pandas.seconds / rebound.seconds).toFixed(1)}× faster than pandas (goal ≥ 8×).`);
    lines.push(`- Rebound peak memory ${Math.round(rebound.peak_rss_mb)} MB (goal < 1024 MB).`);
    return lines;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
