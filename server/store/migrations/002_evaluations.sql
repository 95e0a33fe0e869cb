-- The latest recovery evaluation of each incident (the recovery JSON of docs/data-formats.md without the incident object), and one row per
-- evaluation run of the scheduler so failures are recorded, not just logged.
CREATE TABLE evaluations (
  incident_id  VARCHAR PRIMARY KEY,
  evaluated_at TIMESTAMP NOT NULL,
  status       VARCHAR NOT NULL,
  result       JSON NOT NULL
);

CREATE SEQUENCE job_runs_seq START 1;
CREATE TABLE job_runs (
  id          BIGINT PRIMARY KEY,
  job         VARCHAR NOT NULL,
  started_at  TIMESTAMP NOT NULL,
  finished_at TIMESTAMP NOT NULL,
  ok          BOOLEAN NOT NULL,
  summary     VARCHAR NOT NULL
);
