// The embedded DuckDB file: opening it, applying migrations, and the few typed helpers every store module uses.
// All SQL in Rebound lives under server/store and takes its values as parameters, never by concatenation.
import { chmodSync, existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { DuckDBInstance, type DuckDBConnection, type DuckDBValue } from '@duckdb/node-api';
import { checkStore, type CheckReport } from './integrity.ts';
import { applyMigrations } from './migrate.ts';
import { StoreVersions, writtenTables } from './versions.ts';
import { replayJournal } from './webhook-journal-replay.ts';

/** Positional ($1…) or named ($name) parameters. */
export type Params = DuckDBValue[] | Record<string, DuckDBValue>;

// 512 MB keeps a 1 GB ingest (staging and merge spill to disk) well under 1 GiB of process memory, measured in
// BENCHMARKS.md; larger stores can raise it with REBOUND_DB_MEMORY.
export const DEFAULT_DB_MEMORY = '512MB';
export const MEMORY_PATTERN = /^\d+(\.\d+)?\s?(KB|MB|GB|KiB|MiB|GiB)$/i;
export type Row = Record<string, unknown>;

// DuckDB checkpoints on its own when the WAL reaches its checkpoint_threshold (16 MB by default), inside the commit
// that crosses it: that commit and every writer queued behind it waited 150–800 ms, which set the webhooks' p99
// (BENCHMARKS.md, Webhooks). Rebound checkpoints at the same WAL size itself, right after that commit has returned
// to its caller, so only the writers queued meanwhile wait, and crash recovery replays no more than before.
// DuckDB's own automatic checkpoint stays, at four times the size, as the safety net should one of ours fail.
export const CHECKPOINT_WAL_BYTES = 16 * 1024 * 1024;
const AUTOMATIC_CHECKPOINT_THRESHOLD = '64MB';

/** JS values of a DuckDB row as the API shows them: timestamps as RFC 3339 UTC, big integers as numbers. */
function plain(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'bigint') return Number(value);
  if (Array.isArray(value)) return value.map(plain);
  return value;
}

/** Statements on one connection: the shared autocommit one, or a transaction's. */
export class Sql {
  // Tables written by the open transaction of this connection: counted as changed once it ends (see track).
  private pending: Set<string> | null = null;

  constructor(
    readonly conn: DuckDBConnection,
    private readonly onClose?: (s: Sql) => void,
    readonly versions: StoreVersions = new StoreVersions(),
  ) {}

  async all<T = Row>(sql: string, params: Params = []): Promise<T[]> {
    const reader = await this.track(sql, () => this.conn.runAndReadAll(sql, params));
    return reader.getRowObjectsJS().map((r) => {
      const out: Row = {};
      for (const [k, v] of Object.entries(r)) out[k] = plain(v);
      return out as T;
    });
  }

  /**
   * The result column by column, each value as DuckDB's client gives it (a DOUBLE or INTEGER as a number, a VARCHAR
   * as a string, NULL as null; a BIGINT as a bigint and a TIMESTAMP as its own object, so cast those in the SQL):
   * for reads of many rows, which then build their own rows without the per-value conversions of all().
   */
  async columns(sql: string, params: Params = []): Promise<DuckDBValue[][]> {
    const reader = await this.track(sql, () => this.conn.runAndReadAll(sql, params));
    const columns = reader.getColumns();
    // No rows gives no columns at all: one empty array per column instead.
    return columns.length === reader.columnCount ? columns : Array.from({ length: reader.columnCount }, (_, i) => columns[i] ?? []);
  }

  async one<T = Row>(sql: string, params: Params = []): Promise<T | undefined> {
    return (await this.all<T>(sql, params))[0];
  }

  async run(sql: string, params: Params = []): Promise<number> {
    const result = await this.track(sql, () => this.conn.run(sql, params));
    return Number(result.rowsChanged);
  }

