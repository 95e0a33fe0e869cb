// The webhook journal: where a webhook post is kept the moment it is answered (docs/webhooks.md, "Answered once
// on disk"). An ESP that is answered 200 never sends the post again, so the answer must wait until the post is on
// disk — but not for the column store's transaction: DuckDB's few statements per load cost the same for one post
// as for a hundred, and an ESP's clients wait for their answers, so waiting for the load made the load's time the
// rate (BENCHMARKS.md, Webhooks). Here a post's validated rows are appended to a log file beside the store and
// synced (fdatasync) before the post is answered; a loader moves what the log holds into the store in groups, in
// one transaction each (webhook-load.ts), while the next posts are read. A write to a full disk is undone and
// refused, so the post is not answered 200.
//
// Loading a post twice changes nothing (events are stored once by identity, quarantined events and tokens once by
// key), so a crash can come anywhere: the log files are removed only once everything in them is in the store, and
// what is left is loaded when the store is next opened (webhook-journal-replay.ts, called by Db.open), before
// anything reads it. A line cut off by a crash was never synced, so never answered: it is dropped, and said.
//
// Readers in the server wait for what was journaled before they asked (`settled`), so an answer to a post is
// followed by reads that see its events, as before.
import { closeSync, existsSync, fdatasync, mkdirSync, openSync, readdirSync, readFileSync, rmSync, statSync, truncate, write } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Db, Sql } from './db.ts';
import { journalDir, journalLine, nextGroup, readJournalLine, removeEmptyDir, SEGMENT_NAME, segmentName, syncDir } from './webhook-journal-files.ts';
import { loadGroup, type LoadablePost, type LoadedPost } from './webhook-load.ts';

const writeAsync = promisify(write);
const syncAsync = promisify(fdatasync);
const truncateAsync = promisify(truncate);

// A post waits for the loader before it is journaled while this many events are waiting to be loaded: the memory
// they hold is bounded, and an ESP that outpaces the store is slowed down rather than refused.
const MAX_BACKLOG_EVENTS = 500_000;
// A log file is closed for new posts at this size and removed once all its posts are in the store.
const SEGMENT_BYTES = 16 * 1024 ** 2;
// A failed load is tried again after this long, doubling up to the maximum (the disk full, say): the posts stay in
// the log meanwhile, and the loader says why in the server's log.
const RETRY_MS = 250;
const MAX_RETRY_MS = 30_000;

interface Segment { id: number; path: string; fd: number | null; bytes: number; pending: number }

interface Entry {
  source: string;
  post: LoadablePost;
  segment: Segment | null;
  loaded: Deferred<LoadedPost>;
  /** Settles (never rejects) once the entry has been through a load, stored or not. */
  tried: Deferred<void>;
}

interface Deferred<T> { promise: Promise<T>; resolve: (v: T) => void; reject: (e: unknown) => void; settled: boolean }

function deferred<T>(): Deferred<T> {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  const d: Deferred<T> = {
    promise, settled: false,
    resolve: (v) => {
      if (d.settled) return;
      d.settled = true;
      resolve(v);
    },
    reject: (e) => {
      if (d.settled) return;
      d.settled = true;
      reject(e);
    },
  };
  // Whoever does not wait for it (an ESP's post, answered once on disk) must not make it an unhandled rejection.
  promise.catch(() => undefined);
  return d;
}

/** A post on disk: `loaded` gives its counts once it is in the store (or the first load of it that failed). */
export interface Journaled { loaded: Promise<LoadedPost> }

export class WebhookJournal {
  private readonly dir: string | null;
  private current: Segment | null = null;
  private nextSegment = 1;
  private readonly segments = new Map<number, Segment>();
  // Posts being written, and those on disk waiting for the loader.
  private writes: { entry: Entry; line: Buffer; done: Deferred<void> }[] = [];
  private flushing = false;
  private queue: Entry[] = [];
  // The posts of the load under way: taken off the queue, not in the store yet.
  private loadingNow: Entry[] = [];
  private backlog = 0;
  private loading: Promise<void> | null = null;
  private session: Sql | null = null;
  private failures = 0;
  // Settled after every load, stored or failed: what a post held back by the backlog waits for.
  private nextTry = deferred<void>();
  private retry: NodeJS.Timeout | null = null;
  private closed = false;

  constructor(private readonly db: Db) {
    this.dir = db.path === ':memory:' ? null : journalDir(db.path);
    this.takeUpLeftovers();
  }

