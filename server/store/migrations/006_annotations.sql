-- Timeline annotations of an incident (docs/incidents.md): campaign paused, apology sent, provider ticket, fix deployed, other.
-- Drawn on the incident's recovery charts; listed in time order, so the table is read by incident_id then at.
CREATE SEQUENCE annotations_seq START 1;
CREATE TABLE annotations (
  id          VARCHAR PRIMARY KEY,
  incident_id VARCHAR NOT NULL,
  "at"        TIMESTAMP NOT NULL, -- quoted: AT is a keyword in DuckDB
  kind        VARCHAR NOT NULL,
  label       VARCHAR NOT NULL,
  created_at  TIMESTAMP NOT NULL
);
