// `rebound quarantine list|replay` and `rebound webhooks replay ESP FILE` (docs/webhooks.md): on the store itself
// or — while `rebound serve` holds it — through that server's API with the local credential, like `rebound pull`.
import { readFileSync } from 'node:fs';
import type { QuarantineList, QuarantineReplayResult, WebhookAnswerBody } from '#shared/schema/quarantine.ts';
import type { Config } from '../config.ts';
import { ApiError } from '../errors.ts';
import { replayQuarantine } from '../ingest/webhooks/quarantine-replay.ts';
import { replayPayload } from '../ingest/webhooks/receive.ts';
import { listQuarantine } from '../services/quarantine.ts';
import { rawBody } from '#shared/api/client.ts';
import { onStoreOrServer, type LocalServer } from './store-or-server.ts';

/** The three commands through the server holding the store. */
export const throughServer = {
  quarantineList: (server: LocalServer, esp: string | undefined, limit: number): Promise<QuarantineList> =>
    server.ok(server.api.GET('/api/quarantine', { params: { query: { limit, ...(esp ? { esp } : {}) } } })),
  quarantineReplay: (server: LocalServer, esp: string | undefined): Promise<QuarantineReplayResult> =>
    server.ok(server.api.POST('/api/quarantine/replay', { params: { query: esp ? { esp } : {} } })),
  webhooksReplay: (server: LocalServer, esp: string, raw: Buffer): Promise<WebhookAnswerBody> =>
    server.ok(server.api.POST('/api/webhooks/{esp}/replay', { params: { path: { esp } }, ...rawBody('application/json', new Uint8Array(raw)) })),
};

export async function quarantineList(config: Config, dbPath: string, esp: string | undefined, limit: number): Promise<QuarantineList> {
  return onStoreOrServer(config, dbPath, (s) => listQuarantine(s.db, { esp, limit }), (server) => throughServer.quarantineList(server, esp, limit));
}

export function quarantineText(q: QuarantineList): string {
  if (q.total === 0) return 'The quarantine is empty: every webhook event was usable.';
  const lines = [`${q.total} quarantined webhook event(s):`, ...q.counts.map((c) => `  ${String(c.count).padStart(6)}  ${c.esp.padEnd(10)} ${c.reason} (last ${c.last_received_at})`)];
  lines.push('', 'Newest:', ...q.events.map((e) => `  #${e.id}  ${e.received_at}  ${e.esp.padEnd(10)} ${e.reason}`));
  lines.push('', 'Fix the mapping or settings (docs/webhooks.md), then: rebound quarantine replay');
  return lines.join('\n');
}

export function quarantineReplayCommand(config: Config, dbPath: string, esp: string | undefined): Promise<QuarantineReplayResult> {
  return onStoreOrServer(config, dbPath, (s) => replayQuarantine(s, esp ? { esp } : {}),
    (server) => throughServer.quarantineReplay(server, esp));
}

export function webhooksReplayCommand(config: Config, dbPath: string, esp: string, file: string): Promise<WebhookAnswerBody> {
  let raw: Buffer;
  try {
    raw = readFileSync(file === '-' ? 0 : file);
  } catch {
    throw new ApiError('bad_request', `cannot read ${file}`);
  }
  return onStoreOrServer(config, dbPath, (s) => replayPayload(s, esp, raw),
    (server) => throughServer.webhooksReplay(server, esp, raw));
}
