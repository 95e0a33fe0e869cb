-- A stored evaluation is written gzip-compressed (result_gz) instead of as JSON text (result): an incident over
-- every stream holds 5,000 series and 40 MB of JSON, which DuckDB took seconds to write, five times the time of
-- writing the same result compressed (docs/performance.md). Rows written before keep their JSON, and are read as such.
ALTER TABLE evaluations ADD COLUMN result_gz BLOB;
ALTER TABLE evaluations ALTER COLUMN result DROP NOT NULL;
