// `rebound pull [SOURCE]` (docs/cli.md): runs a pull job now, on the store itself or — while `rebound serve` holds
// it — through that server's API (POST /api/sources/{name}/pull with the local credential).
import type { Config } from '../config.ts';
import { ApiError } from '../errors.ts';
import { pullNow, SourceNotConfigured } from '../services/sources.ts';
import { onStoreOrServer, type LocalServer } from './store-or-server.ts';

/** The pull through the server holding the store. */
export async function pullThrough(server: LocalServer, source: string | undefined): Promise<string[]> {
  return (await server.ok(server.api.POST('/api/sources/{name}/pull', { params: { path: { name: source ?? 'all' } } }))).summaries;
}

export function pullCommand(config: Config, dbPath: string, source: string | undefined): Promise<string[]> {
  return onStoreOrServer(config, dbPath, async (s) => {
    try {
      return await pullNow(s, source);
    } catch (err) {
      if (err instanceof SourceNotConfigured) throw new ApiError('not_found', err.message);
      throw err;
    }
  }, (server) => pullThrough(server, source));
}
