-- A send summary that stands for every provider of its send (docs/sources.md, "Pulled summaries and webhook events
-- of the same ESP"): an ESP pull without a provider dimension (Postmark, SendGrid categories) counts a whole
-- stream-day, which it stores as provider 'other'. Such a row replaces the send's rows rolled up from events or a
-- warehouse for the other providers, and later events of the send add no rows (server/store/send-coverage.ts), so
-- no message is counted in both. NULL on every other row.
ALTER TABLE sends ADD COLUMN all_providers BOOLEAN;

-- Mailgun signature tokens seen within the signature window (docs/webhooks.md, "Authentication and replays"): a token is
-- refused while it is here, so a captured post cannot be replayed, even right after a restart. Only a hash of the
-- token is kept; rows past expires_at are pruned. No key: the server holding the store is the only writer, and it
-- claims a token in memory before writing it.
CREATE TABLE webhook_tokens (
  esp        VARCHAR NOT NULL,
  token_hash VARCHAR NOT NULL,
  expires_at TIMESTAMP NOT NULL
);
