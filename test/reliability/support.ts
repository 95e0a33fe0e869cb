// Shared pieces of the reliability suite (docs/integrity.md): the real CLI as a child process that can be SIGKILLed the
// moment an observed condition holds, what can be observed of it from outside (file offsets in /proc, the store's
// files growing), and order-free digests of the store's tables for "exactly the data of a clean run".
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, readlinkSync, realpathSync, statSync } from 'node:fs';
import { Db } from '../../server/store/db.ts';
import { BIN, ROOT } from '../integration/helpers.ts';

export const HAS_PROC = existsSync(`/proc/${process.pid}/fdinfo`);

export interface Exit { code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }

export interface Running {
  child: ChildProcess;
  readonly stdout: string;
  readonly stderr: string;
  done: Promise<Exit>;
  /** SIGKILL now (once); returns whether the child was still running. */
  kill: () => boolean;
  killed: boolean;
}

/** A clean environment for Rebound's variables (the test runner's own REBOUND_* must not leak in). */
export function cleanEnv(env: Record<string, string> = {}): NodeJS.ProcessEnv {
  const base: NodeJS.ProcessEnv = { ...process.env };
  for (const k of Object.keys(base)) {
    if (/^(REBOUND_|SMTP_URL|ALERT_|REPORT_|BIGQUERY_|POSTMASTER_|SNDS_|PUBLIC_URL)/.test(k)) delete base[k];
  }
  // No Google Compute Engine here: google-auth-library must not probe the metadata server.
  return { ...base, METADATA_SERVER_DETECTION: 'none', REBOUND_DEMO: '0', ...env };
}

/**
 * Starts `node bin/rebound.js …`. With `shell`, the command runs under bash with that prefix (e.g. a file size
 * limit), exec'ing node so the pid is node's.
 */
export function startCli(args: string[], env: Record<string, string> = {}, opts: { shellPrefix?: string; timeoutMs?: number } = {}): Running {
  const child = opts.shellPrefix
    ? spawn('bash', ['-c', `${opts.shellPrefix}; exec "$0" "$@"`, process.execPath, BIN, ...args], { cwd: ROOT, env: cleanEnv(env), stdio: ['ignore', 'pipe', 'pipe'] })
    : spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env: cleanEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const r: Running = {
    child,
    get stdout() { return stdout; },
    get stderr() { return stderr; },
    killed: false,
    kill: () => {
      if (r.killed || child.exitCode !== null || child.signalCode !== null) return false;
      r.killed = true;
      return child.kill('SIGKILL');
    },
    done: new Promise<Exit>((resolve, reject) => {
      const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 120_000);
      child.on('error', reject);
      child.on('close', (code, signal) => {
        clearTimeout(timer);
        resolve({ code, signal, stdout, stderr });
      });
    }),
  };
  return r;
}

/** Runs the CLI to the end. */
export function runCli(args: string[], env: Record<string, string> = {}, opts: { shellPrefix?: string; timeoutMs?: number } = {}): Promise<Exit> {
  return startCli(args, env, opts).done;
}

/** The child's read offset in `file` (null when it does not hold it open). */
export function fileOffset(pid: number, file: string): number | null {
  const real = realpathSync(file);
  let offset: number | null = null;
  try {
    for (const fd of readdirSync(`/proc/${pid}/fd`)) {
      let target = '';
      try {
        target = readlinkSync(`/proc/${pid}/fd/${fd}`);
      } catch {
        continue;
      }
      if (target !== real) continue;
      const pos = /^pos:\s*(\d+)/m.exec(readFileSync(`/proc/${pid}/fdinfo/${fd}`, 'utf8'));
      if (pos?.[1]) offset = Math.max(offset ?? 0, Number(pos[1]));
    }
  } catch {
    // gone
  }
  return offset;
}

const size = (p: string) => (existsSync(p) ? statSync(p).size : 0);
/** The store's bytes on disk: the database file and its write-ahead log. */
export const walBytes = (store: string): number => size(`${store}.wal`);
export const storeBytes = (store: string): number => size(store) + size(`${store}.wal`);

/**
 * Polls `when` every 2 ms while the child runs and SIGKILLs it the first time it holds. Resolves with the exit and
 * whether the kill was ours. The condition is an observation (offsets, file sizes, callbacks), never a timer.
 */
export async function killWhen(run: Running, when: () => boolean): Promise<Exit & { killedByUs: boolean }> {
  const poll = setInterval(() => {
    if (run.child.exitCode !== null || run.killed) return;
    let fire = false;
    try {
      fire = when();
    } catch {
      fire = false;
    }
    if (fire) run.kill();
  }, 2);
  try {
    const exit = await run.done;
    return { ...exit, killedByUs: run.killed && exit.signal === 'SIGKILL' };
  } finally {
    clearInterval(poll);
  }
}

// ---- digests ------------------------------------------------------------------------------------------------

/**
 * An order-free digest of a query's rows: count and the sum of a hash of each row. Two stores with the same rows
 * give the same digest; a lost, extra or changed row changes it (barring a 64-bit hash collision).
 */
