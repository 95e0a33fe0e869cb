// The one home of "open the store, or — while `rebound serve` holds it — go through that server's API"
// (docs/cli.md). DuckDB lets one process open a store file; the server leaves its address and a local admin
// credential beside the store (server/server-file.ts), and every CLI command that finds the store locked calls it
// with the one API client (shared/api/client.ts) the dashboard uses too.
import { ApiFailure, createApiClient, ok, okFile, type Answer, type ApiClient } from '#shared/api/client.ts';
import type { Config } from '../config.ts';
import type { Services } from '../context.ts';
import { ApiError, type ErrorCode } from '../errors.ts';
import { Db, StoreLockedError, type OpenOptions } from '../store/db.ts';
import { readServerFile, type ServerFile } from '../server-file.ts';

/** The store a command works on: its --db, else REBOUND_DB (the configuration's default). */
export const storePath = (o: { db?: string | undefined }, config: Config): string => o.db ?? config.dbPath;

/** Opens the store at `path` and gives the services a command runs on, with the wall clock unless told. */
export async function openServices(config: Config, path: string, now: () => Date = () => new Date(), opts: OpenOptions = {}): Promise<Services> {
  return { db: await Db.open(path, config.dbMemory, undefined, opts), config, now, localToken: null };
}

/** A failed call as the API's own error (its code, message and details), as the store itself would throw it. */
function asApiError(err: unknown): unknown {
  if (!(err instanceof ApiFailure)) return err;
  // No answer at all: one sentence, not a fetch stack. Any other failure keeps the server's code, else 'internal'.
  if (err.status === 0) return new ApiError('upstream_failed', err.message);
  return new ApiError(err.code === 'http_error' ? 'internal' : (err.code as ErrorCode), err.message, err.details);
}

/** The running `rebound serve` on this machine, called through the API client with the credential it left beside the store. */
export class LocalServer {
  readonly api: ApiClient;

  constructor(readonly file: ServerFile) {
    this.api = createApiClient({
      baseUrl: file.url,
      token: () => file.token,
      unreachable: `the store is held by PID ${file.pid}, but its server at ${file.url} does not answer`,
    });
  }

  get where(): string {
    return `${this.file.url} (rebound serve, PID ${this.file.pid})`;
  }

  /** The answer of a call on `api`; a failure throws the API's error. */
  async ok<R extends { response: Response }>(call: Promise<R>): Promise<Answer<R>> {
    try {
      return await ok(call);
    } catch (err) {
      throw asApiError(err);
    }
  }

  /** A file's answer and the name the server gives it; a failure throws the API's error. */
  async okFile<R extends { response: Response }>(call: Promise<R>): Promise<{ data: Answer<R>; filename: string | null }> {
    try {
      return await okFile(call);
    } catch (err) {
      throw asApiError(err);
    }
  }
}

export type StoreOrServer = { services: Services; server?: never } | { server: LocalServer; services?: never };

/** Opens the store, or finds the server holding it; anything else (no such store, a lock without a server) throws. */
export async function openStoreOrServer(config: Config, path: string, now?: () => Date, opts: OpenOptions = {}): Promise<StoreOrServer> {
  try {
    return { services: await openServices(config, path, now, opts) };
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
