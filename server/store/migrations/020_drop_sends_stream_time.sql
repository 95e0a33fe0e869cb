-- notice: index sends_stream_time dropped: DuckDB can leave an index made by CREATE INDEX stale after a crash, which then refuses every update of a send row (docs/integrity.md, "An index a replay leaves stale"); no query used it
-- The only index not backing a PRIMARY KEY or UNIQUE constraint. DuckDB 1.5 replays a write-ahead log into such an
-- index lazily, and a process that replays the log and closes can write the index as it was before the log: every
-- later UPDATE of a send row it misses then fails with "Failed to delete all rows from index". DuckDB never planned
-- an index scan with it (a composite index; Rebound's reads scan sends with zone maps), so dropping it costs no read
-- and puts right a store already left that way.
DROP INDEX IF EXISTS sends_stream_time;
