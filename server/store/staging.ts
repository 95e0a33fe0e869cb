// A temporary staging table per ingest: validated rows are appended as they stream in (DuckDB's appender, no
// per-row SQL), and only merged into the real tables, in one transaction, once the whole input has been read.
import { DuckDBDateValue, DuckDBTimestampValue, type DuckDBAppender, type DuckDBConnection } from '@duckdb/node-api';
import type { InputKind, RowOfKind } from '#shared/schema/inputs.ts';

type ColumnType = 'VARCHAR' | 'TIMESTAMP' | 'BIGINT' | 'INTEGER' | 'DOUBLE' | 'DATE';
interface Column<R> { name: string; type: ColumnType; get: (row: R) => string | number | null }

const col = <R>(name: string, type: ColumnType, get: (row: R) => string | number | null): Column<R> => ({ name, type, get });

const COLUMNS: { [K in InputKind]: Column<RowOfKind[K]>[] } = {
  events: [
    col('event_id', 'VARCHAR', (r) => r.event_id),
    col('type', 'VARCHAR', (r) => r.type),
    col('ts', 'TIMESTAMP', (r) => r.timestamp),
    col('send_id', 'VARCHAR', (r) => r.send_id),
    col('stream', 'VARCHAR', (r) => r.stream),
    col('provider', 'VARCHAR', (r) => r.provider),
    col('bounce_class', 'VARCHAR', (r) => r.bounce_class),
    col('smtp_code', 'INTEGER', (r) => r.smtp_code),
    col('diagnostic', 'VARCHAR', (r) => r.diagnostic),
    col('message_id', 'VARCHAR', (r) => r.message_id),
    col('recipient', 'VARCHAR', (r) => r.recipient),
  ],
  sends: [
    col('send_id', 'VARCHAR', (r) => r.send_id),
    col('provider', 'VARCHAR', (r) => r.provider),
    col('stream', 'VARCHAR', (r) => r.stream),
    col('sent_at', 'TIMESTAMP', (r) => r.sent_at),
    col('injected', 'BIGINT', (r) => r.injected),
    col('delivered', 'BIGINT', (r) => r.delivered),
    col('bounced_hard', 'BIGINT', (r) => r.bounced_hard),
    col('bounced_soft', 'BIGINT', (r) => r.bounced_soft),
    col('bounced_block', 'BIGINT', (r) => r.bounced_block),
    col('complaints', 'BIGINT', (r) => r.complaints),
    col('unsubscribes', 'BIGINT', (r) => r.unsubscribes),
    col('opens', 'BIGINT', (r) => r.opens),
    col('clicks', 'BIGINT', (r) => r.clicks),
  ],
  seeds: [
    col('send_id', 'VARCHAR', (r) => r.send_id),
    col('provider', 'VARCHAR', (r) => r.provider),
    col('stream', 'VARCHAR', (r) => r.stream),
    col('tested_at', 'TIMESTAMP', (r) => r.tested_at),
    col('seeds', 'BIGINT', (r) => r.seeds),
    col('inbox', 'BIGINT', (r) => r.inbox),
    col('spam', 'BIGINT', (r) => r.spam),
    col('missing', 'BIGINT', (r) => r.missing),
  ],
  reputation: [
    col('date', 'DATE', (r) => r.date),
    col('subject', 'VARCHAR', (r) => r.subject),
    col('source', 'VARCHAR', (r) => r.source),
    col('metric', 'VARCHAR', (r) => r.metric),
    col('value', 'DOUBLE', (r) => r.value),
    col('level', 'VARCHAR', (r) => r.level),
  ],
};

const DAY_MS = 86_400_000;

export const STAGE_TABLE = 'stage';

export class Staging<K extends InputKind> {
  private appender: DuckDBAppender | null;

  private constructor(
    private readonly conn: DuckDBConnection,
    private readonly columns: Column<RowOfKind[K]>[],
    appender: DuckDBAppender,
    /** A last column for the raw text of a line left to zod (the NDJSON fast path's); always null here. */
    private readonly withRaw: boolean,
  ) {
    this.appender = appender;
  }

  static async create<K extends InputKind>(conn: DuckDBConnection, kind: K, opts: { withRaw?: boolean } = {}): Promise<Staging<K>> {
    const columns = COLUMNS[kind] as Column<RowOfKind[K]>[];
    const defs = columns.map((c) => `${c.name} ${c.type}`).join(', ');
    const raw = opts.withRaw ? ', raw VARCHAR' : '';
    // Identifiers here come from the constant table above, never from input.
    await conn.run(`CREATE OR REPLACE TEMP TABLE ${STAGE_TABLE} (${defs}, line BIGINT NOT NULL${raw})`);
    return new Staging(conn, columns, await appenderOf(conn), opts.withRaw ?? false);
  }

  append(row: RowOfKind[K], line: number): void {
    const a = this.appender;
    if (!a) throw new Error('staging is paused');
    for (const c of this.columns) {
      const v = c.get(row);
      if (v === null) a.appendNull();
      else if (c.type === 'VARCHAR') a.appendVarchar(v as string);
      else if (c.type === 'TIMESTAMP') a.appendTimestamp(new DuckDBTimestampValue(BigInt(Date.parse(v as string)) * 1000n));
      else if (c.type === 'INTEGER') a.appendInteger(v as number);
      else if (c.type === 'DOUBLE') a.appendDouble(v as number);
      else if (c.type === 'DATE') a.appendDate(new DuckDBDateValue(Math.round(Date.parse(`${v as string}T00:00:00Z`) / DAY_MS)));
      else a.appendBigInt(BigInt(v));
    }
    a.appendBigInt(BigInt(line));
    if (this.withRaw) a.appendNull();
    a.endRow();
  }

  /** Flushes and closes the appender, so that SQL can work on the table; `resume` opens a new one. */
  finish(): void {
    const a = this.appender;
    this.appender = null;
    if (!a) return;
    a.flushSync();
    a.closeSync();
  }

  async resume(): Promise<void> {
    if (!this.appender) this.appender = await appenderOf(this.conn);
  }
}

function appenderOf(conn: DuckDBConnection): Promise<DuckDBAppender> {
  return conn.createAppender(STAGE_TABLE, 'main', 'temp');
}
