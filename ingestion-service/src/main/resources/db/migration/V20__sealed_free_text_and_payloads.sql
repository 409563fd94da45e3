-- Each athlete's data key, wrapped (AES-256-GCM) by the master key (service-support DataKeys).
-- The row is deleted with the athlete's other rows on Delete My Data, so sealed copies left in
-- backups can no longer be opened. athlete_id is "GARMIN:<user id>" for a Garmin user not linked yet.
CREATE TABLE athlete_key (
  athlete_id  text        NOT NULL,
  key_version integer     NOT NULL CHECK (key_version > 0),
  wrapped_key bytea       NOT NULL,
  created_at  timestamptz NOT NULL,
  PRIMARY KEY (athlete_id, key_version)
);

-- Free text and raw vendor payloads are sealed with the athlete's data key (AES-256-GCM, the
-- athlete, table and record as associated data); the numbers stay in plain columns so they can be
-- queried. Rows written before this migration are sealed by SealLegacyRows at start.
ALTER TABLE checkin ADD COLUMN notes_sealed bytea, ADD COLUMN soreness_area_sealed bytea;
ALTER TABLE life_event ADD COLUMN notes_sealed bytea;
ALTER TABLE webhook_inbox ADD COLUMN payload_sealed bytea, ALTER COLUMN payload DROP NOT NULL;
