-- Which vendor account belongs to which athlete. One vendor user ↔ one athlete, both ways.
-- Today the athlete types their Garmin user id (POST /device-links/garmin); when the OAuth
-- flow replaces that, it writes the same row (plus tokens in their own table).
CREATE TABLE device_link (
  vendor         text        NOT NULL CHECK (vendor IN ('GARMIN')),
  vendor_user_id text        NOT NULL,
  athlete_id     text        NOT NULL,
  linked_at      timestamptz NOT NULL,
  -- the vendor's current permission set (Garmin userPermissionsChange), null until one arrives
  permissions    text[],
  permissions_changed_at timestamptz,
  PRIMARY KEY (vendor, vendor_user_id),
  UNIQUE (vendor, athlete_id)
);

-- Every vendor summary as received, one row per (vendor user, summary type, dedupe key).
-- An update replaces the payload (last write wins); an identical redelivery has the same
-- content hash and changes nothing. athlete_id is null when no link existed on arrival.
CREATE TABLE webhook_inbox (
  id             uuid        PRIMARY KEY,
  vendor         text        NOT NULL,
  vendor_user_id text        NOT NULL,
  summary_type   text        NOT NULL,
  summary_key    text        NOT NULL,
  athlete_id     text,
  payload        jsonb       NOT NULL,
  content_hash   text        NOT NULL,
  received_at    timestamptz NOT NULL,
  updated_at     timestamptz NOT NULL,
  version        integer     NOT NULL DEFAULT 1,
  UNIQUE (vendor, vendor_user_id, summary_type, summary_key)
);
CREATE INDEX webhook_inbox_athlete ON webhook_inbox (athlete_id, summary_type);
