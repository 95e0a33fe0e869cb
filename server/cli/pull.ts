// `rebound pull [SOURCE]` (docs/cli.md): runs a pull job now, on the store itself or — while `rebound serve` holds
// it — through that server's API (POST /api/sources/{name}/pull with the local credential).
import type { Config } from '../config.ts';
import { ApiError } from '../errors.ts';
import { pullNow, SourceNotConfigured } from '../services/sources.ts';
import { Db, StoreLockedError } from '../store/db.ts';
import { readServerFile } from './server-file.ts';

export async function pullCommand(config: Config, dbPath: string, source: string | undefined): Promise<string[]> {
  let db: Db;
  try {
    db = await Db.open(dbPath, config.dbMemory);
  } catch (err) {
    const server = err instanceof StoreLockedError ? readServerFile(dbPath) : null;
    if (!server) throw err;
    const res = await fetch(`${server.url}/api/sources/${encodeURIComponent(source ?? 'all')}/pull`, {
      method: 'POST', headers: { authorization: `Bearer ${server.token}` },
    }).catch(() => {
      throw new Error(`the store is held by PID ${server.pid}, but its server at ${server.url} does not answer`);
    });
    const body = (await res.json()) as { summaries?: string[]; error?: { code?: string; message?: string } };
    if (!res.ok) throw new ApiError((body.error?.code as ApiError['code']) ?? 'internal', body.error?.message ?? `HTTP ${res.status}`);
    return body.summaries ?? [];
  }
  try {
    return await pullNow({ db, config, now: () => new Date(), localToken: null }, source);
  } catch (err) {
    if (err instanceof SourceNotConfigured) throw new ApiError('not_found', err.message);
    throw err;
  } finally {
    db.close();
  }
}
