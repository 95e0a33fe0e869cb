// A warehouse pull (BigQuery, or DuckDB over local event files): aggregate the window since the watermark (minus
// the lateness window), and store every aggregate with the new watermark in one transaction. A failure anywhere
// — a page that still fails after its retries included — stores nothing and leaves the watermark where it was,
// so the next run covers the same window again: no gap, and (rows replace by send × provider) no double count.
import type { PullContext } from '../source.ts';
import type { Sql } from '../../store/db.ts';
import { finishRun, releaseRun, startRun } from '../../store/ingest-runs.ts';
import { getSourceState, recordSourceFailure, recordSourceSuccess, upsertWarehouseSends, type AggregateRow } from '../../store/sources.ts';
import type { Warehouse } from './warehouse.ts';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

export interface WarehouseWindowConfig { latenessHours: number; backfillDays: number; sendSpanDays: number }
export interface PullSummary { source: string; rows: number; stored: number; watermark: string | null; since: string; until: string }

/** The pull's one-line summary (the log, `rebound pull`, the API). */
export function warehouseSummary(r: PullSummary): string {
  return `${r.source}: ${r.rows} send aggregate(s) for events since ${r.since}, ${r.stored} changed; watermark ${r.watermark ?? 'none yet'}`;
}

export function windowFor(watermark: string | null, now: Date, c: WarehouseWindowConfig) {
  const since = watermark ? new Date(Date.parse(watermark) - c.latenessHours * HOUR_MS) : new Date(now.getTime() - c.backfillDays * DAY_MS);
  return { since, until: now, scanFrom: new Date(since.getTime() - c.sendSpanDays * DAY_MS) };
}

export async function pullWarehouse(s: PullContext, source: string, warehouse: Warehouse, c: WarehouseWindowConfig): Promise<PullSummary> {
  const now = s.now();
  const startedAt = now.toISOString();
  try {
    const state = await getSourceState(s.db, source);
    const w = windowFor(state?.watermark ?? null, now, c);
    const rows: AggregateRow[] = [];
    let newest: number | null = null;
    for await (const page of warehouse.aggregateSends(w)) {
      for (const r of page.rows) {
        const { last_event_at: last, ...agg } = r;
        rows.push(agg);
        newest = Math.max(newest ?? 0, Date.parse(last));
      }
    }
    const watermark = newest === null ? null : new Date(newest).toISOString();
    // Recorded as running first, so that a kill during the commit can be undone (ingest-runs.ts).
    const run = { source, kind: 'sends', format: null, started_at: startedAt, rows_read: rows.length, rows_rejected: 0 };
    const runId = await startRun(s.db, run);
    let stored: number;
    try {
      stored = await s.db.transaction(async (tx: Sql) => {
        const counts = await upsertWarehouseSends(tx, rows, runId);
        await finishRun(tx, runId, { ...run, status: 'stored', rows_stored: counts.stored, rows_duplicate: counts.duplicate, error: null });
        await recordSourceSuccess(tx, source, startedAt, counts.stored, watermark);
        return counts.stored;
      });
    } catch (err) {
      const error = (err instanceof Error ? err.message : String(err)).slice(0, 2000);
      await s.db.transaction((tx) => finishRun(tx, runId, { ...run, status: 'failed', rows_stored: 0, rows_duplicate: 0, error })).catch(() => undefined);
      throw err;
    } finally {
      releaseRun(s.db, runId);
    }
    return { source, rows: rows.length, stored, watermark: watermark ?? state?.watermark ?? null, since: w.since.toISOString(), until: w.until.toISOString() };
  } catch (err) {
    await recordSourceFailure(s.db, source, startedAt, err instanceof Error ? err.message : String(err));
    throw err;
  }
}
