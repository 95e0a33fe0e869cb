// The webhook journal's files (webhook-journal.ts): a directory beside the store, `<store>.journal/`, of numbered
// log files, one JSON line per post — its ESP and the post as the store loads it (webhook-load.ts). A line is whole
// or was cut off by a crash; JSON escapes every newline inside a value, so a newline ends exactly one post.
import { closeSync, fdatasyncSync, openSync, rmdirSync } from 'node:fs';
import type { LoadablePost } from './webhook-load.ts';

// The line format: a change to it needs a new version, read beside the old one.
const VERSION = 1;

// One load takes at most this many events: bounded memory and transaction size under a burst, and at open.
export const MAX_EVENTS_PER_LOAD = 50_000;

/** A post as the journal keeps it. */
export interface JournalPost { source: string; post: LoadablePost }

/** The journal's directory beside a store file. */
export const journalDir = (storePath: string) => `${storePath}.journal`;

export const segmentName = (id: number) => `${String(id).padStart(12, '0')}.ndjson`;
export const SEGMENT_NAME = /^\d{12}\.ndjson$/;

/** The post's line, newline included: only what the load needs, whatever else the caller's object carries. */
export function journalLine(source: string, { size, rows, quarantine, claims, at }: LoadablePost): Buffer {
  return Buffer.from(`${JSON.stringify({ v: VERSION, source, post: { size, rows, quarantine, claims, at } })}\n`);
}

/**
 * The next load out of posts waiting in order: the oldest post's ESP, its posts in order up to MAX_EVENTS_PER_LOAD
 * events (at least one); the rest keep their order. The server's loader and the load at open group alike.
 */
export function nextGroup<T extends JournalPost>(waiting: readonly T[]): { source: string; group: T[]; rest: T[] } {
  const source = (waiting[0] as T).source;
  const group: T[] = [];
  const rest: T[] = [];
  let size = 0;
  let full = false;
  for (const e of waiting) {
    full ||= e.source === source && group.length > 0 && size + e.post.size > MAX_EVENTS_PER_LOAD;
    if (e.source !== source || full) rest.push(e);
    else {
      group.push(e);
      size += e.post.size;
    }
  }
  return { source, group, rest };
}

/** A line read back; null for one that cannot be read. */
export function readJournalLine(line: string): JournalPost | null {
  try {
    const r = JSON.parse(line) as { v?: unknown; source?: unknown; post?: Partial<LoadablePost> };
    if (r.v !== VERSION || typeof r.source !== 'string' || !r.post || !Array.isArray(r.post.rows)) return null;
    return { source: r.source, post: r.post as LoadablePost };
  } catch {
    return null;
  }
}

/** Removes the journal's directory if it is one and empty (a file kept for a person stays, and so does it). */
export function removeEmptyDir(dir: string): void {
  try {
    rmdirSync(dir);
  } catch {
    // Not there, not empty, or not a directory: nothing to remove.
  }
}

/** Makes a directory's entries (a file created or removed in it) durable. */
export function syncDir(dir: string): void {
  try {
    const fd = openSync(dir, 'r');
    try {
      fdatasyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // Some file systems cannot sync a directory; the file's own sync still holds its data.
  }
}