export async function digestOf(db: Db, select: string): Promise<string> {
  const row = await db.one<{ n: number; h: string }>(
    `SELECT count(*) AS n, CAST(coalesce(sum(hash(t)), 0) AS VARCHAR) AS h FROM (${select}) t`,
  );
  return `${row?.n ?? -1}:${row?.h ?? ''}`;
}

/**
 * The data tables of a store (what a clean run must produce exactly), volatile columns left out: clock times, and
 * the run id an event was stored by (ids come from a sequence, which DuckDB does not roll back, so a killed run
 * may leave a gap; ORPHANS checks the ids still point at stored runs).
 */
export const DATA_TABLES: Record<string, string> = {
  events: 'SELECT event_key, event_id, type, ts, send_id, stream, provider, bounce_class, smtp_code, diagnostic, message_id FROM events',
  sends: 'SELECT send_id, provider, stream, sent_at, injected, delivered, bounced_hard, bounced_soft, bounced_block, complaints, unsubscribes, opens, clicks, origin FROM sends',
  // Not the id of the run that wrote a row: a killed run uses up an id, so the restart's run has another.
  seed_tests: 'SELECT * EXCLUDE (ingest_id) FROM seed_tests',
  reputation: 'SELECT * EXCLUDE (ingest_id) FROM reputation',
  incidents: 'SELECT id, title, kind, severity, occurred_at, streams, providers, baseline_days, monitor_days FROM incidents',
};

/** Events whose run id names no stored run: must be none. */
export const ORPHANS = `SELECT count(*) AS n FROM events e
  WHERE NOT EXISTS (SELECT 1 FROM ingest_runs r WHERE r.id = e.ingest_id AND r.status IN ('stored', 'partial'))`;

export const ALERT_TABLES: Record<string, string> = {
  alert_states: 'SELECT rule_id, incident_id, metric, stream, provider, state, since, value FROM alert_states',
  alert_notifications: 'SELECT rule_id, incident_id, metric, stream, provider, kind, observed_at, value, baseline, threshold, numerator, denominator, since, outbox_id FROM alert_notifications',
  outbox: 'SELECT id, message_id, recipients, subject, text_body, html_body, status FROM outbox',
};

export interface StoreDigest { tables: Record<string, string>; extra: Record<string, unknown> }

/** Opens the store (which shows it is not corrupt), digests `tables`, runs `extra` queries, closes it. */
export async function digestStore(path: string, tables: Record<string, string>, extra: Record<string, string> = {}): Promise<StoreDigest> {
  const db = await Db.open(path);
  try {
    const out: StoreDigest = { tables: {}, extra: {} };
    for (const [name, q] of Object.entries(tables)) out.tables[name] = await digestOf(db, q);
    for (const [name, q] of Object.entries(extra)) out.extra[name] = await db.all(q);
    return out;
  } finally {
    db.close();
  }
}

/** Starts `rebound serve` on a store (port chosen by the system) and waits for the address it listens on. */
export async function startServe(store: string, env: Record<string, string> = {}): Promise<{ run: Running; url: string }> {
  const run = startCli(['serve', '--db', store], { PORT: '0', ...env });
  // Up to two minutes: on a loaded machine the start alone (tsx, DuckDB, migrations) has taken over 30 s.
  for (let i = 0; i < 2400; i++) {
    const m = /listening on (http:\/\/\S+)/.exec(run.stdout);
    if (m?.[1]) return { run, url: m[1] };
    if (run.child.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  run.kill();
  throw new Error(`rebound serve did not start: ${run.stderr}`);
}

/**
 * Every stored run holds exactly what it says it stored, and nothing is stored by a run that is not recorded:
 * "all of a run or nothing of it", read from the store itself.
 */
export const RUN_MISMATCH = `SELECT count(*) AS n FROM ingest_runs r
  FULL OUTER JOIN (SELECT ingest_id, count(*) AS n FROM events GROUP BY ingest_id) e ON e.ingest_id = r.id
  WHERE (r.kind = 'events' OR r.id IS NULL) AND coalesce(r.rows_stored, -1) <> coalesce(e.n, 0)`;

/**
 * A 32 MB tmpfs at `mnt`, for filling the disk under a store. It needs root and a sandbox that allows mounts:
 * `blocker` says why not when it could not be mounted (the test says so in its name), `unmount` is safe either way.
 */
export function smallTmpfs(mnt: string): { mounted: boolean; blocker: string | null; unmount: () => void } {
  try {
    mkdirSync(mnt, { recursive: true });
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=32m', 'tmpfs', mnt], { stdio: 'pipe' });
    return { mounted: true, blocker: null, unmount: () => execFileSync('umount', ['-l', mnt]) };
  } catch (err) {
    const e = err as { stderr?: Buffer; message?: string };
    return { mounted: false, blocker: (e.stderr?.toString().trim() || e.message || 'mount failed').split('\n')[0] ?? 'mount failed', unmount: () => undefined };
  }
}
