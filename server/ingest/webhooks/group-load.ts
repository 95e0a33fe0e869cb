// The two halves of a webhook post's way into the store, split so that the slow half of the JavaScript is off the
// commit's path (BENCHMARKS.md, Webhooks): `preparePost` validates a post's events as soon as it arrives (while
// an earlier load is committing), and `loadGroup` only stages the canonical rows of a group of posts and merges
// them in one transaction. Validation is the events schema's, as for any file (the same rows, the same reasons);
// the merge is the files' merge (ingest-merge.ts), with the run recorded as before.
import type { EventRow } from '#shared/schema/inputs.ts';
import type { Sql, Db } from '../../store/db.ts';
import { mergeStaged, type MergeCounts, type Range } from '../../store/ingest-merge.ts';
import { finishRun, LARGE_RUN_ROWS, nextRunId, recordRun, releaseRun, startRun } from '../../store/ingest-runs.ts';
import { quarantine, type QuarantineInput } from '../../store/quarantine.ts';
import { recordSourceSuccess } from '../../store/sources.ts';
import { Staging } from '../../store/staging.ts';
import { saveTokens, type TokenClaim } from '../../store/webhook-tokens.ts';
import type { Rejection } from '../intake.ts';
import { fastEventRow } from '../event-fast.ts';
import { checkRecord } from '../validate.ts';
import type { EventRecord, Origin } from './common.ts';
import { ESPS } from './fallbacks.ts';

export interface PreparedPost {
  /** Events in the post, good or bad: line N of the post is its N-th event. */
  size: number;
  rows: { row: EventRow; line: number }[];
  rejections: Rejection[];
  /** The rejected events as received, kept in the quarantine by the load's transaction. */
  quarantine: QuarantineInput[];
  /** Signature tokens the post claimed (Mailgun), stored by the load's transaction: on disk exactly when its events are. */
  claims: readonly TokenClaim[];
}

export interface PostResult { stored: number; duplicate: number; quarantined: number; rejections: Rejection[] }

/**
 * A record as a JSON body would give it to the schema: absent fields are left out, and a number JSON cannot carry
 * (NaN, Infinity would become null, which means absent) too.
 */
function asJson(e: EventRecord): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(e)) {
    if (v !== undefined && (typeof v !== 'number' || Number.isFinite(v))) out[k] = v;
  }
  return out;
}

/** The schema's reason, and where a fallback was missing, the setting that adds one. */
function quarantineReason(esp: string, reason: string): string {
  const missing = ['stream', 'send_id'].filter((f) => new RegExp(`(^|; )${f}: is required`).test(reason));
  if (missing.length === 0 || !(ESPS as readonly string[]).includes(esp)) return reason;
  const vars = missing.map((f) => `${esp.toUpperCase()}_WEBHOOK_${f === 'stream' ? 'STREAM' : 'SEND_ID'}`).join(' or ');
  return `${reason} (no fallback gave a value: set ${vars}, docs/webhooks.md)`;
}

/** Validates a post's events; those the schema refuses are kept for the quarantine with `origins[i]`, as received. */
export function preparePost(esp: string, events: EventRecord[], origins: readonly Origin[], claims: readonly TokenClaim[] = []): PreparedPost {
  const post: PreparedPost = { size: events.length, rows: [], rejections: [], quarantine: [], claims };
  events.forEach((e, i) => {
    const fields = asJson(e);
    // The fast path vouches for nearly every record; the rest, and every rejection, are zod's (event-fast.ts).
    const fast = fastEventRow(fields);
    const checked = fast ? ({ ok: true, row: fast } as const) : checkRecord('events', 'ndjson', fields);
    if (checked.ok) post.rows.push({ row: checked.row, line: i + 1 });
    else {
      const reason = quarantineReason(esp, checked.reason);
      post.rejections.push({ line: i + 1, reason });
      const origin = origins[i];
      post.quarantine.push({ esp, reason, payload: JSON.stringify(origin?.payload ?? null), item: origin?.item ?? 0 });
    }
  });
  return post;
}

/**
 * Stages the posts' rows on `session` (a connection the group commit keeps) and merges them in one transaction
 * with the run's record and the source's state; each post's own counts and rejections come back in order.
 */
export async function loadGroup(db: Db, session: Sql, source: string, at: string, posts: readonly PreparedPost[]): Promise<PostResult[]> {
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
  try {
    for (const p of posts) {
      ranges.push([offset + 1, offset + p.size]);
      for (const { row, line } of p.rows) {
        staging.append(row, offset + line);
        if (first === '' || row.timestamp < first) first = row.timestamp;
        if (row.timestamp > last) last = row.timestamp;
        pairs.add(JSON.stringify([row.send_id, row.provider]));
        if (row.event_id === null) withoutId++;
        else ids.add(row.event_id);
      }
      offset += p.size;
    }
  } finally {
    staging.finish();
  }
  const staged = posts.map((p) => p.rows.length);
  const rejected = posts.reduce((n, p) => n + p.rejections.length, 0);
  const run = {
    source, kind: 'events', format: 'ndjson', started_at: startedAt, status: rejected > 0 ? 'partial' : 'stored',
    rows_read: offset, rows_rejected: rejected, error: null,
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
      const held = posts.flatMap((p) => p.quarantine);
      if (held.length > 0) await quarantine(tx, held, at);
      await saveTokens(tx, posts.flatMap((p) => p.claims), at);
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
    return { stored, duplicate: p.rows.length - stored, quarantined: p.rejections.length, rejections: p.rejections };
  });
}
