-- A stored evaluation is written column-wise (server/store/evaluation-columns.ts) in parts of at most 1 MB, one row
-- each: DuckDB took about a second of CPU to write one 8 MB value and a tenth of that for the same bytes in 1 MB
-- rows (docs/performance.md). result_parts is how many parts the evaluation has; rows written before keep their
-- JSON (result) or gzipped JSON (result_gz), and are read as such.
CREATE TABLE evaluation_parts (
  incident_id VARCHAR NOT NULL,
  part INTEGER NOT NULL,
  bytes BLOB NOT NULL,
  PRIMARY KEY (incident_id, part)
);
ALTER TABLE evaluations ADD COLUMN result_parts INTEGER;
