-- Alert channels besides email (docs/alerts.md): the outbox carries JSON webhook and Slack posts too, and a rule
-- may name the channels it uses. An existing row is an email (the default fills it in).
ALTER TABLE outbox ADD COLUMN channel VARCHAR DEFAULT 'email';
-- Which configured endpoint a post goes to: a digest of its URL, never the URL (a Slack webhook URL is a secret,
-- and the store is backed up and copied more casually than the environment).
ALTER TABLE outbox ADD COLUMN target VARCHAR;
-- NULL: every configured channel (email, webhook, slack); else only those named.
ALTER TABLE alert_rules ADD COLUMN channels VARCHAR[];

-- One notification travels in one message per channel target; this says which, so its delivery status can be
-- read for each channel.
CREATE TABLE alert_notification_messages (
  notification_id BIGINT NOT NULL,
  outbox_id       VARCHAR NOT NULL,
  PRIMARY KEY (notification_id, outbox_id)
);
