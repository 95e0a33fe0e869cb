-- Incremental roll-up of events into sends (server/store/send-rollup.ts): a webhook batch adds its events' counts
-- to the stored row instead of re-reading every event of the send. Exactness needs two raw values the summary
-- columns do not keep: the number of injection events (injected is greatest(injections, delivered + bounced)),
-- and the earliest event of any type (sent_at is the earliest injection, else the earliest event). Both are
-- meaningful only on rows with origin 'events' (INSERT OR REPLACE by other writers keeps columns it does not
-- name, so origin is what tells). Other rows, and events rows from before this migration (left NULL here), are
-- rolled up in full from all their events when new events for their send × provider arrive.
ALTER TABLE sends ADD COLUMN injections BIGINT;
ALTER TABLE sends ADD COLUMN first_event_at TIMESTAMP;
