-- Incremental roll-up of events into sends (server/store/send-rollup.ts): a webhook batch adds its events' counts
-- to the stored row instead of re-reading every event of the send. Exactness needs two raw values the summary
-- columns do not keep: the number of injection events (injected is greatest(injections, delivered + bounced)),
-- and the earliest event of any type (sent_at is the earliest injection, else the earliest event). Both are
-- meaningful only on rows with origin 'events'; other rows (and events rows from before this migration, left
-- NULL here) are rolled up in full from their events the next time an ingest touches their send.
ALTER TABLE sends ADD COLUMN injections BIGINT;
ALTER TABLE sends ADD COLUMN first_event_at TIMESTAMP;