  /**
   * Posts the store's open could not load (webhook-journal-replay.ts) are loaded by this journal's loader, tried
   * again until they are in, and their files removed then; new files are numbered after theirs.
   */
  private takeUpLeftovers(): void {
    if (this.dir === null || !statSync(this.dir, { throwIfNoEntry: false })?.isDirectory()) return;
    for (const name of readdirSync(this.dir).filter((f) => SEGMENT_NAME.test(f)).sort()) {
      const id = Number(name.slice(0, 12));
      const path = join(this.dir, name);
      const posts = readFileSync(path, 'utf8').split('\n').map(readJournalLine).filter((p) => p !== null);
      const segment: Segment = { id, path, fd: null, bytes: 0, pending: posts.length };
      this.segments.set(id, segment);
      this.nextSegment = Math.max(this.nextSegment, id + 1);
      for (const { source, post } of posts) {
        this.queue.push({ source, post, segment, loaded: deferred(), tried: deferred() });
        this.backlog += post.size;
      }
    }
    this.kick();
  }

  /**
   * Writes the post to the log and syncs it; resolves once it is on disk (then the post may be answered). The
   * loader takes it into the store next.
   */
  async append(source: string, post: LoadablePost): Promise<Journaled> {
    if (this.closed) throw new Error('the webhook journal is closed');
    while (this.backlog > MAX_BACKLOG_EVENTS) await this.nextTry.promise;
    const entry: Entry = { source, post, segment: null, loaded: deferred(), tried: deferred() };
    const done = deferred<void>();
    this.writes.push({ entry, line: journalLine(source, post), done });
    if (!this.flushing) void this.flush();
    await done.promise;
    return { loaded: entry.loaded.promise };
  }

  /**
   * Resolves once every post on disk now has been through a load (stored, or the load failed and will be retried).
   * While loads are failing it resolves at once: a reader then sees the store as it is rather than waiting for the
   * next try.
   */
  settled(): Promise<void> {
    if (this.failures > 0) return Promise.resolve();
    const waiting = [...this.loadingNow, ...this.queue, ...this.writes.map((w) => w.entry)];
    if (waiting.length === 0) return Promise.resolve();
    return Promise.all(waiting.map((e) => e.tried.promise)).then(() => undefined);
  }

  /**
   * Loads what is waiting, then lets go of the log: removed when everything is in the store, kept for the next
   * open otherwise (a load failing at shutdown).
   */
  async close(): Promise<void> {
    while (this.writes.length > 0 || this.flushing) await new Promise((r) => setTimeout(r, 5));
    this.closed = true;
    if (this.retry) clearTimeout(this.retry);
    this.retry = null;
    if (this.failures === 0 && this.queue.length > 0 && !this.loading) this.kick();
    await this.loading;
    this.release();
  }

  /** Closes the files without loading (the store is closing): what is on disk is loaded at the next open. */
  release(): void {
    this.closed = true;
    if (this.retry) clearTimeout(this.retry);
    for (const s of this.segments.values()) {
      if (s.fd !== null) closeSync(s.fd);
      s.fd = null;
    }
    this.current = null;
    for (const e of this.queue) {
      e.loaded.reject(new Error('the store closed before the post was loaded; it is kept in the journal for the next open'));
      e.tried.resolve();
    }
    for (const s of [...this.segments.values()]) this.removeIfLoaded(s);
    // Everything loaded: no journal is left beside the store.
    if (this.dir !== null && this.segments.size === 0) removeEmptyDir(this.dir);
    this.session?.close();
    this.session = null;
  }

  private async flush(): Promise<void> {
    this.flushing = true;
    // Posts that arrived in the same turn share the first write and its sync.
    await new Promise((resolve) => setImmediate(resolve));
    try {
      while (this.writes.length > 0) {
        const batch = this.writes.splice(0);
        try {
          const segment = this.dir === null ? null : this.open();
          if (segment) await this.writeAndSync(segment, batch.map((w) => w.line));
          for (const w of batch) {
            w.entry.segment = segment;
            if (segment) segment.pending++;
            this.queue.push(w.entry);
            this.backlog += w.entry.post.size;
            w.done.resolve();
          }
          this.kick();
        } catch (err) {
          console.error(`webhook journal: ${batch.length} post(s) could not be written to ${this.dir} (${err instanceof Error ? err.message : String(err)}); they were refused`);
          for (const w of batch) {
            w.done.reject(err);
            w.entry.tried.resolve();
          }
        }
      }
    } finally {
      this.flushing = false;
    }
  }

