// Group commit for webhook posts. ESPs post small batches (SendGrid: up to a few hundred events) many times a
// second, and each post loaded on its own costs a whole staging + merge transaction. Here the posts that arrive
// while a load is under way wait, and the next load takes them all in one transaction; each post is answered
// only after the load that holds its events has committed, so a 2xx still means stored (nothing lost), and the
// answer carries that post's own counts and rejections (lines rebased to the post).
// Each post is validated when it arrives, while an earlier load commits; a load only stages and merges
// (group-load.ts), on a connection of its own kept from load to load.
import type { Db, Sql } from '../../store/db.ts';
import type { EventRecord, Origin } from './common.ts';
import type { TokenClaim } from '../../store/webhook-tokens.ts';
import { loadGroup, preparePost, type PostResult, type PreparedPost } from './group-load.ts';

export type { PostResult } from './group-load.ts';

interface Waiting { post: PreparedPost; resolve: (r: PostResult) => void; reject: (e: unknown) => void }

// One load takes at most this many events: bounded memory and transaction size under a burst.
const MAX_EVENTS_PER_LOAD = 50_000;
// How long a load waits for the posts it expects before it starts without them. Posts answered together come
// back together, but not in the same instant: without the wait the first of them went alone, or the clients split
// into two cohorts taking turns, two transactions where one does (BENCHMARKS.md, Webhooks). A few ms against the
// ~30 ms a load costs whatever its size.
const LINGER_MS = 10;

export class GroupCommit {
  private queue: Waiting[] = [];
  private loading = false;
  // Posts submitted and not answered yet, and their peak since the last load started: the concurrency the ESP
  // showed lately, which is what the next load waits for.
  private outstanding = 0;
  private peak = 0;
  private expected = 1;
  private wake: (() => void) | null = null;
  private session: Sql | null = null;

  constructor(
    private readonly db: Db,
    private readonly source: string,
    private readonly now: () => Date,
    private readonly lingerMs = LINGER_MS,
  ) {}

  /**
   * A post's events, with where each came from (kept as received if it has to be quarantined), and the signature
   * tokens it claimed (stored with its events).
   */
  submit(events: EventRecord[], origins: readonly Origin[] = [], claims: readonly TokenClaim[] = []): Promise<PostResult> {
    const post = preparePost(this.source.replace(/^webhook:/, ''), events, origins, claims);
    this.outstanding++;
    this.peak = Math.max(this.peak, this.outstanding);
    const answered = () => this.outstanding--;
    return new Promise((resolve, reject) => {
      this.queue.push({
        post,
        resolve: (r) => {
          answered();
          resolve(r);
        },
        reject: (e) => {
          answered();
          reject(e);
        },
      });
      if (this.wake && this.queue.length >= this.expected) this.wake();
      if (!this.loading) void this.drain();
    });
  }

  /** Waits until the expected number of posts is queued, or the linger time has passed. */
  private gather(): Promise<void> {
    if (this.queue.length >= this.expected) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wake = null;
        resolve();
      };
      const timer = setTimeout(done, this.lingerMs);
      this.wake = done;
    });
  }

  private async drain(): Promise<void> {
    this.loading = true;
    // Let the posts already on their way (same turn of the event loop) join the first load.
    await new Promise((resolve) => setImmediate(resolve));
    try {
      while (this.queue.length > 0) {
        await this.gather();
        const group: Waiting[] = [];
        let size = 0;
        while (this.queue.length > 0 && (group.length === 0 || size + (this.queue[0]?.post.size ?? 0) <= MAX_EVENTS_PER_LOAD)) {
          const next = this.queue.shift() as Waiting;
          group.push(next);
          size += next.post.size;
        }
        this.expected = Math.max(1, this.peak);
        this.peak = this.outstanding;
        await this.load(group);
      }
    } finally {
      this.loading = false;
    }
  }

  private async load(group: Waiting[]): Promise<void> {
    try {
      this.session ??= await this.db.session();
      const results = await loadGroup(this.db, this.session, this.source, this.now().toISOString(), group.map((w) => w.post));
      group.forEach((w, i) => w.resolve(results[i] as PostResult));
    } catch (err) {
      // A connection that failed mid-load is not trusted again; the next load opens a new one.
      this.session?.close();
      this.session = null;
      for (const w of group) w.reject(err);
    }
  }
}
