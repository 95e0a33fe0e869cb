// NDJSON into an Intake. Records go one by one through JSON.parse and zod until the input shows itself to be events;
// from the next block on, blocks go to DuckDB whole and are checked there in SQL (server/store/ndjson-events.ts).
// Only the lines that check cannot vouch for come back here for zod, so every rejection reads as it always did.
import type { Readable } from 'node:stream';
import type { Sql } from '../store/db.ts';
import { dropFallback, fallbackLines, fastPathCurrent, SqlLineCheck } from '../store/ndjson-events.ts';
import type { Intake } from './intake.ts';
import { BLOCK_BYTES, blockRecords, lineRecord, ndjsonBlocks, tooLongReason } from './ndjson-blocks.ts';

// Lines left to zod come back in pages of this many: a bad file may have millions, and they are not held at once.
const FALLBACK_PAGE = 10_000;
// Blocks are checked in SQL a group at a time (64 MiB of 1 MiB blocks), so that DuckDB holds no more than that of
// the raw input and its lines at once; a group still spans several of DuckDB's row groups, so the check runs on
// every core.
const GROUP_BLOCKS = 64;

export interface NdjsonReading {
  /** Check events in SQL once the kind is known (off where a caller needs each line's result as zod gives it). */
  sqlCheck: boolean;
  /** Bytes per block (tests lower it, so that small inputs take the SQL path too). */
  blockBytes?: number | undefined;
}

/** Lines handed to SQL, still to be checked: see `finishSqlCheck`. */
export interface PendingCheck {
  check: SqlLineCheck;
  /** Lines too long to read among the blocks, ascending: rejected in line order with the SQL check's leftovers. */
  tooLong: number[];
  unterminated: number | null;
}

/** DuckDB failed while checking lines (not the input's fault): the run is to be recorded as failed. */
export class SqlCheckFailed extends Error {
  constructor(override readonly cause: unknown) {
    super(cause instanceof Error ? cause.message : String(cause));
    this.name = 'SqlCheckFailed';
  }
}

export const sqlCheckWanted = (reading: NdjsonReading) => (kind: string): boolean => reading.sqlCheck && fastPathCurrent && kind === 'events';

export async function readNdjson(input: Readable, intake: Intake, session: Sql, reading: NdjsonReading): Promise<PendingCheck | null> {
  let pending: PendingCheck | null = null;
  const wanted = sqlCheckWanted(reading);
  try {
    for await (const block of ndjsonBlocks(input, reading.blockBytes)) {
      if (pending) {
        await pending.check.add(block.firstLine, block.bytes).catch((err: unknown) => {
          throw new SqlCheckFailed(err);
        });
        pending.tooLong.push(...block.tooLong);
        pending.unterminated = block.unterminated ?? pending.unterminated;
        // Lines, not yet records (blank ones among them): a progress bar's count, made exact at the end.
        intake.onProgress(block.firstLine - 1);
        continue;
      }
      for (const { record } of blockRecords(block)) {
        if (!intake.kind) await intake.begin(record);
        intake.take(record);
      }
      if (intake.kind && wanted(intake.kind)) {
        pending = { check: await SqlLineCheck.start(session, GROUP_BLOCKS * (reading.blockBytes ?? BLOCK_BYTES)), tooLong: [], unterminated: null };
      }
    }
  } catch (err) {
    try {
      pending?.check.abort();
    } catch {
      // The error that interrupted reading is the one to report.
    }
    throw err;
  }
  return pending;
}

/** Checks the pending lines in SQL, then the ones it left (and the over-long ones) here, in line order. */
export async function finishSqlCheck(pending: PendingCheck, intake: Intake, session: Sql): Promise<void> {
  const staging = intake.staging;
  if (!staging) throw new Error('no staging for the SQL check');
  staging.finish();
  const { fast } = await pending.check.finish();
  intake.read += fast;
  await staging.resume();
  const { tooLong, unterminated } = pending;
  let k = 0;
  const tooLongBefore = (line: number) => {
    for (; k < tooLong.length && (tooLong[k] as number) < line; k++) intake.take({ line: tooLong[k] as number, error: tooLongReason });
  };
  for (let after = 0; ;) {
    const page = await fallbackLines(session, after, FALLBACK_PAGE);
    if (page.length === 0) break;
    for (const { line, text } of page) {
      tooLongBefore(line);
      const record = lineRecord(text, line, line === unterminated);
      if (record) intake.take(record);
    }
    after = page[page.length - 1]?.line ?? after;
  }
  tooLongBefore(Infinity);
  staging.finish();
  await dropFallback(session);
}
