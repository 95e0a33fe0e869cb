-- Raw events (docs/data-formats.md). event_key is the MD5 of the event_id, or of the record's content when it has none, so
-- that loading the same data twice stores it once. No PRIMARY KEY or index: DuckDB keeps ART indexes in memory,
-- which a table of hundreds of millions of events cannot afford; ingests dedupe by an anti-join instead, and
-- merges are serialised (Db.transaction), so two loads of the same event cannot race.
CREATE TABLE events (
  event_key    UHUGEINT NOT NULL,
  event_id     VARCHAR,
  type         VARCHAR NOT NULL,
  ts           TIMESTAMP NOT NULL,
  send_id      VARCHAR NOT NULL,
  stream       VARCHAR NOT NULL,
  provider     VARCHAR NOT NULL,
  bounce_class VARCHAR,
  smtp_code    INTEGER,
  diagnostic   VARCHAR,
  message_id   VARCHAR,
  ingest_id    BIGINT NOT NULL
);

-- Send summaries per send × provider (docs/data-formats.md): loaded as such (origin 'summary') or rolled up from events
-- (origin 'events'). A summary, being the ESP's own count, is never overwritten by a partial event roll-up.
CREATE TABLE sends (
  send_id       VARCHAR NOT NULL,
  provider      VARCHAR NOT NULL,
  stream        VARCHAR NOT NULL,
  sent_at       TIMESTAMP NOT NULL,
  injected      BIGINT NOT NULL,
  delivered     BIGINT NOT NULL,
  bounced_hard  BIGINT NOT NULL,
  bounced_soft  BIGINT NOT NULL,
  bounced_block BIGINT NOT NULL,
  complaints    BIGINT NOT NULL,
  unsubscribes  BIGINT NOT NULL,
  opens         BIGINT,
  clicks        BIGINT,
  origin        VARCHAR NOT NULL,
  updated_at    TIMESTAMP NOT NULL,
  PRIMARY KEY (send_id, provider)
);
CREATE INDEX sends_stream_time ON sends (stream, sent_at);

-- Seed-list placement tests (docs/data-formats.md).
CREATE TABLE seed_tests (
  send_id   VARCHAR NOT NULL,
  provider  VARCHAR NOT NULL,
  stream    VARCHAR NOT NULL,
  tested_at TIMESTAMP NOT NULL,
  seeds     BIGINT NOT NULL,
  inbox     BIGINT NOT NULL,
  spam      BIGINT NOT NULL,
  missing   BIGINT NOT NULL,
  PRIMARY KEY (send_id, provider, tested_at)
);

CREATE SEQUENCE ingest_runs_seq START 1;
CREATE TABLE ingest_runs (
  id             BIGINT PRIMARY KEY,
  source         VARCHAR NOT NULL,
  kind           VARCHAR,
  format         VARCHAR,
  started_at     TIMESTAMP NOT NULL,
  finished_at    TIMESTAMP,
  status         VARCHAR NOT NULL,
  rows_read      BIGINT NOT NULL DEFAULT 0,
  rows_stored    BIGINT NOT NULL DEFAULT 0,
  rows_duplicate BIGINT NOT NULL DEFAULT 0,
  rows_rejected  BIGINT NOT NULL DEFAULT 0,
  error          VARCHAR
);

CREATE SEQUENCE incidents_seq START 1;
CREATE TABLE incidents (
  id            VARCHAR PRIMARY KEY,
  title         VARCHAR NOT NULL,
  kind          VARCHAR NOT NULL,
  severity      VARCHAR NOT NULL,
  occurred_at   TIMESTAMP NOT NULL,
  contained_at  TIMESTAMP,
  resolved_at   TIMESTAMP,
  streams       VARCHAR[] NOT NULL,
  providers     VARCHAR[],
  baseline_days INTEGER NOT NULL,
  monitor_days  INTEGER NOT NULL,
  notes         VARCHAR,
  demo          BOOLEAN NOT NULL DEFAULT false,
  created_at    TIMESTAMP NOT NULL,
  updated_at    TIMESTAMP NOT NULL
);

-- The six-step response checklist, one row per incident × step.
CREATE TABLE incident_steps (
  incident_id VARCHAR NOT NULL,
  step        VARCHAR NOT NULL,
  position    INTEGER NOT NULL,
  owner       VARCHAR,
  done_at     TIMESTAMP,
  PRIMARY KEY (incident_id, step)
);
