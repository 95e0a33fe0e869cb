// The store check on a store of 1M events (docs/integrity.md): what the open-time check costs (unfinished runs,
// orphan events, the roll-up of the pairs they touch, alerts) against the full check of every send row.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeBigEvents } from '../test/fixtures/big-events.ts';
import { ingestFile } from '../server/ingest/ingest.ts';
import { checkStore } from '../server/store/integrity.ts';
import { Db } from '../server/store/db.ts';

const EVENTS = 1_000_000;
const REPEATS = 5;

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

export async function benchCheck(): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), 'rebound-bench-check-'));
  try {
    const file = join(dir, 'events.ndjson');
    // 1,500 sends × 5 providers: the roll-up compares 7,500 rows.
    await writeBigEvents(file, EVENTS, 1500);
    const store = join(dir, 'store.duckdb');
    let db = await Db.open(store);
    const r = await ingestFile(db, file);
    db.close();
    const open: number[] = [];
    const bounded: number[] = [];
    const full: number[] = [];
    for (let i = 0; i < REPEATS; i++) {
      let opened: Db | null = null;
      open.push(await timed(async () => (opened = await Db.open(store))));
      db = opened as unknown as Db;
      bounded.push(await timed(() => checkStore(db, { repair: false, full: false })));
      full.push(await timed(() => checkStore(db, { repair: false, full: true })));
      db.close();
    }
    const ms = (x: number) => `${x.toFixed(0)} ms`;
    return [
      `### Store check (${r.stored.toLocaleString('en-US')} events, median of ${REPEATS})`,
      '',
      '| what | time |',
      '|---|---|',
      `| first open after the ingest (the check reads its ${r.stored.toLocaleString('en-US')} new events once) | ${ms(open[0] ?? NaN)} |`,
      `| later opens (open-time check included) | ${ms(median(open.slice(1)))} |`,
      `| open-time check alone (\`rebound check\` default) | ${ms(median(bounded))} |`,
      `| full check (\`rebound check --full\`: every send row against its events) | ${ms(median(full))} |`,
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
