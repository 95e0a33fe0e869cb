// What one input has taken in so far: its kind (known from its first record), its staging table, the count of
// records read, and every rejection. Each reader (CSV, NDJSON, native reputation formats) feeds records here.
import { detectKind, INPUT_KINDS, type InputKind } from '#shared/schema/inputs.ts';
import type { Sql } from '../store/db.ts';
import { Staging } from '../store/staging.ts';
import type { RawRecord } from './ndjson-blocks.ts';
import type { Format } from './records.ts';
import { checkRecord } from './validate.ts';

// Rejections are listed in full up to this many; beyond it (a wholly wrong multi-gigabyte file) only counted,
// so a bad input cannot exhaust memory through its own error list.
export const MAX_LISTED_REJECTIONS = 10_000;

export interface Rejection { line: number; reason: string }

const PROGRESS_EVERY = 10_000;

/** The input as a whole cannot be loaded (empty, unknown kind, not CSV or NDJSON). */
export class IngestError extends Error {
  constructor(readonly source: string, readonly reason: string, readonly field?: string) {
    super(`${source}: ${reason}`);
    this.name = 'IngestError';
  }
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
      `cannot tell what this holds from its fields (${fields.slice(0, 12).join(', ')}); expected events, send summaries, seed tests or reputation data (docs/data-formats.md), or pass --kind ${INPUT_KINDS.join('|')}`,
      'kind',
    );
  }
  return kind;
}

export class Intake {
  kind: InputKind | null = null;
  staging: Staging<InputKind> | null = null;
  read = 0;
  rejected = 0;
  readonly rejections: Rejection[] = [];

  constructor(
    private readonly session: Sql,
    private readonly source: string,
    private readonly format: Format,
    private readonly wantedKind: InputKind | undefined,
    /** Staging keeps a column for lines the SQL check leaves to zod (the NDJSON fast path's). */
    private readonly withRaw: (kind: InputKind) => boolean,
    /** Called every PROGRESS_EVERY records with the count so far. */
    readonly onProgress: (records: number) => void,
  ) {}

  reject(line: number, reason: string): void {
    this.rejected++;
    if (this.rejections.length < MAX_LISTED_REJECTIONS) this.rejections.push({ line, reason });
  }

  /** The kind and staging, from the first record that has fields (a CSV header names every column). */
  async begin(rec: RawRecord): Promise<void> {
    if (this.kind || 'error' in rec) return;
    const kind = resolveKind(this.source, rec.columns ?? Object.keys(rec.fields), this.wantedKind);
    this.staging = await Staging.create(this.session.conn, kind, { withRaw: this.withRaw(kind) });
    this.kind = kind;
  }

  /** Takes one record, once `begin` has seen it. */
  take(rec: RawRecord): void {
    this.read++;
    if (this.read % PROGRESS_EVERY === 0) this.onProgress(this.read);
    if ('error' in rec) {
      this.reject(rec.line, rec.error);
      return;
    }
    if (!this.kind) throw new Error('Intake.take before begin');
    const checked = checkRecord(this.kind, this.format, rec.fields);
    if (!checked.ok) this.reject(rec.line, checked.reason);
    // Staged even when the input is bound to be refused: conflicts between good records are found in staging,
    // and every rejected record is to be listed (docs/data-formats.md).
    else this.staging?.append(checked.row, rec.line);
  }
}
