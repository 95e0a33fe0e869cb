// Stored evaluations on a real DuckDB file: written gzip-compressed (migration 019), read back equal; an evaluation
// stored as JSON text before that migration is still read.
import { afterAll, describe, expect, it } from 'vitest';
import { gunzipSync } from 'node:zlib';
import { generateScenario } from '#shared/scenario.ts';
import { evaluateIncident } from '#shared/stats/evaluate.ts';
import { seriesFromSendSummaries } from '#shared/stats/series.ts';
import { Db } from '../../../server/store/db.ts';
import { loadEvaluation, saveEvaluation } from '../../../server/store/evaluations.ts';
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

describe('stored evaluations', () => {
  it('are written compressed and read back equal, replacing the one before', async () => {
    const db = await Db.open(tmp.path('a.duckdb'));
    try {
      const e = anEvaluation();
      await saveEvaluation(db, 'inc-1', { ...e, status: 'degraded' });
      await saveEvaluation(db, 'inc-1', e);
      expect(await loadEvaluation(db, 'inc-1')).toEqual(e);
      const rows = await db.all<{ result: string | null; result_gz: Uint8Array }>('SELECT CAST(result AS VARCHAR) AS result, result_gz FROM evaluations');
      expect(rows).toHaveLength(1);
      expect(rows[0]?.result).toBeNull();
      const packed = rows[0]?.result_gz ?? new Uint8Array();
      expect(gunzipSync(packed).toString('utf8')).toBe(JSON.stringify(e));
      // The points' keys and verdicts repeat: compressed it is a fraction of the JSON.
      expect(packed.length).toBeLessThan(JSON.stringify(e).length / 3);
      expect(await loadEvaluation(db, 'inc-2')).toBeUndefined();
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
