// Stores for the watch (docs/watch.md), shared by its tests and its benchmark: many streams of daily sends and seed
// tests from the seeded scenario generator (shared/scenario.ts), loaded through the real ingest, with or without
// an effect nobody declared.
import { Readable } from 'node:stream';
import { generateScenario, type IncidentSpec, type Scenario, type StreamSpec } from '#shared/scenario.ts';
import { ingestStream } from '../server/ingest/ingest.ts';
import type { Db } from '../server/store/db.ts';

/** `n` streams with sizes, hours and send-to-send noise spread over what real programs show. */
export function manyStreams(n: number): StreamSpec[] {
  const out: StreamSpec[] = [];
  for (let i = 0; i < n; i++) {
    out.push({
      stream: `stream-${String(i + 1).padStart(3, '0')}`,
      size: [20_000, 60_000, 150_000, 400_000][i % 4] ?? 60_000,
      hour: (5 + 3 * i) % 24,
      cv: [0.08, 0.12, 0.2, 0.3][i % 4] ?? 0.12,
      rates: {
        hard: [0.001, 0.002, 0.004][i % 3] ?? 0.002,
        soft: [0.004, 0.008, 0.012][i % 3] ?? 0.008,
        block: [0.001, 0.003, 0.006][i % 3] ?? 0.003,
        complaint: [0.0001, 0.0006, 0.0008][i % 3] ?? 0.0006,
        unsubscribe: [0.0003, 0.002, 0.004][i % 3] ?? 0.002,
        inbox: [0.95, 0.9, 0.85][i % 3] ?? 0.9,
      },
    });
  }
  return out;
}

export interface WatchStoreSpec {
  seed: number;
  /** First day of data (UTC midnight). */
  start: string;
  days: number;
  streams: StreamSpec[];
  /** Effects in the data that no incident in the store declares; `startDay`: the day they begin. */
  effects?: { startDay: number; specs: IncidentSpec[] };
  /** Prefix of the ingest runs' names (the demo's, to load data the watch takes for demo data). */
  sourcePrefix?: string;
}

/** Generates the data and ingests it (send summaries and seed tests); returns the generated scenario. */
export async function loadWatchStore(db: Db, spec: WatchStoreSpec): Promise<Scenario> {
  const startDay = spec.effects?.startDay ?? spec.days;
  const sc = generateScenario({
    seed: spec.seed,
    start: spec.start,
    baselineDays: startDay,
    postDays: spec.days - startDay,
    streams: spec.streams,
    incidents: spec.effects?.specs ?? [],
    seedTests: true,
  });
  const lines = (rows: readonly object[]) => Readable.from(rows.map((r) => `${JSON.stringify(r)}\n`));
  const prefix = spec.sourcePrefix ?? '';
  await ingestStream(db, `${prefix}watch-sends.ndjson`, lines(sc.sends), { kind: 'sends', format: 'ndjson' });
  await ingestStream(db, `${prefix}watch-seeds.ndjson`, lines(sc.seedTests), { kind: 'seeds', format: 'ndjson' });
  return sc;
}
