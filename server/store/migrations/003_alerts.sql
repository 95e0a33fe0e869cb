-- Alert rules (docs/alerts.md). metric NULL = every metric; streams/providers NULL = all; recipients NULL = ALERT_TO.
CREATE SEQUENCE alert_rules_seq START 1;
CREATE TABLE alert_rules (
  id           VARCHAR PRIMARY KEY,
  name         VARCHAR NOT NULL,
  metric       VARCHAR,
  streams      VARCHAR[],
  providers    VARCHAR[],
  condition    VARCHAR NOT NULL,
  threshold    DOUBLE,
  consecutive  INTEGER NOT NULL,
  recipients   VARCHAR[],
  repeat_hours INTEGER NOT NULL,
  enabled      BOOLEAN NOT NULL,
  builtin      BOOLEAN NOT NULL,
  created_at   TIMESTAMP NOT NULL,
  updated_at   TIMESTAMP NOT NULL
);

-- Defaults that exist from the start: severe dips during an incident, and the 0.3% spam-rate limit of the
-- Gmail and Yahoo bulk sender requirements (2024), both for complaints we count and for Postmaster's figure.
INSERT INTO alert_rules VALUES
  ('rule-severe', 'Severe dip during an incident', NULL, NULL, NULL, 'severe', NULL, 1, NULL, 24, true, true, now()::TIMESTAMP, now()::TIMESTAMP),
  ('rule-complaint-limit', 'Complaint rate at or above 0.3% (Gmail/Yahoo limit)', 'complaint_rate', NULL, NULL, 'threshold', 0.003, 1, NULL, 24, true, true, now()::TIMESTAMP, now()::TIMESTAMP),
  ('rule-gmail-spam-limit', 'Gmail spam rate at or above 0.3% (Postmaster)', 'gmail_spam_rate', NULL, NULL, 'threshold', 0.003, 1, NULL, 24, true, true, now()::TIMESTAMP, now()::TIMESTAMP);

-- One row per rule × incident × series: where its state machine stands.
CREATE TABLE alert_states (
  rule_id          VARCHAR NOT NULL,
  incident_id      VARCHAR NOT NULL,
  metric           VARCHAR NOT NULL,
  stream           VARCHAR NOT NULL,
  provider         VARCHAR NOT NULL,
  state            VARCHAR NOT NULL,
  since            TIMESTAMP NOT NULL,
  last_notified_at TIMESTAMP,
  value            DOUBLE,
  PRIMARY KEY (rule_id, incident_id, metric, stream, provider)
);

-- Every notification (firing, reminder, resolved), with what crossed what, and the email that carried it.
CREATE SEQUENCE alert_notifications_seq START 1;
CREATE TABLE alert_notifications (
  id          BIGINT PRIMARY KEY,
  rule_id     VARCHAR NOT NULL,
  incident_id VARCHAR NOT NULL,
  metric      VARCHAR NOT NULL,
  stream      VARCHAR NOT NULL,
  provider    VARCHAR NOT NULL,
  kind        VARCHAR NOT NULL,
  observed_at TIMESTAMP NOT NULL,
  value       DOUBLE,
  baseline    DOUBLE,
  threshold   DOUBLE,
  numerator   BIGINT,
  denominator BIGINT,
  since       TIMESTAMP NOT NULL,
  outbox_id   VARCHAR
);

-- The durable outbox: a message is written here in the same transaction as the alert state that caused it, and
-- delivered (with retries and backoff) afterwards. id is the idempotency key; message_id is stable per message.
CREATE TABLE outbox (
  id              VARCHAR PRIMARY KEY,
  message_id      VARCHAR NOT NULL,
  recipients      VARCHAR[] NOT NULL,
  subject         VARCHAR NOT NULL,
  text_body       VARCHAR NOT NULL,
  html_body       VARCHAR NOT NULL,
  attachments     JSON,
  status          VARCHAR NOT NULL,
  attempts        INTEGER NOT NULL DEFAULT 0,
  created_at      TIMESTAMP NOT NULL,
  next_attempt_at TIMESTAMP,
  sent_at         TIMESTAMP,
  last_error      VARCHAR
);
