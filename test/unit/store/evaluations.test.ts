// Stored evaluations on a real DuckDB file: written column-wise in parts (migration 021) and read back as a JSON round
// trip would give them, byte for byte once serialised; one the column-wise form cannot carry is stored as gzipped
// JSON (migration 019); evaluations stored as gzipped JSON or JSON text before are still read.
import { afterAll, describe, expect, it } from 'vitest';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { Evaluation } from '#shared/schema/recovery.ts';
import { generateScenario } from '#shared/scenario.ts';
import { evaluateIncident } from '#shared/stats/evaluate.ts';
import { seriesFromSendSummaries } from '#shared/stats/series.ts';
import { blobValue } from '@duckdb/node-api';
import { Db } from '../../../server/store/db.ts';
import { loadEvaluation, PART_BYTES, saveEvaluation } from '../../../server/store/evaluations.ts';
import { tempDir } from '../../integration/helpers.ts';

const tmp = tempDir('rebound-evaluations-');
afterAll(() => tmp.cleanup());

function anEvaluation() {
  const sc = generateScenario({
    seed: 5, baselineDays: 10, postDays: 6,
    streams: [{ stream: 'news', size: 20_000, hour: 8, cv: 0.1, rates: { hard: 0.002, soft: 0.01, block: 0.002, complaint: 0.0005, unsubscribe: 0.002, inbox: 0.9 } }],
    incidents: [{ stream: 'news', metrics: ['complaint_rate'], peak: 5, decay: 0.5, sends: 3 }],
  });
  return evaluateIncident({
    occurred_at: sc.occurred_at, baseline_days: 10, monitor_days: 6, series: seriesFromSendSummaries(sc.sends),
    now: new Date(Date.parse(sc.occurred_at) + 7 * 86_400_000),
  });
}

/** What the recovery JSON carries of an evaluation: a JSON round trip (NaN and ±Infinity become null, −0 becomes 0). */
const roundTrip = (e: Evaluation): Evaluation => JSON.parse(JSON.stringify(e)) as Evaluation;

async function rows(db: Db) {
  const evaluations = await db.all<{ incident_id: string; result: string | null; result_gz: Uint8Array | null; result_parts: number | null }>(
    'SELECT incident_id, CAST(result AS VARCHAR) AS result, result_gz, result_parts FROM evaluations ORDER BY incident_id',
  );
  const parts = await db.all<{ incident_id: string; part: number; size: number }>(
    'SELECT incident_id, part, octet_length(bytes) AS size FROM evaluation_parts ORDER BY incident_id, part',
  );
  return { evaluations, parts };
}

