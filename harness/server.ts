// Starts the real server (server/main.ts) on a temporary DuckDB file and a free port, for the browser tests,
// and loads data through the real API.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../server/config.ts';
import { jobRunner } from '../jobs/index.ts';
import { start, type Running } from '../server/main.ts';

export interface TestServer {
  url: string;
  running: Running;
  /** Calls the API with a token (when given); JSON in, Response out. */
  api: (path: string, init?: { method?: string; body?: string | object; type?: string; token?: string }) => Promise<Response>;
  stop: () => Promise<void>;
}

export async function startServer(env: Record<string, string> = {}): Promise<TestServer> {
  const dir = mkdtempSync(join(tmpdir(), 'rebound-e2e-'));
  const config = loadConfig({ PORT: '0', REBOUND_DB: join(dir, 'rebound.duckdb'), REBOUND_DEMO: '0', ...env });
  const running = await start(config, { scheduler: jobRunner, log: () => undefined });
  const api: TestServer['api'] = (path, init = {}) => {
    const headers: Record<string, string> = {};
    if (init.token) headers['authorization'] = `Bearer ${init.token}`;
    let body: string | undefined;
    if (init.body !== undefined) {
      body = typeof init.body === 'string' ? init.body : JSON.stringify(init.body);
      headers['content-type'] = init.type ?? 'application/json';
    }
    return fetch(`${running.url}${path}`, { method: init.method ?? (body ? 'POST' : 'GET'), headers, ...(body !== undefined ? { body } : {}) });
  };
  return {
    url: running.url,
    running,
    api,
    stop: async () => {
      await running.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Rows → CSV with a header, the way an ESP export looks. */
export function toCsv(rows: readonly object[]): string {
  const first = rows[0];
  if (!first) return '';
  const cols = Object.keys(first);
  const lines = rows.map((r) => cols.map((c) => String((r as Record<string, unknown>)[c] ?? '')).join(','));
  return `${cols.join(',')}\n${lines.join('\n')}\n`;
}
