// One input (file, upload or request body) → validated rows → staging → one atomic merge. A bad record rejects
// the whole input unless skipBad; every rejection is listed with its line and reason.
import { createReadStream, statSync } from 'node:fs';
import { Readable } from 'node:stream';
import { detectKind, INPUT_KINDS, type InputKind } from '../../shared/schema/inputs.ts';
import type { Db, Sql } from '../store/db.ts';
import { dropLines, findConflicts, mergeStaged, type Range } from '../store/ingest-merge.ts';
import { nextRunId, recordRun, type NewRun } from '../store/ingest-runs.ts';
import { Staging } from '../store/staging.ts';
import { detectNativeReputation } from './reputation/native.ts';
import { csvRecords, formatFromContent, formatFromName, ndjsonRecords, type Format, type RawRecord } from './records.ts';
import { checkRecord } from './validate.ts';

// Rejections are listed in full up to this many; beyond it (a wholly wrong multi-gigabyte file) only counted,
// so a bad input cannot exhaust memory through its own error list.
export const MAX_LISTED_REJECTIONS = 10_000;

export interface Rejection { line: number; reason: string }
export interface IngestProgress { bytes: number; totalBytes: number | null; records: number }
export interface IngestOptions {
  kind?: InputKind;
  format?: Format;
  skipBad?: boolean;
  onProgress?: (p: IngestProgress) => void;
  totalBytes?: number;
  /** Line ranges of the requests a group commit combined: the result says how many events each stored. */
  ranges?: readonly Range[];
  /** More work for the merge's own transaction, given the rows stored (a webhook's source state: one commit, not two). */
  inMerge?: (tx: Sql, stored: number) => Promise<void>;
}
export interface IngestResult {
  source: string;
  run_id: number;
  kind: InputKind | null;
  format: Format | null;
  status: 'stored' | 'partial' | 'rejected';
  read: number;
  stored: number;
  duplicate: number;
  rejected: number;
  rejections: Rejection[];
  rejections_not_listed: number;
  /** With `ranges`: stored events per range. */
  stored_by_range?: number[];
}

/** The input as a whole cannot be loaded (empty, unknown kind, not CSV or NDJSON). */
export class IngestError extends Error {
  constructor(readonly source: string, readonly reason: string, readonly field?: string) {
    super(`${source}: ${reason}`);
    this.name = 'IngestError';
  }
}

const PROGRESS_EVERY = 10_000;

/** Reads the first chunk to sniff the format, then replays it ahead of the rest, counting bytes on the way. */
async function sniff(input: Readable, onBytes: (n: number) => void): Promise<{ head: Buffer; stream: Readable }> {
  const it = (input as AsyncIterable<Buffer | string>)[Symbol.asyncIterator]();
  const first = await it.next();
  const head = first.done ? Buffer.alloc(0) : Buffer.from(first.value);
  async function* replay(): AsyncGenerator<Buffer> {
    if (head.length) {
      onBytes(head.length);
      yield head;
    }
    for (;;) {
      const next = await it.next();
      if (next.done) return;
      const buf = Buffer.from(next.value);
      onBytes(buf.length);
      yield buf;
    }
  }
  return { head, stream: Readable.from(replay(), { objectMode: false }) };
}

function resolveKind(source: string, fields: string[], wanted: InputKind | undefined): InputKind {
  const detected = detectKind(fields);
  if (wanted && detected && wanted !== detected) {
    throw new IngestError(source, `this looks like ${detected} data, not ${wanted} (its fields: ${fields.join(', ')})`, 'kind');
  }
  const kind = wanted ?? detected;
  if (!kind) {
    throw new IngestError(
      source,
      `cannot tell what this holds from its fields (${fields.slice(0, 12).join(', ')}); expected events, send summaries, seed tests or reputation data (SPEC 3), or pass --kind ${INPUT_KINDS.join('|')}`,
      'kind',
    );
  }
  return kind;
}

