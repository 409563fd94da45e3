-- Backfill requests an athlete made for their linked Garmin account (POST /device-links/garmin/backfill).
-- Garmin answers a backfill with 202 and later pushes the data through the webhook like any other.
CREATE TABLE garmin_backfill (
  id             uuid        PRIMARY KEY,
  athlete_id     text        NOT NULL,
  vendor_user_id text        NOT NULL,
  from_date      date        NOT NULL,
  to_date        date        NOT NULL CHECK (to_date >= from_date),
  -- RECORDED: no Garmin API configured or no user access token yet (the OAuth flow is not built)
  state          text        NOT NULL CHECK (state IN ('RECORDED', 'REQUESTED', 'FAILED')),
  detail         text,
  requested_at   timestamptz NOT NULL
);
CREATE INDEX garmin_backfill_athlete ON garmin_backfill (athlete_id, requested_at DESC);
