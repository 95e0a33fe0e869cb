// The live event stream over real HTTP (docs/alerts.md): a viewer's ticket opens it and nothing else does; it says
// what the store looks like on connect and pushes a change after an ingest and after an evaluation; opening it
// writes nothing; a burst of commits is looked at once (throttled); and the server stops with streams still open.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { LiveChange, LiveSnapshot } from '#shared/schema/live.ts';
import { loadConfig } from '../../server/config.ts';
import { LiveHub } from '../../server/live/hub.ts';
import { issueTicket, TICKET_TTL_MS } from '../../server/live/ticket.ts';
import { start, type Running } from '../../server/main.ts';
import { Db } from '../../server/store/db.ts';

const VIEWER = 'viewer-token-0123456789';
const ADMIN = 'admin-token-0123456789ab';

interface SseEvent { event: string; data: string }

/** Reads server-sent events from a fetch response, one at a time. */
function sseReader(res: Response): { next: (timeoutMs?: number) => Promise<SseEvent>; close: () => Promise<void> } {
  if (!res.body) throw new Error('no body');
  const reader = res.body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  const next = async (timeoutMs = 10_000): Promise<SseEvent> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const end = buffer.indexOf('\n\n');
      if (end >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const lines = block.split('\n');
        // Comment lines (": keep-alive") are not events.
        if (lines.every((l) => l.startsWith(':'))) continue;
        const field = (name: string) => lines.filter((l) => l.startsWith(`${name}:`)).map((l) => l.slice(name.length + 1).trimStart()).join('\n');
        return { event: field('event') || 'message', data: field('data') };
      }
      const left = deadline - Date.now();
      if (left <= 0) throw new Error('no event in time');
      const chunk = await Promise.race([reader.read(), new Promise<never>((_, reject) => setTimeout(() => reject(new Error('no event in time')), left))]);
      if (chunk.done) throw new Error('the stream ended');
      buffer += decoder.decode(chunk.value, { stream: true });
    }
  };
  return { next, close: () => reader.cancel() };
}

const SENDS = ['send_id,stream,provider,sent_at,injected,delivered,bounced_hard,bounced_soft,bounced_block,complaints,unsubscribes',
  's1,news,gmail,2026-03-01T09:00:00Z,1000,990,5,3,2,1,2'].join('\n');

