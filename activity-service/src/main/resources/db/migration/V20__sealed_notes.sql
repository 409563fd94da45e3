-- Each athlete's data key, wrapped (AES-256-GCM) by the master key (service-support DataKeys);
-- deleted with the athlete's other rows on Delete My Data, so sealed copies in backups stay closed.
CREATE TABLE athlete_key (
  athlete_id  text        NOT NULL,
  key_version integer     NOT NULL CHECK (key_version > 0),
  wrapped_key bytea       NOT NULL,
  created_at  timestamptz NOT NULL,
  PRIMARY KEY (athlete_id, key_version)
);

-- The athlete's free-text notes are sealed with their data key; metrics and loads stay plain.
-- Notes written before this migration are sealed by SealLegacyNotes at start.
ALTER TABLE activity ADD COLUMN notes_sealed bytea;
