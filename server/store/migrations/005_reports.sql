-- Generated weekly reports (docs/reports.md), listed and downloadable in the dashboard. One row per week × format; `json`
-- is the report's model, from which the other formats of that week are rendered, so they carry the same numbers.
-- A report is rebuilt (and its rows replaced) when asked to refresh or when the report time zone changed.
CREATE TABLE reports (
  week         VARCHAR NOT NULL,
  format       VARCHAR NOT NULL,
  time_zone    VARCHAR NOT NULL,
  generated_at TIMESTAMP NOT NULL,
  content_type VARCHAR NOT NULL,
  bytes        BLOB NOT NULL,
  PRIMARY KEY (week, format)
);
