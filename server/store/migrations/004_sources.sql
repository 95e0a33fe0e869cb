-- Reputation and mailbox-provider data (docs/data-formats.md): one value per day × subject (a sending domain or an IP) ×
-- source (postmaster, snds, …) × metric. Ordinal metrics keep their level text beside the numeric level index
-- (worst = 0, shared/metrics.ts), so a chart can show "MEDIUM" and the statistics can use 2. A re-pull of the
-- same day replaces the row (Postmaster revises a day's value within about two days).
CREATE TABLE reputation (
  date       DATE NOT NULL,
  subject    VARCHAR NOT NULL,
  source     VARCHAR NOT NULL,
  metric     VARCHAR NOT NULL,
  value      DOUBLE NOT NULL,
  level      VARCHAR,
  PRIMARY KEY (date, subject, source, metric)
);

-- One row per pulled or pushed source (bigquery, postmaster, snds, webhook:sendgrid, …): what the data page
-- shows. The watermark is the newest event time a pull has aggregated; the next pull starts a lateness window
-- before it, so late-arriving events are re-aggregated (the upsert by send × provider makes that safe).
CREATE TABLE source_state (
  source        VARCHAR PRIMARY KEY,
  watermark     TIMESTAMP,
  last_run_at   TIMESTAMP,
  last_ok_at    TIMESTAMP,
  last_rows     BIGINT NOT NULL DEFAULT 0,
  total_rows    BIGINT NOT NULL DEFAULT 0,
  runs          BIGINT NOT NULL DEFAULT 0,
  failures      BIGINT NOT NULL DEFAULT 0,
  last_error    VARCHAR
);

-- Amazon SNS subscription confirmations received on the SES webhook. Only a signed confirmation for an
-- allow-listed topic (SES_SNS_TOPIC_ARNS) is recorded and then confirmed by fetching its SubscribeURL (an
-- https sns.<region>.amazonaws.com address); confirm_error keeps why a confirmation failed.
CREATE TABLE sns_subscriptions (
  topic_arn     VARCHAR NOT NULL,
  message_id    VARCHAR NOT NULL,
  subscribe_url VARCHAR NOT NULL,
  received_at   TIMESTAMP NOT NULL,
  confirmed_at  TIMESTAMP,
  confirm_error VARCHAR,
  PRIMARY KEY (topic_arn, message_id)
);