describe('stored evaluations', () => {
  it('are written column-wise and read back as their JSON round trip, byte for byte, replacing the one before', async () => {
    const db = await Db.open(tmp.path('a.duckdb'));
    try {
      const e = anEvaluation();
      await saveEvaluation(db, 'inc-1', { ...e, status: 'degraded' });
      await saveEvaluation(db, 'inc-1', e);
      const back = await loadEvaluation(db, 'inc-1');
      expect(back).toEqual(e);
      expect(JSON.stringify(back)).toBe(JSON.stringify(e));
      const stored = await rows(db);
      expect(stored.evaluations).toEqual([{ incident_id: 'inc-1', result: null, result_gz: null, result_parts: 1 }]);
      expect(stored.parts).toHaveLength(1);
      // Eleven numbers and flags a point instead of its JSON object: a fraction of the JSON.
      expect(stored.parts[0]?.size).toBeLessThan(JSON.stringify(e).length / 2);
      expect(await loadEvaluation(db, 'inc-2')).toBeUndefined();
    } finally {
      db.close();
    }
  });

  it('carry what JSON would of the numbers a point can hold (null, NaN, ±Infinity, −0, large counts)', async () => {
    const db = await Db.open(tmp.path('edge.duckdb'));
    try {
      const e = anEvaluation();
      const s0 = e.series[0];
      if (!s0 || s0.points.length < 3) throw new Error('the fixture needs a series of 3 points');
      const [a, b, c] = s0.points as [Evaluation['series'][0]['points'][0], Evaluation['series'][0]['points'][0], Evaluation['series'][0]['points'][0]];
      Object.assign(a, { send_id: null, numerator: null, denominator: null, lower: NaN, upper: Infinity, p_value: -0, q_value: null, verdict: 'severe', provisional: true });
      Object.assign(b, { numerator: 2 ** 53 - 1, denominator: 2 ** 53 - 1, value: -Infinity, lower: 1e-300, upper: 5e-324, p_value: 0, q_value: 1 });
      Object.assign(c, { value: NaN, verdict: 'dip', provisional: false, send_id: 'ünïcødé ✓ "quoted"' });
      const withEmpty: Evaluation = { ...e, series: [...e.series, { ...s0, stream: 'empty', points: [] }] };
      await saveEvaluation(db, 'inc-1', withEmpty);
      expect((await rows(db)).evaluations[0]?.result_parts).toBe(1);
      const back = await loadEvaluation(db, 'inc-1');
      expect(back).toEqual(roundTrip(withEmpty));
      expect(JSON.stringify(back)).toBe(JSON.stringify(withEmpty));
      await saveEvaluation(db, 'inc-2', { ...e, series: [] });
      expect(JSON.stringify(await loadEvaluation(db, 'inc-2'))).toBe(JSON.stringify({ ...e, series: [] }));
    } finally {
      db.close();
    }
  });

  it('larger than a part are split into parts, and a smaller one written over it leaves none of the old parts', async () => {
    const db = await Db.open(tmp.path('parts.duckdb'));
    try {
      const e = anEvaluation();
      const big: Evaluation = { ...e, series: Array.from({ length: 200 }, (_, i) => e.series.map((s) => ({ ...s, stream: `s${i}` }))).flat() };
      await saveEvaluation(db, 'inc-1', big);
      await saveEvaluation(db, 'inc-2', e);
      let stored = await rows(db);
      const parts = stored.evaluations[0]?.result_parts ?? 0;
      expect(parts).toBeGreaterThan(2);
      expect(stored.parts.filter((p) => p.incident_id === 'inc-1').map((p) => p.part)).toEqual([...Array(parts).keys()]);
      expect(stored.parts.every((p) => p.size <= PART_BYTES)).toBe(true);
      expect(JSON.stringify(await loadEvaluation(db, 'inc-1'))).toBe(JSON.stringify(big));
      await saveEvaluation(db, 'inc-1', e);
      stored = await rows(db);
      expect(stored.parts.map((p) => [p.incident_id, p.part])).toEqual([['inc-1', 0], ['inc-2', 0]]);
      expect(JSON.stringify(await loadEvaluation(db, 'inc-1'))).toBe(JSON.stringify(e));
      // A part gone missing is an error, not a shorter evaluation.
      await saveEvaluation(db, 'inc-1', big);
      await db.run('DELETE FROM evaluation_parts WHERE incident_id = $1 AND part = 1', ['inc-1']);
      await expect(loadEvaluation(db, 'inc-1')).rejects.toThrow(/parts found/);
    } finally {
      db.close();
    }
  });

  it('of another shape than the column-wise form knows are stored as gzipped JSON, and read back equal', async () => {
    const db = await Db.open(tmp.path('other.duckdb'));
    try {
      const e = anEvaluation();
      const s0 = e.series[0];
      if (!s0 || s0.points.length === 0) throw new Error('the fixture needs a point');
      const other = { ...e, series: [{ ...s0, points: [{ ...s0.points[0], note: 'a field the form does not carry' }] }] } as unknown as Evaluation;
      await saveEvaluation(db, 'inc-1', other);
      const [row] = (await rows(db)).evaluations;
      expect(row?.result_parts).toBeNull();
      expect(gunzipSync(row?.result_gz ?? new Uint8Array()).toString('utf8')).toBe(JSON.stringify(other));
      expect(await loadEvaluation(db, 'inc-1')).toEqual(other);
      expect((await rows(db)).parts).toEqual([]);
    } finally {
      db.close();
    }
  });

  it('stored as gzipped JSON before migration 021 are still read', async () => {
    const db = await Db.open(tmp.path('c.duckdb'));
    try {
      const e = anEvaluation();
      await db.run('INSERT INTO evaluations (incident_id, evaluated_at, status, result_gz) VALUES ($1, $2::TIMESTAMP, $3, $4)', [
        'inc-1', e.evaluated_at, e.status, blobValue(gzipSync(JSON.stringify(e))),
      ]);
      expect(await loadEvaluation(db, 'inc-1')).toEqual(e);
    } finally {
      db.close();
    }
  });

  it('stored as JSON text before migration 019 are still read', async () => {
    const db = await Db.open(tmp.path('b.duckdb'));
    try {
      const e = anEvaluation();
      await db.run('INSERT INTO evaluations (incident_id, evaluated_at, status, result) VALUES ($1, $2::TIMESTAMP, $3, $4)', ['inc-1', e.evaluated_at, e.status, JSON.stringify(e)]);
      expect(await loadEvaluation(db, 'inc-1')).toEqual(e);
    } finally {
      db.close();
    }
  });
});
