-- Quarantined Garmin items are raw vendor payloads like the inbox's: sealed at rest with the
-- owner's data key (the athlete's, else the Garmin user's own), the plain column kept only for
-- rows written before this migration until SealLegacyRows has sealed them at start.
ALTER TABLE garmin_quarantine ADD COLUMN payload_sealed bytea, ALTER COLUMN payload DROP NOT NULL;