  /** The log file new posts go to; a new one once it has grown to SEGMENT_BYTES. */
  private open(): Segment {
    const dir = this.dir as string;
    if (this.current && this.current.bytes < SEGMENT_BYTES && this.current.fd !== null) return this.current;
    if (this.current) this.retire(this.current);
    if (!existsSync(dir)) {
      mkdirSync(dir, { recursive: true, mode: 0o700 });
      syncDir(join(dir, '..'));
    }
    const id = this.nextSegment++;
    const path = join(dir, segmentName(id));
    const segment: Segment = { id, path, fd: openSync(path, 'a', 0o600), bytes: 0, pending: 0 };
    // The new file's name must survive a crash as well as its contents.
    syncDir(dir);
    this.segments.set(id, segment);
    this.current = segment;
    return segment;
  }

  private async writeAndSync(segment: Segment, lines: Buffer[]): Promise<void> {
    const fd = segment.fd as number;
    const data = lines.length === 1 ? (lines[0] as Buffer) : Buffer.concat(lines);
    try {
      let at = 0;
      while (at < data.length) at += (await writeAsync(fd, data, at, data.length - at)).bytesWritten;
      await syncAsync(fd);
      segment.bytes += data.length;
    } catch (err) {
      // Undo a partial write, so the next post does not follow half a line; if even that fails, the file takes no
      // more posts (its cut-off last line is dropped at the next open, never having been answered).
      await truncateAsync(segment.path, segment.bytes).catch(() => this.retire(segment));
      throw err;
    }
  }

  /** The file takes no more posts; it goes once its posts are in the store. */
  private retire(segment: Segment): void {
    if (segment.fd !== null) closeSync(segment.fd);
    segment.fd = null;
    if (this.current === segment) this.current = null;
    this.removeIfLoaded(segment);
  }

  private removeIfLoaded(segment: Segment): void {
    if (segment.pending > 0 || segment.fd !== null) return;
    rmSync(segment.path, { force: true });
    this.segments.delete(segment.id);
  }

  private kick(): void {
    if (this.loading || this.retry || this.queue.length === 0) return;
    this.loading = this.load().finally(() => {
      this.loading = null;
      if (!this.closed || this.failures === 0) this.kick();
    });
  }

  /** Loads what is waiting, a group of one source's posts at a time. */
  private async load(): Promise<void> {
    // Posts that arrived in the same turn join the first load.
    await new Promise((resolve) => setImmediate(resolve));
    while (this.queue.length > 0) {
      const { source, group, rest } = nextGroup(this.queue);
      this.queue = rest;
      this.loadingNow = group;
      const tried = this.nextTry;
      this.nextTry = deferred();
      try {
        this.session ??= await this.db.session();
        const results = await loadGroup(this.db, this.session, source, group.map((e) => e.post));
        this.failures = 0;
        this.loadingNow = [];
        tried.resolve();
        group.forEach((e, i) => {
          this.backlog -= e.post.size;
          e.loaded.resolve(results[i] as LoadedPost);
          e.tried.resolve();
          if (e.segment) {
            e.segment.pending--;
            this.removeIfLoaded(e.segment);
          }
        });
      } catch (err) {
        // A connection that failed mid-load is not trusted again; the posts go back to the front, in order.
        this.session?.close();
        this.session = null;
        this.queue.unshift(...group);
        this.loadingNow = [];
        this.failures++;
        tried.resolve();
        for (const e of group) {
          e.loaded.reject(err);
          e.tried.resolve();
        }
        // The store closed under the load: what is left is on disk for the next open, which loads it.
        if (this.closed) return;
        const wait = Math.min(MAX_RETRY_MS, RETRY_MS * 2 ** (this.failures - 1));
        console.error(`webhook journal: loading ${group.length} post(s) of ${source} into the store failed (${err instanceof Error ? err.message : String(err)}); they are kept on disk, next try in ${wait} ms`);
        // Readers stop waiting for these posts until the next try; the next posts will wait for it.
        for (const e of group) e.tried = deferred();
        this.retry = setTimeout(() => {
          this.retry = null;
          this.kick();
        }, wait);
        this.retry.unref();
        return;
      }
    }
  }
}

const journals = new WeakMap<Db, WebhookJournal>();

/** The store's journal, created on first use (the webhook routes, the replay commands). */
export function journalOf(db: Db): WebhookJournal {
  let j = journals.get(db);
  if (!j) {
    const journal = new WebhookJournal(db);
    journals.set(db, journal);
    db.whenClosed(() => journal.release());
    j = journal;
  }
  return j;
}

/** The store's journal if anything has used it. */
export const existingJournal = (db: Db): WebhookJournal | undefined => journals.get(db);
