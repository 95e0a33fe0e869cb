// A group of webhook posts into the store, in one transaction: their canonical rows staged and merged as a file's
// are (ingest-merge.ts: stored once by identity, rolled up into sends), the events kept in the quarantine and the
// signature tokens the posts claimed, the run recorded and the source's state. The posts come from the webhook
// journal (webhook-journal.ts), which has them on disk already; loading one twice changes nothing.
import type { EventRow } from '#shared/schema/inputs.ts';
import type { Db, Sql } from './db.ts';
import { mergeStaged, type MergeCounts, type Range } from './ingest-merge.ts';
import { finishRun, LARGE_RUN_ROWS, nextRunId, recordRun, releaseRun, startRun } from './ingest-runs.ts';
import { quarantine, type QuarantineInput } from './quarantine.ts';
import { recordSourceSuccess } from './sources.ts';
import { Staging } from './staging.ts';
import { saveTokens, type TokenClaim } from './webhook-tokens.ts';

// About 5 ms of staging on this machine (docs/performance.md, "Webhooks").
const YIELD_EVERY_ROWS = 1000;

/** A webhook post as it is kept and loaded: validated, nothing left to decide. */
export interface LoadablePost {
  /** Events in the post, good or bad: line N of the post is its N-th event. */
  size: number;
  rows: { row: EventRow; line: number }[];
  /** The post's events Rebound cannot use, as received, with their reason. */
  quarantine: QuarantineInput[];
  /** Signature tokens the post claimed (Mailgun): on disk exactly when its events are. */
  claims: readonly TokenClaim[];
  /** When the post was received (ISO 8601 UTC). */
  at: string;
}

/** What the load made of one post. */
export interface LoadedPost { stored: number; duplicate: number }

/**
 * Stages the posts' rows on `session` (a connection the journal keeps) and merges them in one transaction with the
 * run's record and the source's state; each post's own counts come back in order.
 */
export async function loadGroup(db: Db, session: Sql, source: string, posts: readonly LoadablePost[]): Promise<LoadedPost[]> {
  const at = posts.reduce((latest, p) => (p.at > latest ? p.at : latest), posts[0]?.at ?? new Date().toISOString());
  const held = posts.flatMap((p) => p.quarantine);
  const claims = posts.flatMap((p) => p.claims);
  const read = posts.reduce((n, p) => n + p.size, 0);
  if (read === 0) {
    // Posts without events (a Mailgun post the mapping ignores, say): their tokens and the source's last run only.
    await db.transaction(async (tx) => {
      await recordSourceSuccess(tx, source, at, 0);
      await saveTokens(tx, claims, at);
    }, session);
    return posts.map(() => ({ stored: 0, duplicate: 0 }));
  }
  const startedAt = new Date().toISOString();
  // Line N of the group is line N - offset of the post whose range holds it.
  const ranges: Range[] = [];
  // The send × provider pairs the rows touch: the roll-up's count of rows to update (send-rollup.ts); and whether
  // the event ids are distinct, which spares the merge its search for repeated identities (ingest-merge.ts).
  const pairs = new Set<string>();
  const ids = new Set<string>();
  let withoutId = 0;
  let offset = 0;
  // The staged rows' first and last timestamps: canonical ISO strings of one length, so they order as text.
  let first = '';
  let last = '';
  const staging = await Staging.create(session.conn, 'events');
  let sinceYield = 0;
  try {
    for (const p of posts) {
      ranges.push([offset + 1, offset + p.size]);
      // Staging runs on the main thread: a large group gives way now and then, so the posts arriving meanwhile are
      // answered in their usual time rather than after the whole group.
      if ((sinceYield += p.rows.length) >= YIELD_EVERY_ROWS) {
        sinceYield = 0;
        await new Promise((resolve) => setImmediate(resolve));
      }
      for (const { row, line } of p.rows) {
        staging.append(row, offset + line);
        if (first === '' || row.timestamp < first) first = row.timestamp;
        if (row.timestamp > last) last = row.timestamp;
        pairs.add(`${row.send_id}\u001f${row.provider}`);
        if (row.event_id === null) withoutId++;
        else ids.add(row.event_id);
      }
      offset += p.size;
    }
  } finally {
    staging.finish();
  }
  const staged = posts.map((p) => p.rows.length);
  const run = {
    source, kind: 'events', format: 'ndjson', started_at: startedAt, status: held.length > 0 ? 'partial' : 'stored',
    rows_read: read, rows_rejected: held.length, error: null,
  } as const;
  // A group is small and its run is recorded with its data; one large enough for DuckDB to write ahead of the
  // commit is recorded as running first, as a file's is (ingest-runs.ts).
  const total = staged.reduce((a, b) => a + b, 0);
  const started = total >= LARGE_RUN_ROWS ? await startRun(db, run) : null;
  let counts: MergeCounts;
  try {
    counts = await db.transaction(async (tx) => {
      const runId = started ?? (await nextRunId(tx));
      const c = await mergeStaged(tx, 'events', runId, { ranges, span: [first, last], stagedByRange: staged, pairs: pairs.size, distinctIds: withoutId === 0 && ids.size === total });
      const outcome = { ...run, rows_stored: c.stored, rows_duplicate: c.duplicate };
      await (started === null ? recordRun(tx, runId, outcome) : finishRun(tx, runId, outcome));
      await recordSourceSuccess(tx, source, at, c.stored);
      if (held.length > 0) await quarantine(tx, held, at);
      await saveTokens(tx, claims, at);
      return c;
    }, session);
  } catch (err) {
    if (started !== null) {
      const error = (err instanceof Error ? err.message : String(err)).slice(0, 2000);
      await db.transaction((tx) => finishRun(tx, started, { ...run, status: 'failed', rows_stored: 0, rows_duplicate: 0, error })).catch(() => undefined);
    }
    throw err;
  } finally {
    if (started !== null) releaseRun(db, started);
  }
  return posts.map((p, i) => {
    const stored = counts.storedByRange?.[i] ?? 0;
    return { stored, duplicate: p.rows.length - stored };
  });
}