describe('live event stream', () => {
  let dir: string;
  let running: Running;
  const api = (path: string, init: { method?: string; token?: string | null; body?: string; type?: string } = {}) => fetch(`${running.url}${path}`, {
    method: init.method ?? 'GET',
    headers: { ...(init.token ? { authorization: `Bearer ${init.token}` } : {}), ...(init.type ? { 'content-type': init.type } : {}) },
    ...(init.body !== undefined ? { body: init.body } : {}),
  });

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'rebound-live-'));
    const config = loadConfig({ PORT: '0', REBOUND_DB: join(dir, 'store.duckdb'), REBOUND_DEMO: '0', REBOUND_TOKENS: `viewer:${VIEWER},admin:${ADMIN}` });
    running = await start(config, { scheduler: null, log: () => undefined });
  });
  afterEach(async () => {
    await running.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('opens only with a valid ticket or token, and a viewer may ask for one', async () => {
    expect((await api('/api/events/stream')).status).toBe(401);
    expect((await api('/api/events/stream?ticket=forged.ticket')).status).toBe(401);
    const expired = issueTicket('viewer', new Date(Date.now() - TICKET_TTL_MS - 1000)).ticket;
    expect((await api(`/api/events/stream?ticket=${expired}`)).status).toBe(401);
    // A ticket does not open any other route.
    const t = (await (await api('/api/events/ticket', { method: 'POST', token: VIEWER })).json()) as { ticket: string; expires_at: string };
    expect(Date.parse(t.expires_at) - Date.now()).toBeLessThanOrEqual(TICKET_TTL_MS);
    expect((await api(`/api/incidents?ticket=${t.ticket}`)).status).toBe(401);
    expect((await api('/api/events/ticket', { method: 'POST' })).status).toBe(401);

    const res = await api(`/api/events/stream?ticket=${encodeURIComponent(t.ticket)}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const first = await sseReader(res).next();
    expect(first.event).toBe('snapshot');
    expect(JSON.parse(first.data) as LiveSnapshot).toEqual({ evaluated_at: null, data_changed_at: null, last_ingest_run: null, source_run_at: null, incidents_changed_at: null, notifications: 0, suspects_changed_at: null });
    // A bearer token works too (for scripts).
    expect((await api('/api/events/stream', { token: VIEWER })).status).toBe(200);
  });

  it('pushes a change after an ingest and after an evaluation; opening it writes nothing', async () => {
    let commits = 0;
    running.services.db.onCommit(() => commits++);
    const t = (await (await api('/api/events/ticket', { method: 'POST', token: VIEWER })).json()) as { ticket: string };
    const stream = sseReader(await api(`/api/events/stream?ticket=${encodeURIComponent(t.ticket)}`));
    expect((await stream.next()).event).toBe('snapshot');
    expect(commits).toBe(0);

    expect((await api('/api/ingest?kind=sends', { method: 'POST', token: ADMIN, body: SENDS, type: 'text/csv' })).status).toBe(200);
    const afterIngest = await stream.next();
    expect(afterIngest.event).toBe('change');
    const change = JSON.parse(afterIngest.data) as LiveChange;
    expect(change.kinds).toContain('data');
    expect(change.snapshot.data_changed_at).not.toBeNull();

    const incident = { title: 'Wrong segment', kind: 'wrong_segment', severity: 'high', occurred_at: '2026-03-01T08:00:00Z', streams: ['news'] };
    expect((await api('/api/incidents', { method: 'POST', token: ADMIN, body: JSON.stringify(incident), type: 'application/json' })).status).toBe(201);
    expect((JSON.parse((await stream.next()).data) as LiveChange).kinds).toContain('incidents');
    expect((await api('/api/evaluate', { method: 'POST', token: ADMIN })).status).toBe(200);
    const evaluated = JSON.parse((await stream.next()).data) as LiveChange;
    expect(evaluated.kinds).toEqual(['evaluated']);
    expect(evaluated.snapshot.evaluated_at).not.toBeNull();
    await stream.close();
  });

  it('stops the server with a stream still open', async () => {
    const res = await api('/api/events/stream', { token: VIEWER });
    expect((await sseReader(res).next()).event).toBe('snapshot');
    await running.stop();
    // afterEach stops it again: make that a no-op by starting a fresh one.
    running = await start(loadConfig({ PORT: '0', REBOUND_DB: join(dir, 'other.duckdb'), REBOUND_DEMO: '0' }), { scheduler: null, log: () => undefined });
  });
});

describe('the hub looks once per burst of commits', () => {
  it('twenty commits within the throttle window give one change', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rebound-hub-'));
    const db = await Db.open(join(dir, 'store.duckdb'));
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const hub = new LiveHub(db, 500);
      await hub.current();
      const changes: LiveChange[] = [];
      const off = hub.subscribe({ change: (c) => changes.push(c), end: () => undefined });
      for (let i = 0; i < 20; i++) {
        await db.transaction((tx) => tx.run(`INSERT INTO ingest_runs (id, source, started_at, finished_at, status, rows_read, rows_stored, rows_duplicate, rows_rejected)
                                             VALUES ($1, 'burst', now()::TIMESTAMP, now()::TIMESTAMP, 'stored', 1, 1, 0, 0)`, [i + 1]));
      }
      expect(changes).toHaveLength(0);
      await vi.advanceTimersByTimeAsync(500);
      await vi.waitFor(() => expect(changes).toHaveLength(1));
      expect(changes[0]?.kinds).toEqual(['data']);
      expect(changes[0]?.snapshot.last_ingest_run).toBe(20);
      // Nothing more without a new commit.
      await vi.advanceTimersByTimeAsync(5_000);
      expect(changes).toHaveLength(1);
      off();
    } finally {
      vi.useRealTimers();
      db.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
