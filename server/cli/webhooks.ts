// `rebound quarantine list|replay` and `rebound webhooks replay ESP FILE` (docs/webhooks.md): on the store itself
// or — while `rebound serve` holds it — through that server's API with the local credential, like `rebound pull`.
import { readFileSync } from 'node:fs';
import type { QuarantineList, QuarantineReplayResult, WebhookAnswerBody } from '../../shared/schema/quarantine.ts';
import type { Config } from '../config.ts';
import type { Services } from '../context.ts';
import { ApiError } from '../errors.ts';
import { replayQuarantine } from '../ingest/webhooks/quarantine-replay.ts';
import { replayPayload } from '../ingest/webhooks/receive.ts';
import { Db, StoreLockedError } from '../store/db.ts';
import { quarantineCounts, quarantinedEvents } from '../store/quarantine.ts';
import { readServerFile } from './server-file.ts';

/** Runs `local` on the store, or sends the request to the server holding it. */
async function onStore<T>(config: Config, dbPath: string, local: (s: Services) => Promise<T>, remote: { method: string; path: string; body?: Buffer }): Promise<T> {
  let db: Db;
  try {
    db = await Db.open(dbPath, config.dbMemory);
  } catch (err) {
    const server = err instanceof StoreLockedError ? readServerFile(dbPath) : null;
    if (!server) throw err;
    const res = await fetch(server.url + remote.path, {
      method: remote.method, headers: { authorization: `Bearer ${server.token}`, 'content-type': 'application/json' },
      ...(remote.body ? { body: new Uint8Array(remote.body) } : {}),
    }).catch(() => {
      throw new Error(`the store is held by PID ${server.pid}, but its server at ${server.url} does not answer`);
    });
    const body = (await res.json()) as T & { error?: { code?: string; message?: string } };
    if (!res.ok) throw new ApiError((body.error?.code as ApiError['code']) ?? 'internal', body.error?.message ?? `HTTP ${res.status}`);
    return body;
  }
  try {
    return await local({ db, config, now: () => new Date(), localToken: null });
  } finally {
    db.close();
  }
}

export async function quarantineList(config: Config, dbPath: string, esp: string | undefined, limit: number): Promise<QuarantineList> {
  const q = new URLSearchParams({ limit: String(limit), ...(esp ? { esp } : {}) });
  return onStore(config, dbPath, async (s) => {
    const counts = await quarantineCounts(s.db);
    const events = await quarantinedEvents(s.db, { ...(esp ? { esp } : {}), limit });
    return { total: counts.reduce((n, c) => n + c.count, 0), counts, events: events.map(({ payload, item: _item, ...e }) => ({ ...e, payload: JSON.parse(payload) as unknown })) };
  }, { method: 'GET', path: `/api/quarantine?${q}` });
}

export function quarantineText(q: QuarantineList): string {
  if (q.total === 0) return 'The quarantine is empty: every webhook event was usable.';
  const lines = [`${q.total} quarantined webhook event(s):`, ...q.counts.map((c) => `  ${String(c.count).padStart(6)}  ${c.esp.padEnd(10)} ${c.reason} (last ${c.last_received_at})`)];
  lines.push('', 'Newest:', ...q.events.map((e) => `  #${e.id}  ${e.received_at}  ${e.esp.padEnd(10)} ${e.reason}`));
  lines.push('', 'Fix the mapping or settings (docs/webhooks.md), then: rebound quarantine replay');
  return lines.join('\n');
}

export function quarantineReplayCommand(config: Config, dbPath: string, esp: string | undefined): Promise<QuarantineReplayResult> {
  return onStore(config, dbPath, (s) => replayQuarantine(s, esp ? { esp } : {}), { method: 'POST', path: `/api/quarantine/replay${esp ? `?esp=${encodeURIComponent(esp)}` : ''}` });
}

export function webhooksReplayCommand(config: Config, dbPath: string, esp: string, file: string): Promise<WebhookAnswerBody> {
  let raw: Buffer;
  try {
    raw = readFileSync(file === '-' ? 0 : file);
  } catch {
    throw new ApiError('bad_request', `cannot read ${file}`);
  }
  return onStore(config, dbPath, (s) => replayPayload(s, esp, raw), { method: 'POST', path: `/api/webhooks/${encodeURIComponent(esp)}/replay`, body: raw });
}