  /**
   * Runs one statement and bumps the store's versions of the tables it wrote once other connections can see the
   * write: right after it, or at the end of the transaction it belongs to. Bumping after a failure too is
   * harmless (a needless invalidation), and bumping before the data is visible is what must never happen: a
   * reader would cache the old data under the new version.
   */
  private async track<R>(sql: string, exec: () => Promise<R>): Promise<R> {
    const head = sql.trimStart().slice(0, 8).toUpperCase();
    if (head.startsWith('BEGIN') || head.startsWith('START')) {
      const out = await exec();
      this.pending = new Set();
      return out;
    }
    const commit = head.startsWith('COMMIT') || head.startsWith('END');
    if (commit || head.startsWith('ROLLBACK') || head.startsWith('ABORT')) {
      const written = this.pending;
      this.pending = null;
      try {
        return await exec();
      } finally {
        if (written && commit) this.versions.bump(written);
      }
    }
    const tables = writtenTables(sql);
    if (tables.length === 0) return exec();
    if (this.pending) {
      for (const t of tables) this.pending.add(t);
      return exec();
    }
    try {
      return await exec();
    } finally {
      this.versions.bump(tables);
    }
  }

  close(): void {
    this.conn.closeSync();
    this.onClose?.(this);
  }
}

export interface OpenOptions { loadJournal?: boolean }

export class Db extends Sql {
  // Sessions handed out and not closed yet (the webhook journal's loader keeps one for the life of the store): closed
  // with the store, so close() really lets go of the file.
  private readonly sessions = new Set<Sql>();
  private writeQueue: Promise<unknown> = Promise.resolve();
  private checkpointQueued = false;
  private readonly commitListeners = new Set<() => void>();
  private readonly closeListeners = new Set<() => void>();

  private constructor(
    readonly path: string,
    private readonly instance: DuckDBInstance,
    conn: DuckDBConnection,
    private readonly checkpointWalBytes: number,
  ) {
    super(conn, undefined, new StoreVersions());
  }

  /**
   * @param memoryLimit DuckDB's memory_limit: beyond it DuckDB spills to disk instead of growing. Its own default
   *   is 80% of RAM, too much for a monitor that shares its machine; see DEFAULT_DB_MEMORY.
   * @param checkpointWalBytes WAL size that triggers Rebound's checkpoint (tests lower it).
   * @param opts.loadJournal load the webhook posts a previous process left in the journal (default); `rebound
   *   check` opens without, so that it sees the store as it is and can repair what would make the load fail.
   */
  static async open(path: string, memoryLimit: string = DEFAULT_DB_MEMORY, checkpointWalBytes = CHECKPOINT_WAL_BYTES, opts: OpenOptions = {}): Promise<Db> {
    if (path !== ':memory:') {
      ownerOnlyFiles();
      mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    }
    // Read before DuckDB replays and so consumes it: a log left behind means the last process did not close cleanly.
    const replays = path !== ':memory:' && (statSync(`${path}.wal`, { throwIfNoEntry: false })?.size ?? 0) > 0;
    let instance: DuckDBInstance;
    try {
      instance = await DuckDBInstance.create(path);
    } catch (err) {
      throw new StoreLockedError(path, err);
    }
    // A store made before (or by another tool) keeps its mode otherwise.
    for (const f of path === ':memory:' ? [] : [path, `${path}.wal`]) if (existsSync(f)) chmodSync(f, 0o600);
    const db = new Db(path, instance, await utcConnection(instance), checkpointWalBytes);
    // A setting, not a value: it cannot be a parameter, so it is checked against a strict pattern first.
    if (!MEMORY_PATTERN.test(memoryLimit)) throw new Error(`invalid DuckDB memory limit ${memoryLimit}`);
    await db.run(`SET memory_limit = '${memoryLimit}'`);
    await db.run(`SET checkpoint_threshold = '${AUTOMATIC_CHECKPOINT_THRESHOLD}'`);
    if (replays) await checkpointReplayedLog(db);
    for (const notice of await applyMigrations(db)) console.warn(`store check (${path}): ${notice}`);
    // What a crash can have left (an unfinished run's rows brought back by DuckDB's log replay) is taken out before
    // anything reads the store, and said: docs/integrity.md.
    reportOpenCheck(path, await checkStore(db, { repair: true, full: false }));
    // Webhook posts answered before the last stop and not loaded yet (webhook-journal.ts), before anything reads.
    if (opts.loadJournal ?? true) for (const notice of await replayJournal(db)) console.warn(`store check (${path}): ${notice}`);
    return db;
  }

