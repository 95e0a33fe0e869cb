// What every command's registration uses: the --db option, output, JSON input, usage errors (exit 2), the store a
// command works on, and its backend. Only light modules load here; each command imports what it runs when it runs,
// so `rebound --help` stays fast (docs/cli.md).
import { readFileSync } from 'node:fs';
import { Option } from 'commander';
import type { Config } from '../config.ts';
import { ApiError } from '../errors.ts';
import type { SchedulerFactory } from '../main.ts';
import type { OpenOptions } from '../store/db.ts';
import type { Backend } from './backend.ts';

/**
 * What the program's entry (bin/main.ts) hands the CLI from outside server/: the scheduled jobs `rebound serve`
 * runs, loaded only when it runs (docs/architecture.md, "Composition roots").
 */
export interface CliParts {
  scheduler: () => Promise<SchedulerFactory>;
}

/** Bad usage: the CLI prints the message and exits 2. */
export class UsageError extends Error {}

export interface DbOptions { db?: string }

export const dbOption = (): Option => new Option('--db <path>', 'the DuckDB store (default: REBOUND_DB or ./data/rebound.duckdb)');

export const out = (x: unknown): void => {
  process.stdout.write(`${typeof x === 'string' ? x : JSON.stringify(x, null, 2)}\n`);
};

/** A JSON file, or standard input for `-`. */
export function readJson(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file === '-' ? 0 : file, 'utf8');
  } catch {
    throw new UsageError(`cannot read ${file}`);
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new ApiError('bad_request', `${file} is not valid JSON`);
  }
}

/** The configuration (environment and .env) and the store the command works on. */
export async function commandStore(o: DbOptions): Promise<{ config: Config; path: string }> {
  const [{ loadConfig }, { storePath }] = await Promise.all([import('../config.ts'), import('./store-or-server.ts')]);
  const config = loadConfig();
  return { config, path: storePath(o, config) };
}

/** Runs `fn` on the store itself, or — while `rebound serve` holds it — on that server's API. */
export async function withBackend<T>(o: DbOptions, fn: (b: Backend) => Promise<T>, opts: OpenOptions = {}): Promise<T> {
  const [{ config, path }, { openStoreOrServer }, { LocalBackend, RemoteBackend }] = await Promise.all([
    commandStore(o), import('./store-or-server.ts'), import('./backend.ts'),
  ]);
  const target = await openStoreOrServer(config, path, undefined, opts);
  const b = target.server ? new RemoteBackend(target.server) : new LocalBackend(target.services);
  try {
    return await fn(b);
  } finally {
    b.close();
  }
}