export async function ingestStream(db: Db, source: string, input: Readable, opts: IngestOptions = {}): Promise<IngestResult> {
  const startedAt = new Date().toISOString();
  let bytes = 0;
  const { head, stream } = await sniff(input, (n) => (bytes += n));
  if (head.length === 0) throw await refuse(db, source, startedAt, null, opts.format ?? null, 'the input is empty: no records');
  if (head.includes(0)) throw await refuse(db, source, startedAt, null, null, 'this is a binary file, not CSV or NDJSON');
  // Postmaster and SNDS exports are taken in their own formats (SPEC 3.4) and read as reputation records.
  const native = !opts.kind || opts.kind === 'reputation' ? detectNativeReputation(head) : null;
  const format = native?.format ?? opts.format ?? formatFromName(source) ?? formatFromContent(head);
  const records: AsyncGenerator<RawRecord> = native ? native.records(stream) : format === 'csv' ? csvRecords(stream) : ndjsonRecords(stream);
  const wantedKind = native ? 'reputation' : opts.kind;

  const session = await db.session();
  try {
    let kind: InputKind | null = null;
    let staging: Staging<InputKind> | null = null;
    let read = 0;
    const rejections: Rejection[] = [];
    let rejected = 0;
    const reject = (line: number, reason: string) => {
      rejected++;
      if (rejections.length < MAX_LISTED_REJECTIONS) rejections.push({ line, reason });
    };
    try {
      for await (const rec of records) {
        read++;
        if (read % PROGRESS_EVERY === 0) opts.onProgress?.({ bytes, totalBytes: opts.totalBytes ?? null, records: read });
        if ('error' in rec) {
          reject(rec.line, rec.error);
          continue;
        }
        if (!kind) {
          // A CSV header names every column, even those empty in the first row.
          kind = resolveKind(source, rec.columns ?? Object.keys(rec.fields), wantedKind);
          staging = await Staging.create(session.conn, kind);
        }
        const checked = checkRecord(kind, format, rec.fields);
        if (!checked.ok) reject(rec.line, checked.reason);
        // Staged even when the input is bound to be refused: conflicts between good records are found in staging,
        // and every rejected record is to be listed (SPEC 3).
        else staging?.append(checked.row, rec.line);
      }
    } catch (err) {
      try {
        staging?.finish();
      } catch {
        // A row left half-appended cannot be flushed; the error that interrupted it is the one to report.
      }
      if (err instanceof IngestError) throw await refuse(db, source, startedAt, kind, format, err.reason, err.field);
      const message = err instanceof Error ? err.message : String(err);
      throw await refuse(db, source, startedAt, kind, format, `not valid ${format.toUpperCase()}: ${message}`);
    }
    staging?.finish();
    opts.onProgress?.({ bytes, totalBytes: opts.totalBytes ?? null, records: read });
    if (read === 0) throw await refuse(db, source, startedAt, kind, format, 'the input is empty: no records');

    const base: NewRun = {
      source, kind, format, started_at: startedAt, status: 'rejected',
      rows_read: read, rows_stored: 0, rows_duplicate: 0, rows_rejected: rejected, error: null,
    };
    const stagedKind = kind;
    const merged = db.transaction(async (tx) => {
      const runId = await nextRunId(tx);
      const conflicts = stagedKind ? await findConflicts(tx, stagedKind) : [];
      for (const c of conflicts) reject(c.line, c.reason);
      if (!stagedKind || (rejected > 0 && !opts.skipBad)) {
        await recordRun(tx, runId, { ...base, rows_rejected: rejected, error: `${rejected} record(s) rejected; nothing stored` });
        await opts.inMerge?.(tx, 0);
        return { runId, stored: 0, duplicate: 0, storedByRange: undefined };
      }
      await dropLines(tx, conflicts.map((c) => c.line));
      const counts = await mergeStaged(tx, stagedKind, runId, opts.ranges);
      await recordRun(tx, runId, {
        ...base, status: rejected > 0 ? 'partial' : 'stored', rows_rejected: rejected,
        rows_stored: counts.stored, rows_duplicate: counts.duplicate,
      });
      await opts.inMerge?.(tx, counts.stored);
      return { runId, ...counts };
    }, session);
    // The merge itself failed (the disk full, an I/O error): nothing was stored; the run is recorded as failed,
    // with DuckDB's reason, where the store can still take that one row.
    const outcome = await merged.catch(async (err: unknown) => {
      const message = err instanceof Error ? err.message : String(err);
      await db.transaction(async (tx) => recordRun(tx, await nextRunId(tx), { ...base, status: 'failed', error: message.slice(0, 2000) })).catch(() => undefined);
      throw err;
    });
    rejections.sort((a, b) => a.line - b.line);
    const refused = rejected > 0 && !opts.skipBad;
    return {
      source, run_id: outcome.runId, kind, format,
      status: refused ? 'rejected' : rejected > 0 ? 'partial' : 'stored',
      read, stored: outcome.stored, duplicate: outcome.duplicate, rejected,
      rejections, rejections_not_listed: rejected - rejections.length,
      ...(outcome.storedByRange ? { stored_by_range: outcome.storedByRange } : {}),
    };
  } finally {
    session.close();
  }
}

/** Records a refused input as a run (so the data page shows it) and returns the error to throw. */
async function refuse(db: Db, source: string, startedAt: string, kind: InputKind | null, format: Format | null, message: string, field?: string): Promise<IngestError> {
  await db.transaction(async (tx: Sql) => {
    await recordRun(tx, await nextRunId(tx), {
      source, kind, format, started_at: startedAt, status: 'rejected',
      rows_read: 0, rows_stored: 0, rows_duplicate: 0, rows_rejected: 0, error: message,
    });
  });
  return new IngestError(source, message, field);
}

export async function ingestFile(db: Db, path: string, opts: IngestOptions = {}): Promise<IngestResult> {
  let size: number;
  try {
    const st = statSync(path);
    if (!st.isFile()) throw new IngestError(path, 'is not a file');
    size = st.size;
  } catch (err) {
    if (err instanceof IngestError) throw err;
    throw new IngestError(path, 'no such file, or it cannot be read');
  }
  // 1 MiB reads: fewer chunks to split, and still a bounded buffer.
  const stream = createReadStream(path, { highWaterMark: 1024 * 1024 });
  return ingestStream(db, path, stream, { totalBytes: size, ...opts });
}
