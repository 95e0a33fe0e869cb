// A load of the webhook journal that fails (the store's disk full, say) loses nothing: the posts were answered and
// stay on disk, readers stop waiting for them, and the next try loads them (docs/webhooks.md, "Answered once on
// disk"). The failure is injected into the store's load of a group; everything else is the real journal and store.
import { existsSync, readdirSync } from 'node:fs';
import { afterAll, describe, expect, it, vi } from 'vitest';
import type { EventRecord } from '../../server/ingest/webhooks/common.ts';
import { preparePost } from '../../server/ingest/webhooks/prepare-post.ts';
import { Db } from '../../server/store/db.ts';
import { journalDir } from '../../server/store/webhook-journal-files.ts';
import { journalOf } from '../../server/store/webhook-journal.ts';
import { counts, tempDir } from './helpers.ts';

const fault = vi.hoisted(() => ({ failures: 0, calls: 0, gate: null as Promise<void> | null }));
vi.mock('../../server/store/webhook-load.ts', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../server/store/webhook-load.ts')>();
  return {
    ...real,
    loadGroup: async (...args: Parameters<typeof real.loadGroup>) => {
      fault.calls++;
      if (fault.gate) await fault.gate;
      if (fault.failures > 0) {
        fault.failures--;
        throw new Error('IO Error: Could not write file "store.duckdb.wal": No space left on device');
      }
      return real.loadGroup(...args);
    },
  };
});

const tmp = tempDir('rebound-journal-retry-');
afterAll(() => tmp.cleanup());

const ev = (id: string): EventRecord => ({ event_id: id, type: 'delivery', timestamp: '2026-03-01T10:00:00.000Z', send_id: 's1', stream: 'news', provider: 'gmail' });

describe('a failed load of the webhook journal', () => {
  it('keeps the answered posts, lets readers go, and loads them at the next try', async () => {
    const db = await Db.open(tmp.path('retry.duckdb'));
    const errors: string[] = [];
    vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void errors.push(a.map(String).join(' ')));
    try {
      fault.failures = 2;
      const journal = journalOf(db);
      // Answered: the post is on disk although the store cannot take it.
      const kept = await journal.append('webhook:test', preparePost('test', [ev('r1'), ev('r2')], [], '2026-03-01T12:00:00.000Z'));
      await expect(kept.loaded).rejects.toThrow(/No space left on device/);
      // A reader does not wait for the next try.
      await journal.settled();
      expect((await counts(db)).events).toBe(0);
      // The tries go on (250 ms, then 500 ms) until the store takes them: once, whole.
      await vi.waitFor(async () => expect((await counts(db)).events).toBe(2), { timeout: 10_000, interval: 50 });
      expect(fault.calls).toBe(3);
      expect(await db.one('SELECT delivered FROM sends')).toEqual({ delivered: 2 });
      expect(errors.join('\n')).toMatch(/webhook journal: loading 1 post\(s\) of webhook:test into the store failed \(.*No space left on device.*\); they are kept on disk, next try in 250 ms/);
      expect(errors.join('\n')).toMatch(/next try in 500 ms/);
      // Readers wait for new posts again, now that loads succeed.
      const next = await journal.append('webhook:test', preparePost('test', [ev('r3')], [], '2026-03-01T12:00:01.000Z'));
      await journal.settled();
      expect((await counts(db)).events).toBe(3);
      expect(await next.loaded).toEqual({ stored: 1, duplicate: 0 });
    } finally {
      vi.restoreAllMocks();
      db.close();
    }
  });

  it('when the open cannot load what a stop left, the store still opens, and the server\'s journal loads it later', async () => {
    const path = tmp.path('leftover.duckdb');
    const first = await Db.open(path);
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    fault.failures = 1_000;
    const kept = await journalOf(first).append('webhook:test', preparePost('test', [ev('l1'), ev('l2')], [], '2026-03-01T12:00:00.000Z'));
    await expect(kept.loaded).rejects.toThrow(/No space left on device/);
    first.close();
    expect(readdirSync(journalDir(path))).toHaveLength(1);

    const notices: string[] = [];
    vi.spyOn(console, 'warn').mockImplementation((...a: unknown[]) => void notices.push(a.map(String).join(' ')));
    const db = await Db.open(path);
    try {
      expect(notices.join('\n')).toMatch(/webhook journal: 1 post\(s\) answered before the last stop could not be loaded yet \(.*No space left on device.*\); they stay in .*\.journal, and are tried again/);
      expect((await counts(db)).events).toBe(0);
      expect(readdirSync(journalDir(path))).toHaveLength(1);
      // The disk has room again; the server's journal takes the leftover up and loads it, then removes its file.
      fault.failures = 0;
      const journal = journalOf(db);
      await vi.waitFor(async () => expect((await counts(db)).events).toBe(2), { timeout: 10_000, interval: 50 });
      // A new post goes to a file numbered after the leftover's.
      await journal.append('webhook:test', preparePost('test', [ev('l3')], [], '2026-03-01T12:00:01.000Z'));
      expect(readdirSync(journalDir(path))).toEqual(['000000000002.ndjson']);
      await journal.close();
      expect((await counts(db)).events).toBe(3);
    } finally {
      vi.restoreAllMocks();
      db.close();
    }
    expect(existsSync(journalDir(path))).toBe(false);
  });

  it('makes a reader wait for the load under way, not only for the posts still queued', async () => {
    const db = await Db.open(tmp.path('in-flight.duckdb'));
    try {
      let open!: () => void;
      fault.gate = new Promise<void>((resolve) => (open = resolve));
      const calls = fault.calls;
      const journal = journalOf(db);
      await journal.append('webhook:test', preparePost('test', [ev('f1')], [], '2026-03-01T12:00:00.000Z'));
      // The load has taken the post off the queue and is held before its transaction.
      await vi.waitFor(() => expect(fault.calls).toBe(calls + 1), { timeout: 5_000, interval: 5 });
      let settled = false;
      const reader = journal.settled().then(() => (settled = true));
      await new Promise((r) => setTimeout(r, 100));
      expect(settled).toBe(false);
      open();
      fault.gate = null;
      await reader;
      expect((await counts(db)).events).toBe(1);
    } finally {
      fault.gate = null;
      db.close();
    }
  });
});