  /**
   * Caps DuckDB's worker threads (REBOUND_DB_THREADS). On a small machine shared with other work, a webhook group
   * commit's many small statements cost less CPU on one thread than on every core (docs/performance.md, "Webhooks");
   * large ingests and cold reads lose their parallelism, so it is a choice, not the default.
   */
  async limitThreads(threads: number): Promise<void> {
    // A setting, not a value: it cannot be a parameter, so it is checked to be a whole number first.
    if (!Number.isInteger(threads) || threads < 1) throw new Error(`invalid DuckDB thread count ${threads}`);
    await this.run(`SET threads = ${threads}`);
  }

  /** A connection of its own, for work with temporary tables (an ingest's staging). Close it when done. */
  async session(): Promise<Sql> {
    const s = new Sql(await utcConnection(this.instance), (closed) => this.sessions.delete(closed), this.versions);
    this.sessions.add(s);
    return s;
  }

  /**
   * Runs `fn` in a transaction, rolled back on any error, on `on` (a session) or a connection of its own.
   * Writers are queued: DuckDB's optimistic concurrency would abort one of two transactions touching the same
   * rows, and a queue is easier to reason about than a retry loop. Readers see only committed data meanwhile.
   */
  transaction<T>(fn: (tx: Sql) => Promise<T>, on?: Sql): Promise<T> {
    const work = async () => {
      const tx = on ?? (await this.session());
      try {
        await tx.run('BEGIN TRANSACTION');
        try {
          const out = await fn(tx);
          await tx.run('COMMIT');
          this.notifyCommit();
          return out;
        } catch (err) {
          // A failed COMMIT (the disk full, say) has already ended the transaction, and DuckDB then refuses the
          // ROLLBACK: the caller must see why the work failed, not that there was nothing left to roll back.
          await tx.run('ROLLBACK').catch(() => undefined);
          throw StoreIndexError.from(err) ?? err;
        }
      } finally {
        if (!on) tx.close();
      }
    };
    const next = this.writeQueue.then(work, work);
    this.writeQueue = next.catch(() => undefined);
    // Queued now, it runs after this transaction's caller has its answer (and after writers already queued).
    void next.then(() => this.checkpointIfDue(), () => undefined);
    return next;
  }

  /**
   * Calls `listener` after every committed transaction (the live event stream looks at what changed). It must be
   * cheap and must not throw; returns the function that removes it.
   */
  onCommit(listener: () => void): () => void {
    this.commitListeners.add(listener);
    return () => this.commitListeners.delete(listener);
  }

  private notifyCommit(): void {
    for (const l of this.commitListeners) {
      try {
        l();
      } catch {
        // A listener's failure is its own; the transaction has committed.
      }
    }
  }

  /** Bytes in the write-ahead log now (0 for an in-memory store, or once a checkpoint has emptied it). */
  walBytes(): number {
    return this.path === ':memory:' ? 0 : (statSync(`${this.path}.wal`, { throwIfNoEntry: false })?.size ?? 0);
  }

  /** Queues one CHECKPOINT behind the writers queued so far, when the WAL has reached checkpointWalBytes. */
  private checkpointIfDue(): void {
    let due: boolean;
    try {
      due = !this.checkpointQueued && this.walBytes() >= this.checkpointWalBytes;
    } catch {
      // The WAL cannot be read (permissions, the store removed): DuckDB's automatic checkpoint remains.
      due = false;
    }
    if (!due) return;
    this.checkpointQueued = true;
    const work = async () => {
      try {
        const s = await this.session();
        try {
          await s.run('CHECKPOINT');
        } finally {
          s.close();
        }
      } catch {
        // Refused (a transaction still open elsewhere), failed, or the store closed meanwhile: the WAL keeps its
        // data, a later commit tries again, and DuckDB's automatic checkpoint is the safety net.
      } finally {
        this.checkpointQueued = false;
      }
    };
    this.writeQueue = this.writeQueue.then(work, work);
  }

