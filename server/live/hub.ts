// What the live event stream pushes: after a commit, a look at the store's watermarks, and to every subscriber the
// kinds that moved (an evaluation, an ingest or pull, an incident, an alert). Looking is throttled — one look per
// THROTTLE_MS however many commits (a webhook burst commits many times a second) — and only happens while someone
// is subscribed. The commit hook catches every writer alike: API, scheduler, webhooks, pulls, CLI through the API.
import { changedKinds, type LiveChange, type LiveSnapshot } from '#shared/schema/live.ts';
import type { Db } from '../store/db.ts';
import { liveSnapshot } from '../store/live.ts';

// Half a second: a page updates within a second of the commit, and a burst of commits costs two looks a second.
export const THROTTLE_MS = 500;

export interface Listener {
  change: (change: LiveChange) => void;
  /** The server is stopping: end the stream (an open stream would hold the HTTP server's close forever). */
  end: () => void;
}

export class LiveHub {
  private readonly listeners = new Set<Listener>();
  private last: LiveSnapshot | null = null;
  private timer: NodeJS.Timeout | null = null;
  private unhook: (() => void) | null = null;
  private looking: Promise<void> = Promise.resolve();
  private ended = false;

  constructor(private readonly db: Db, private readonly throttleMs = THROTTLE_MS) {}

  /** The store's watermarks now (what a new subscriber is told first). */
  async current(): Promise<LiveSnapshot> {
    const snap = await liveSnapshot(this.db);
    this.last ??= snap;
    return snap;
  }

  subscribe(listener: Listener): () => void {
    // A stream that subscribes after the server began to stop (it was still reading its first snapshot) ends at once.
    if (this.ended) {
      queueMicrotask(() => listener.end());
      return () => undefined;
    }
    this.listeners.add(listener);
    this.unhook ??= this.db.onCommit(() => this.schedule());
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size > 0) return;
      this.unhook?.();
      this.unhook = null;
      if (this.timer) clearTimeout(this.timer);
      this.timer = null;
      // Nobody watches: the next subscriber starts from the store as it is then.
      this.last = null;
    };
  }

  get subscribers(): number {
    return this.listeners.size;
  }

  private schedule(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      // Looks run one after another, so two never compare against the same `last`.
      this.looking = this.looking.then(() => this.look());
    }, this.throttleMs);
    this.timer.unref();
  }

  private async look(): Promise<void> {
    if (this.listeners.size === 0) return;
    let now: LiveSnapshot;
    try {
      now = await liveSnapshot(this.db);
    } catch {
      // The store is closing or failed to read: the next commit looks again.
      return;
    }
    const before = this.last;
    this.last = now;
    const kinds = before ? changedKinds(before, now) : [];
    if (kinds.length === 0) return;
    for (const l of [...this.listeners]) l.change({ kinds, snapshot: now });
  }

  /** Ends every stream, and any that subscribes later (the server is stopping). */
  endAll(): void {
    this.ended = true;
    for (const l of [...this.listeners]) l.end();
  }
}

const hubs = new WeakMap<Db, LiveHub>();

/** Ends the streams on this store, and refuses new ones (server shutdown). */
export function endStreams(db: Db): void {
  hubFor(db).endAll();
}

/** One hub per store, shared by every stream on it. */
export function hubFor(db: Db): LiveHub {
  let hub = hubs.get(db);
  if (!hub) {
    hub = new LiveHub(db);
    hubs.set(db, hub);
  }
  return hub;
}
