// The API does not show where files live on the server: a file loaded from a path (as `rebound ingest` does) is
// listed by its base name in GET /api/ingest/runs and the data summary, and so are paths inside a run's error.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.ts';
import { loadConfig } from '../../server/config.ts';
import { ingestFile } from '../../server/ingest/ingest.ts';
import { Db } from '../../server/store/db.ts';
import { nextRunId, recordRun } from '../../server/store/ingest-runs.ts';
import { fixture, tempDir } from '../integration/helpers.ts';

const tmp = tempDir('rebound-paths-');
let db: Db;
beforeAll(async () => {
  db = await Db.open(tmp.path('store.duckdb'));
});
afterAll(() => {
  db.close();
  tmp.cleanup();
});

describe('server paths in the API', () => {
  it('runs and the data summary name the file, not its directory', async () => {
    const path = fixture('sends.csv');
    await ingestFile(db, path);
    await db.transaction(async (tx) => recordRun(tx, await nextRunId(tx), {
      source: '/srv/secret-dir/events.ndjson', kind: 'events', format: 'ndjson', started_at: '2026-03-01T10:00:00Z', status: 'failed',
      rows_read: 1, rows_stored: 0, rows_duplicate: 0, rows_rejected: 0, error: 'IO Error: Could not write file "/srv/secret-dir/store.duckdb.wal": No space left on device',
    }));
    // The store keeps the full path for the operator.
    expect((await db.all<{ source: string }>('SELECT source FROM ingest_runs ORDER BY id')).map((r) => r.source)).toEqual([path, '/srv/secret-dir/events.ndjson']);
    const app = createApp({ db, config: loadConfig({ REBOUND_DEMO: '0' }), now: () => new Date(), localToken: null });
    const runs = await (await app.request('/api/ingest/runs')).text();
    const summary = await (await app.request('/api/data/summary')).text();
    expect(JSON.parse(runs).runs.map((r: { source: string }) => r.source)).toEqual(['events.ndjson', 'sends.csv']);
    expect(JSON.parse(runs).runs[0].error).toBe('IO Error: Could not write file "store.duckdb.wal": No space left on device');
    expect(JSON.parse(summary).last_run.source).toBe('events.ndjson');
    for (const text of [runs, summary]) {
      expect(text).not.toContain('secret-dir');
      expect(text).not.toContain(tmp.dir);
      expect(text).not.toContain('test/fixtures');
    }
  });
});
