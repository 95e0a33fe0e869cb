// Which tables a statement writes (server/store/versions.ts): reads must never count as writes (they would empty
// the read cache on every request), and a write must always name its table — or, when its table cannot be read
// from it, invalidate everything.
import { describe, expect, it } from 'vitest';
import { ANY_TABLE, StoreVersions, writtenTables } from '../../../server/store/versions.ts';

describe('writtenTables', () => {
  it.each([
    ['SELECT * FROM sends WHERE stream = $1'],
    ['  select count(*) from events'],
    ["WITH seen AS (SELECT stream FROM sends) SELECT * FROM seen"],
    ["SELECT nextval('ingest_runs_seq') AS id"],
    ["SELECT 'INSERT INTO sends' AS text, updated_at FROM incidents"],
    ['-- DELETE FROM sends\nSELECT 1'],
    ["SET TimeZone = 'UTC'"],
    ['BEGIN TRANSACTION'],
    ['COMMIT'],
    ['ROLLBACK'],
    ['CHECKPOINT'],
    ['PRAGMA table_info(sends)'],
  ])('reads nothing: %s', (sql) => {
    expect(writtenTables(sql)).toEqual([]);
  });

  it.each([
    ['INSERT INTO events (id) VALUES ($1)', ['events']],
    ['insert or replace into evaluations (incident_id) VALUES ($1)', ['evaluations']],
    ['INSERT OR IGNORE INTO incident_lists VALUES ($1)', ['incident_lists']],
    ['INSERT INTO sends SELECT * FROM stage ON CONFLICT DO UPDATE SET injected = excluded.injected', ['sends']],
    ['UPDATE incidents SET title = $2 WHERE id = $1', ['incidents']],
    ['DELETE FROM annotations WHERE id = $1', ['annotations']],
    ['INSERT INTO main."Sends" (send_id) VALUES (1)', ['sends']],
    ['CREATE OR REPLACE TEMP TABLE stage_new AS SELECT 1', ['stage_new']],
    ['DROP TABLE IF EXISTS wh_stage', ['wh_stage']],
    ['WITH x AS (SELECT 1) INSERT INTO reputation SELECT * FROM x', ['reputation']],
    ['/* note */ UPDATE events SET recipient = s.recipient FROM stage s WHERE events.id = s.id', ['events']],
  ])('writes %s', (sql, tables) => {
    expect(writtenTables(sql)).toEqual(tables);
  });

  it.each([
    ['CREATE INDEX sends_stream_time ON sends (stream, sent_at)'],
    ['CREATE SEQUENCE s START 1'],
    ['VACUUM'],
    ['CALL some_procedure()'],
  ])('a write it cannot name invalidates everything: %s', (sql) => {
    expect(writtenTables(sql)).toEqual([ANY_TABLE]);
  });
});

describe('StoreVersions', () => {
  it('changes a stamp only when one of its tables (or an unnamed one) is written', () => {
    const v = new StoreVersions();
    const before = v.stamp(['sends', 'incidents']);
    v.bump(['annotations']);
    expect(v.stamp(['sends', 'incidents'])).toBe(before);
    v.bump(['incidents']);
    const afterIncident = v.stamp(['sends', 'incidents']);
    expect(afterIncident).not.toBe(before);
    v.bump([ANY_TABLE]);
    expect(v.stamp(['sends', 'incidents'])).not.toBe(afterIncident);
  });
});
