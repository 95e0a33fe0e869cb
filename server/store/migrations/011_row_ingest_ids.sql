-- Which run last wrote each keyed row (docs/integrity.md). DuckDB can bring back, on replaying its write-ahead log
-- after a kill, the large appends of a transaction whose commit never finished (row groups written to the database
-- file ahead of the commit), without the rest of that transaction. Events already carry their run's id; with these
-- columns the rows such a replay can bring into sends, seed tests and reputation carry it too, so the open-time check
-- can take out exactly what an unfinished run left. NULL on rows from before this migration: their runs finished.
ALTER TABLE sends ADD COLUMN ingest_id BIGINT;
ALTER TABLE seed_tests ADD COLUMN ingest_id BIGINT;
ALTER TABLE reputation ADD COLUMN ingest_id BIGINT;

-- How far the open-time check has looked at events: runs up to this id were all finished when it last ran, so their
-- events need no second look and the check reads only events stored since (docs/integrity.md).
CREATE TABLE store_check (
  events_through BIGINT NOT NULL,
  checked_at     TIMESTAMP NOT NULL
);
