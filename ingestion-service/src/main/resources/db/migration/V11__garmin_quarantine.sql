-- Garmin items set aside instead of stored as data (unknown summary type, wrong field type, a value
-- out of physiological range), with why. Garmin got its 200; nothing here is announced.
CREATE TABLE garmin_quarantine (
  id             uuid        PRIMARY KEY,
  vendor_user_id text,
  athlete_id     text,
  summary_type   text        NOT NULL,
  reason         text        NOT NULL,
  payload        jsonb       NOT NULL,
  content_hash   text        NOT NULL,
  received_at    timestamptz NOT NULL,
  UNIQUE (summary_type, content_hash)
);
CREATE INDEX garmin_quarantine_athlete ON garmin_quarantine (athlete_id);
