// Shared pieces of the integration tests: temp stores, table counts, file builders and the real CLI binary.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Db } from '../../server/store/db.ts';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const FIXTURES = join(ROOT, 'test/fixtures');
export const BIN = join(ROOT, 'bin/rebound.js');
export const fixture = (name: string): string => join(FIXTURES, name);

/** A fresh directory under the system temp dir; `cleanup` removes it. */
export function tempDir(prefix = 'rebound-test-'): { dir: string; path: (name: string) => string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, path: (name) => join(dir, name), cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * A fresh temp directory for stores: `open(name)` opens a store file in it (a new file per name), `cleanup` closes
 * every store it opened (closing twice is harmless) and removes the directory.
 */
export function tempStore(prefix = 'rebound-test-'): ReturnType<typeof tempDir> & { open: (name?: string) => Promise<Db> } {
  const tmp = tempDir(prefix);
  const opened: Db[] = [];
  return {
    ...tmp,
    open: async (name = 'store.duckdb') => {
      const db = await Db.open(tmp.path(name));
      opened.push(db);
      return db;
    },
    cleanup: () => {
      for (const db of opened.splice(0)) db.close();
      tmp.cleanup();
    },
  };
}

export interface Counts { events: number; sends: number; seed_tests: number; incidents: number }

export async function counts(db: Db): Promise<Counts> {
  const row = await db.one<Counts>(`SELECT
      (SELECT count(*) FROM events) AS events,
      (SELECT count(*) FROM sends) AS sends,
      (SELECT count(*) FROM seed_tests) AS seed_tests,
      (SELECT count(*) FROM incidents) AS incidents`);
  if (!row) throw new Error('no counts');
  return row;
}

/** Opens a store, reads its counts and closes it again (for stores another process writes). */
export async function countsAt(path: string): Promise<Counts> {
  const db = await Db.open(path);
  try {
    return await counts(db);
  } finally {
    db.close();
  }
}

export interface SendRowOut {
  send_id: string; provider: string; stream: string; sent_at: string;
  injected: number; delivered: number; bounced_hard: number; bounced_soft: number; bounced_block: number;
  complaints: number; unsubscribes: number; opens: number | null; clicks: number | null;
}

export function sendRows(db: Db): Promise<SendRowOut[]> {
  return db.all<SendRowOut>(`SELECT send_id, provider, stream, sent_at, injected, delivered, bounced_hard, bounced_soft,
                                    bounced_block, complaints, unsubscribes, opens, clicks
                               FROM sends ORDER BY send_id, provider`);
}

export interface SeedRowOut { send_id: string; provider: string; stream: string; tested_at: string; seeds: number; inbox: number; spam: number; missing: number }

export function seedRows(db: Db): Promise<SeedRowOut[]> {
  return db.all<SeedRowOut>('SELECT send_id, provider, stream, tested_at, seeds, inbox, spam, missing FROM seed_tests ORDER BY send_id, provider, tested_at');
}

/** A send × provider row as the store keeps it, with zero defaults for the counts not given. */
export function send(p: Partial<SendRowOut> & Pick<SendRowOut, 'send_id' | 'provider' | 'stream' | 'sent_at'>): SendRowOut {
  return {
    injected: 0, delivered: 0, bounced_hard: 0, bounced_soft: 0, bounced_block: 0, complaints: 0, unsubscribes: 0,
    opens: 0, clicks: 0, ...p,
  };
}

// ---- input builders -------------------------------------------------------------------------------------------

export type Rec = Record<string, string | number | null | undefined>;

export const SEND_COLUMNS = ['send_id', 'stream', 'provider', 'sent_at', 'injected', 'delivered', 'bounced_hard',
  'bounced_soft', 'bounced_block', 'complaints', 'unsubscribes'] as const;
export const EVENT_COLUMNS = ['event_id', 'type', 'timestamp', 'send_id', 'stream', 'provider', 'recipient_domain',
  'bounce_class', 'smtp_code', 'diagnostic', 'message_id'] as const;
export const SEED_COLUMNS = ['send_id', 'stream', 'provider', 'tested_at', 'seeds', 'inbox', 'spam', 'missing'] as const;

export function goodSend(i: number, over: Rec = {}): Rec {
  return {
    send_id: `b-${i}`, stream: 'promo', provider: 'gmail', sent_at: '2026-04-01T10:00:00Z', injected: 1000,
    delivered: 950, bounced_hard: 20, bounced_soft: 10, bounced_block: 5, complaints: 1, unsubscribes: 2, ...over,
  };
}

export function goodEvent(i: number, over: Rec = {}): Rec {
  return {
    event_id: `x-${i}`, type: 'delivery', timestamp: '2026-04-01T10:00:00Z', send_id: 'b-ev', stream: 'promo',
    provider: 'gmail', message_id: `mx-${i}`, ...over,
  };
}

export function goodSeed(i: number, over: Rec = {}): Rec {
  return {
    send_id: `b-${i}`, stream: 'promo', provider: 'gmail', tested_at: '2026-04-01T11:00:00Z', seeds: 50, inbox: 40,
    spam: 8, missing: 2, ...over,
  };
}

/** NDJSON: undefined fields are left out; every line ends with a newline. */
export function ndjson(records: Rec[]): string {
  return records.map((r) => JSON.stringify(r)).join('\n') + '\n';
}

function cell(v: string | number | null | undefined): string {
  if (v === undefined || v === null) return '';
  const s = String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** CSV with the given header; undefined or null cells are empty. */
export function csv(columns: readonly string[], records: Rec[]): string {
  return [columns.join(','), ...records.map((r) => columns.map((c) => cell(r[c])).join(','))].join('\n') + '\n';
}

export function write(path: string, content: string | Buffer): string {
  writeFileSync(path, content);
  return path;
}

// ---- the real binary --------------------------------------------------------------------------------------------

export interface CliResult { code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }

/** Runs `node bin/rebound.js …` as a child process with a clean environment for Rebound's variables. */
export function runCli(args: string[], opts: { cwd?: string; env?: Record<string, string>; timeoutMs?: number } = {}): Promise<CliResult> {
  return new Promise((resolvePromise, reject) => {
    const env: NodeJS.ProcessEnv = { ...process.env };
    for (const k of Object.keys(env)) if (k.startsWith('REBOUND_')) delete env[k];
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: opts.cwd ?? ROOT,
      env: { ...env, ...opts.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 60_000);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolvePromise({ code, signal, stdout, stderr });
    });
  });
}