  /** Calls `listener` when the store closes, before its connections do (the webhook journal lets go of its files). */
  whenClosed(listener: () => void): void {
    this.closeListeners.add(listener);
  }

  override close(): void {
    for (const l of this.closeListeners) l();
    this.closeListeners.clear();
    for (const s of [...this.sessions]) s.close();
    super.close();
    this.instance.closeSync();
  }
}

/**
 * The store holds personal data (recipients): its files are the owner's only, like the credential file beside it
 * (docs/integrity.md). DuckDB creates the write-ahead log afresh after every checkpoint, with the process's
 * file-creation mask, so the mask is what makes the log 0600; a mode set once on the file would not last.
 */
function ownerOnlyFiles(): void {
  try {
    process.umask(process.umask() | 0o077);
  } catch {
    // Not allowed in a worker thread: the chmod at open still covers the store file.
  }
}

/**
 * DuckDB 1.5 replays a log into a secondary index (CREATE INDEX, not a PRIMARY KEY or UNIQUE constraint) lazily,
 * and the checkpoint it runs at close, having no connection to bind the index with, writes the index as it was
 * before the log: the next write to an indexed row then fails, in every process after (docs/integrity.md, "An index
 * a replay leaves stale"). A checkpoint on a connection binds every index first, so the replayed log is written
 * whole right here, before anything else runs. Should it fail (the disk full, say), the close must not checkpoint
 * either: the log stays, and the next open replays it again.
 */
async function checkpointReplayedLog(db: Db): Promise<void> {
  try {
    await db.run('FORCE CHECKPOINT');
  } catch (err) {
    await db.run('PRAGMA disable_checkpoint_on_shutdown');
    console.warn(`store check (${db.path}): the write-ahead log replayed at open could not be checkpointed (${err instanceof Error ? err.message : String(err)}); it is kept for the next open`);
  }
}

/** One line per finding of the open-time check, on stderr (the server's log); counts and run ids only. */
function reportOpenCheck(path: string, report: CheckReport): void {
  for (const f of report.findings) console.warn(`store check (${path}): ${f.message}`);
}

/** Every timestamp Rebound stores is UTC; the session zone is pinned so `now()::TIMESTAMP` is UTC too. */
async function utcConnection(instance: DuckDBInstance): Promise<DuckDBConnection> {
  const conn = await instance.connect();
  await conn.run(`SET TimeZone = 'UTC'`);
  return conn;
}

/** DuckDB allows one process per file; the message says so instead of DuckDB's raw lock error. */
export class StoreLockedError extends Error {
  constructor(readonly path: string, cause: unknown) {
    const detail = cause instanceof Error ? cause.message : String(cause);
    const holder = /PID (\d+)/.exec(detail)?.[1];
    super(
      holder
        ? `the store ${path} is held by another process (PID ${holder}); stop it, or run this command against its API`
        : `cannot open the store ${path}: ${detail}`,
    );
    this.name = 'StoreLockedError';
  }
}

/**
 * DuckDB's FATAL error when an index misses rows of its table (docs/integrity.md, "An index a replay leaves stale"):
 * raw, it names neither the cause nor what to do, and DuckDB refuses every later statement of the process.
 */
export class StoreIndexError extends Error {
  static from(err: unknown): StoreIndexError | undefined {
    const detail = err instanceof Error ? err.message : String(err);
    return /Failed to delete all rows from index/.test(detail) ? new StoreIndexError(detail.split('\n')[0] ?? detail, err) : undefined;
  }

  private constructor(detail: string, cause: unknown) {
    super(
      `the store's index no longer matches its table, so DuckDB refused this write and every later one of this process (${detail}); ` +
        'nothing of it was stored. Restart Rebound; if the error comes back, see docs/integrity.md, "An index a replay leaves stale"',
      { cause },
    );
    this.name = 'StoreIndexError';
  }
}
