// Answers of the hot dashboard reads, kept in memory as the exact bytes the uncached path would send, keyed by the
// versions of the tables they are computed from (server/store/versions.ts). Concurrent readers of an answer that
// is out of date share one computation; a write to an input table makes the next reader compute it again. Nothing
// here writes to the store. docs/performance.md says which reads are cached and what each one reads.
import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { gzip as gzipCb } from 'node:zlib';
import type { Services } from '../context.ts';
import type { Db } from '../store/db.ts';

const gzip = promisify(gzipCb);

// Enough for a few hundred incidents' recoveries (the demo's is 330 KB, 40 KB gzipped); beyond it the least
// recently read answers are dropped and computed again when asked for.
export const READ_CACHE_BYTES = 64 * 1024 * 1024;

/** One answer: its JSON, the same gzipped, and a strong ETag for each (they are different representations). */
export interface CachedAnswer {
  body: Uint8Array<ArrayBuffer>;
  gzip: Uint8Array<ArrayBuffer>;
  etag: string;
  gzipEtag: string;
}

interface Entry {
  stamp: string;
  answer: Promise<CachedAnswer>;
  bytes: number;
}

/** The JSON text exactly as `c.json(value)` sends it, with its gzip and ETags. */
export async function answerOf(value: unknown): Promise<CachedAnswer> {
  const body = new TextEncoder().encode(JSON.stringify(value));
  const hash = createHash('sha256').update(body).digest('base64url').slice(0, 32);
  return { body, gzip: new Uint8Array(await gzip(body)), etag: `"${hash}"`, gzipEtag: `"${hash}-gz"` };
}

export class ReadCache {
  private readonly entries = new Map<string, Entry>();
  private bytes = 0;

  constructor(private readonly db: Db, private readonly budgetBytes = READ_CACHE_BYTES) {}

  /**
   * The answer for `key`, computed by `compute` from tables `inputs` only. The versions are read before the
   * computation starts, so a write that lands meanwhile leaves the entry already out of date, never stale.
   */
  get(key: string, inputs: readonly string[], compute: () => Promise<unknown>): Promise<CachedAnswer> {
    const stamp = this.db.versions.stamp(inputs);
    const found = this.entries.get(key);
    if (found && found.stamp === stamp) {
      // Re-inserted: the Map's order is the order of last use, oldest first.
      this.entries.delete(key);
      this.entries.set(key, found);
      return found.answer;
    }
    if (found) this.forget(key, found);
    const entry: Entry = { stamp, answer: compute().then(answerOf), bytes: 0 };
    this.entries.set(key, entry);
    entry.answer.then(
      (a) => {
        if (this.entries.get(key) !== entry) return;
        entry.bytes = a.body.length + a.gzip.length;
        this.bytes += entry.bytes;
        this.evict();
      },
      // A failure (a 404, a store error) is not kept: the next reader asks again.
      () => {
        if (this.entries.get(key) === entry) this.forget(key, entry);
      },
    );
    return entry.answer;
  }

  /** Cached bytes now (answers still being computed count once they are done). */
  get size(): number {
    return this.bytes;
  }

  private forget(key: string, entry: Entry): void {
    this.entries.delete(key);
    this.bytes -= entry.bytes;
  }

  private evict(): void {
    for (const [key, entry] of this.entries) {
      if (this.bytes <= this.budgetBytes) return;
      if (entry.bytes > 0) this.forget(key, entry);
    }
  }
}

const caches = new WeakMap<Db, ReadCache>();

/** The store's read cache (one per open store), or null when REBOUND_READ_CACHE=0 turns caching off. */
export function readCacheOf(s: Services): ReadCache | null {
  if (!s.config.readCache) return null;
  let cache = caches.get(s.db);
  if (!cache) caches.set(s.db, (cache = new ReadCache(s.db)));
  return cache;
}
