// One input (file, upload or request body) → validated rows → staging → one atomic merge. A bad record rejects
// the whole input unless skipBad; every rejection is listed with its line and reason.
import { createReadStream, statSync } from 'node:fs';
import { Readable } from 'node:stream';
import type { InputKind } from '#shared/schema/inputs.ts';
import type { Db, Sql } from '../store/db.ts';
import { dropLines, findConflicts, mergeStaged } from '../store/ingest-merge.ts';
import { finishRun, nextRunId, recordRun, releaseRun, startRun, type NewRun } from '../store/ingest-runs.ts';
import { detectNativeReputation } from './reputation/native.ts';
import { IngestError, Intake, type Rejection } from './intake.ts';
import { finishSqlCheck, readNdjson, SqlCheckFailed, sqlCheckWanted, type PendingCheck } from './ndjson-intake.ts';
import { csvRecords, formatFromContent, formatFromName, type Format } from './records.ts';

export { IngestError, MAX_LISTED_REJECTIONS, type Rejection } from './intake.ts';

export interface IngestProgress { bytes: number; totalBytes: number | null; records: number }
export interface IngestOptions {
  kind?: InputKind;
  format?: Format;
  skipBad?: boolean;
  onProgress?: (p: IngestProgress) => void;
  totalBytes?: number;
  /**
   * NDJSON events past the first block (about a megabyte) are checked in SQL, and only the lines that check cannot
   * vouch for by zod (default true; off, every record goes through zod, as the benchmark compares).
   */
  sqlCheck?: boolean;
  /** Bytes per block of NDJSON (tests lower it, so that small inputs take the SQL check too). */
  ndjsonBlockBytes?: number;
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
}

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

export async function ingestStream(db: Db, source: string, input: Readable, opts: IngestOptions = {}): Promise<IngestResult> {
  const startedAt = new Date().toISOString();
  let bytes = 0;
  const { head, stream } = await sniff(input, (n) => (bytes += n));
  if (head.length === 0) throw await refuse(db, source, startedAt, null, opts.format ?? null, 'the input is empty: no records');
  if (head.includes(0)) throw await refuse(db, source, startedAt, null, null, 'this is a binary file, not CSV or NDJSON');
  // Postmaster and SNDS exports are taken in their own formats (docs/data-formats.md) and read as reputation records.
  const native = !opts.kind || opts.kind === 'reputation' ? detectNativeReputation(head) : null;
  const format = native?.format ?? opts.format ?? formatFromName(source) ?? formatFromContent(head);
  const wantedKind = native ? 'reputation' : opts.kind;
  // A caller that needs each line's fate as zod gives it turns the SQL check off (the record-by-record path).
  const reading = { sqlCheck: opts.sqlCheck ?? true, blockBytes: opts.ndjsonBlockBytes };

  const session = await db.session();
  try {
    const intake = new Intake(session, source, format, wantedKind, format === 'ndjson' && !native ? sqlCheckWanted(reading) : () => false,
      (records) => opts.onProgress?.({ bytes, totalBytes: opts.totalBytes ?? null, records }));
    const failed = async (read: number, err: unknown): Promise<never> => {
      // Nothing was stored; the run is recorded as failed, with DuckDB's reason, where the store can still take
      // that one row.
      const message = err instanceof Error ? err.message : String(err);
      const run: NewRun = {
        source, kind: intake.kind, format, started_at: startedAt, status: 'failed', rows_read: read, rows_stored: 0,
        rows_duplicate: 0, rows_rejected: intake.rejected, error: message.slice(0, 2000),
      };
      await db.transaction(async (tx) => recordRun(tx, await nextRunId(tx), run)).catch(() => undefined);
      throw err;
    };
    let pending: PendingCheck | null = null;
    try {
      if (format === 'ndjson' && !native) pending = await readNdjson(stream, intake, session, reading);
      else {
        const records = native ? native.records(stream) : csvRecords(stream);
        for await (const rec of records) {
          if (!intake.kind) await intake.begin(rec);
          intake.take(rec);
        }
      }
    } catch (err) {
      try {
        intake.staging?.finish();
      } catch {
        // A row left half-appended cannot be flushed; the error that interrupted it is the one to report.
      }
      if (err instanceof IngestError) throw await refuse(db, source, startedAt, intake.kind, format, err.reason, err.field);
      // DuckDB failed while checking lines (the disk full, say): the input is not to blame, the run failed.
      if (err instanceof SqlCheckFailed) return failed(intake.read, err.cause);
      const message = err instanceof Error ? err.message : String(err);
      throw await refuse(db, source, startedAt, intake.kind, format, `not valid ${format.toUpperCase()}: ${message}`);
    }
    intake.staging?.finish();
    const { kind, rejections } = intake;
    // The SQL check can fail as a merge can (the disk full, an I/O error).
    if (pending) await finishSqlCheck(pending, intake, session).catch((err: unknown) => failed(intake.read, err));
    const read = intake.read;
    opts.onProgress?.({ bytes, totalBytes: opts.totalBytes ?? null, records: read });
    if (read === 0) throw await refuse(db, source, startedAt, kind, format, 'the input is empty: no records');

    const base: NewRun = {
      source, kind, format, started_at: startedAt, status: 'rejected',
      rows_read: read, rows_stored: 0, rows_duplicate: 0, rows_rejected: 0, error: null,
    };
    // Recorded as running before the merge, so that a kill during its commit can be undone (ingest-runs.ts).
    const runId = await startRun(db, base).catch((err: unknown) => failed(read, err));
    let outcome: { stored: number; duplicate: number };
    try {
      outcome = await db.transaction(async (tx) => {
        const conflicts = kind ? await findConflicts(tx, kind) : [];
        for (const c of conflicts) intake.reject(c.line, c.reason);
        const rejected = intake.rejected;
        if (!kind || (rejected > 0 && !opts.skipBad)) {
          await finishRun(tx, runId, { ...base, rows_rejected: rejected, error: `${rejected} record(s) rejected; nothing stored` });
          return { stored: 0, duplicate: 0 };
        }
        await dropLines(tx, conflicts.map((c) => c.line));
        const counts = await mergeStaged(tx, kind, runId);
        await finishRun(tx, runId, {
          ...base, status: rejected > 0 ? 'partial' : 'stored', rows_rejected: rejected,
          rows_stored: counts.stored, rows_duplicate: counts.duplicate,
        });
        return counts;
      }, session);
    } catch (err) {
      // Rolled back: the running record becomes the failed one.
      const message = err instanceof Error ? err.message : String(err);
      await db.transaction((tx) => finishRun(tx, runId, {
        ...base, status: 'failed', rows_rejected: intake.rejected, error: message.slice(0, 2000),
      })).catch(() => undefined);
      throw err;
    } finally {
      releaseRun(db, runId);
    }
    const rejected = intake.rejected;
    rejections.sort((a, b) => a.line - b.line);
    const refused = rejected > 0 && !opts.skipBad;
    return {
      source, run_id: runId, kind, format,
      status: refused ? 'rejected' : rejected > 0 ? 'partial' : 'stored',
      read, stored: outcome.stored, duplicate: outcome.duplicate, rejected,
      rejections, rejections_not_listed: rejected - rejections.length,
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
