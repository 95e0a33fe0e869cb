// The one home of "open the store, or — while `rebound serve` holds it — go through that server's API"
// (docs/cli.md). DuckDB lets one process open a store file; the server leaves its address and a local admin
// credential beside the store (server/server-file.ts), and every CLI command that finds the store locked uses them.
import type { Config } from '../config.ts';
import type { Services } from '../context.ts';
import { ApiError, type ErrorCode } from '../errors.ts';
import { Db, StoreLockedError } from '../store/db.ts';
import { readServerFile, type ServerFile } from '../server-file.ts';

/** The store a command works on: its --db, else REBOUND_DB (the configuration's default). */
export const storePath = (o: { db?: string | undefined }, config: Config): string => o.db ?? config.dbPath;

/** Opens the store at `path` and gives the services a command runs on, with the wall clock unless told. */
export async function openServices(config: Config, path: string, now: () => Date = () => new Date()): Promise<Services> {
  return { db: await Db.open(path, config.dbMemory), config, now, localToken: null };
}

interface ErrorBody { error?: { code?: string; message?: string; details?: unknown } }

/** The running `rebound serve` on this machine, called with the credential it left beside the store. */
export class LocalServer {
  constructor(readonly file: ServerFile) {}

  get where(): string {
    return `${this.file.url} (rebound serve, PID ${this.file.pid})`;
  }

  /** One request; an unreachable server is one sentence, not a fetch stack. */
  async request(method: string, path: string, body?: { data: BodyInit; type: string }): Promise<Response> {
    try {
      return await fetch(this.file.url + path, {
        method,
        headers: { authorization: `Bearer ${this.file.token}`, ...(body ? { 'content-type': body.type } : {}) },
        ...(body ? { body: body.data, duplex: 'half' } : {}),
      } as RequestInit);
    } catch {
      throw new Error(`the store is held by PID ${this.file.pid}, but its server at ${this.file.url} does not answer`);
    }
  }

  /** A failed answer as the API's own error: its code, message and details. */
  async fail(res: Response): Promise<never> {
    const e = (await res.json().catch(() => null) as ErrorBody | null)?.error;
    throw new ApiError((e?.code as ErrorCode | undefined) ?? 'internal', e?.message ?? `HTTP ${res.status}`, e?.details ?? null);
  }

  /** A JSON request whose answer is JSON; a failed answer throws the API's error. */
  async json<T>(method: string, path: string, body?: { data: BodyInit; type: string }): Promise<T> {
    const res = await this.request(method, path, body);
    if (!res.ok) return this.fail(res);
    const text = await res.text();
    return (text ? JSON.parse(text) : null) as T;
  }
}

export type StoreOrServer = { services: Services; server?: never } | { server: LocalServer; services?: never };

/** Opens the store, or finds the server holding it; anything else (no such store, a lock without a server) throws. */
export async function openStoreOrServer(config: Config, path: string, now?: () => Date): Promise<StoreOrServer> {
  try {
    return { services: await openServices(config, path, now) };
  } catch (err) {
    const file = err instanceof StoreLockedError ? readServerFile(path) : null;
    if (!file) throw err;
    return { server: new LocalServer(file) };
  }
}

/** Runs `local` on the store (closed after), or `remote` against the server holding it. */
export async function onStoreOrServer<T>(
  config: Config, path: string,
  local: (s: Services) => Promise<T>, remote: (server: LocalServer) => Promise<T>, now?: () => Date,
): Promise<T> {
  const target = await openStoreOrServer(config, path, now);
  if (target.server) return remote(target.server);
  try {
    return await local(target.services);
  } finally {
    target.services.db.close();
  }
}
