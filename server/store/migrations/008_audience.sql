-- The audience guard (docs/incidents.md). Events may name their recipient (an address or the team's subscriber id), so the
-- affected audience of an incident is known: recipients of its sends, minus bounces, minus a suppression list.
ALTER TABLE events ADD COLUMN recipient VARCHAR;

-- The sends an incident is about (role 'incident': the bad send) and the apology sent for it (role 'apology'),
-- named by the team. Without incident sends, the incident's streams within its first day stand in.
CREATE TABLE incident_sends (
  incident_id VARCHAR NOT NULL,
  send_id     VARCHAR NOT NULL,
  role        VARCHAR NOT NULL,
  PRIMARY KEY (incident_id, role, send_id)
);

-- Recipient lists uploaded for an incident: 'suppression' (never to be mailed) and 'apology' (whom the apology
-- draft is meant to go to). An upload replaces the list as a whole.
CREATE TABLE incident_lists (
  incident_id VARCHAR NOT NULL,
  list        VARCHAR NOT NULL,
  recipient   VARCHAR NOT NULL,
  PRIMARY KEY (incident_id, list, recipient)
);
CREATE TABLE incident_list_uploads (
  incident_id VARCHAR NOT NULL,
  list        VARCHAR NOT NULL,
  recipients  BIGINT NOT NULL,
  uploaded_at TIMESTAMP NOT NULL,
  PRIMARY KEY (incident_id, list)
);
