-- Suspected incidents (docs/watch.md): the dips no declared incident explains, grouped, kept so that their ids are
-- stable across evaluation runs and their status (open, declared, dismissed) is remembered. members holds
-- "metric|stream|provider" keys, what a later run's dips are matched on; evidence the member series as JSON.
CREATE SEQUENCE suspects_seq START 1;
CREATE TABLE suspects (
  id             VARCHAR PRIMARY KEY,
  status         VARCHAR NOT NULL,
  first_seen_at  TIMESTAMP NOT NULL,
  last_seen_at   TIMESTAMP NOT NULL,
  streams        VARCHAR[] NOT NULL,
  providers      VARCHAR[] NOT NULL,
  metrics        VARCHAR[] NOT NULL,
  members        VARCHAR[] NOT NULL,
  summary        VARCHAR NOT NULL,
  evidence       JSON NOT NULL,
  detected_at    TIMESTAMP NOT NULL,
  updated_at     TIMESTAMP NOT NULL,
  incident_id    VARCHAR,
  declared_at    TIMESTAMP,
  dismissed_by   VARCHAR,
  dismiss_reason VARCHAR,
  dismissed_at   TIMESTAMP
);

-- The watch's latest run (one row): what it looked at, so "no suspects" can say over what.
CREATE TABLE watch_runs (
  evaluated_at  TIMESTAMP NOT NULL,
  window_from   TIMESTAMP NOT NULL,
  window_to     TIMESTAMP NOT NULL,
  baseline_from TIMESTAMP NOT NULL,
  watched       INTEGER NOT NULL,
  tested        INTEGER NOT NULL,
  dipped        INTEGER NOT NULL
);
