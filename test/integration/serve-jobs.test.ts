// `rebound serve` runs the scheduled jobs: the server does not import them (docs/architecture.md, "Composition
// roots"), the program's entry bin/main.ts hands them in, so this is the test that the hand-over happens — from the
// compiled CLI (build/cli/, what an installed Rebound runs) and from the TypeScript sources. The evaluate job is put
// on an every-second schedule; its run must be logged and recorded in the store's job_runs.
import { execFileSync, spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compiledCli } from '../../bin/compiled.js';
import { Db } from '../../server/store/db.ts';
import { BIN, ROOT, tempDir } from './helpers.ts';

const tmp = tempDir('rebound-serve-jobs-');
// Inside the repository (build/ is ignored by git), so the compiled code finds node_modules as the real one does.
const out = join(ROOT, 'build', `cli-serve-jobs-${process.pid}`);
beforeAll(() => {
  execFileSync(process.execPath, [join(ROOT, 'scripts', 'build-cli.js'), out], { cwd: ROOT, stdio: 'pipe' });
}, 120_000);
afterAll(() => {
  tmp.cleanup();
  rmSync(out, { recursive: true, force: true });
});

/** Runs `serve` with `argv` until the evaluate job has run once, then stops it with SIGTERM; its output. */
function serveUntilEvaluated(argv: string[], store: string, extraEnv: Record<string, string> = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const k of Object.keys(env)) if (k.startsWith('REBOUND_')) delete env[k];
  Object.assign(env, { PORT: '0', HOST: '127.0.0.1', REBOUND_DEMO: '0', REBOUND_DB: store, EVALUATE_CRON: '* * * * * *', ...extraEnv });
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, argv, { cwd: tmp.dir, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let stopping = false;
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      if (!stopping && /\[job evaluate\] ok/.test(stdout)) {
        stopping = true;
        child.kill('SIGTERM');
      }
    });
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 110_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

async function recordedRuns(store: string): Promise<{ job: string; ok: boolean }[]> {
  const db = await Db.open(store);
  try {
    return await db.all<{ job: string; ok: boolean }>('SELECT job, ok FROM job_runs ORDER BY id');
  } finally {
    db.close();
  }
}

describe('rebound serve', () => {
  it('runs and records its scheduled jobs from the compiled CLI', async () => {
    const entry = compiledCli(out);
    expect(entry).not.toBeNull();
    const store = join(tmp.dir, 'compiled.duckdb');
    const run = await serveUntilEvaluated(['--input-type=module', '-e',
      `const { main } = await import(${JSON.stringify(entry)}); process.exitCode = await main(['serve']);`], store);
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(/Rebound listening on http:\/\/127\.0\.0\.1:\d+/);
    expect(run.stdout).toMatch(/\[job evaluate\] ok in \d+ ms: evaluated 0 incident\(s\)/);
    expect(run.code).toBe(0);
    expect((await recordedRuns(store))[0]).toEqual({ job: 'evaluate', ok: true });
  }, 120_000);

  it('runs and records its scheduled jobs from the sources', async () => {
    const store = join(tmp.dir, 'sources.duckdb');
    const run = await serveUntilEvaluated([BIN, 'serve'], store, { REBOUND_FROM_SOURCE: '1' });
    expect(run.stdout).toMatch(/\[job evaluate\] ok in \d+ ms: evaluated 0 incident\(s\)/);
    expect(run.code).toBe(0);
    expect((await recordedRuns(store))[0]).toEqual({ job: 'evaluate', ok: true });
  }, 120_000);
});
