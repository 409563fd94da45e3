-- Workouts: one row per counted activity, with its metrics and loads.
CREATE TABLE activity (
  id                          uuid PRIMARY KEY,
  athlete_id                  text        NOT NULL,
  source                      text        NOT NULL CHECK (source IN ('FILE', 'MANUAL')),
  format                      text        NOT NULL CHECK (format IN ('FIT', 'TCX', 'GPX', 'JSON')),
  sport                       text        NOT NULL,
  start_time                  timestamptz NOT NULL,
  utc_offset_seconds          integer,              -- null: the source did not say; local_date is then in UTC
  local_date                  date        NOT NULL,
  time_note                   text,
  elapsed_seconds             integer     NOT NULL CHECK (elapsed_seconds >= 0),
  moving_seconds              integer     NOT NULL CHECK (moving_seconds >= 0),
  timer_seconds               integer     NOT NULL CHECK (timer_seconds >= 0),
  distance_meters             double precision CHECK (distance_meters >= 0),
  avg_hr                      smallint,
  max_hr                      smallint,
  elevation_gain_meters       double precision,
  elevation_loss_meters       double precision,
  avg_pace_seconds_per_km     double precision,
  avg_cadence                 double precision,
  avg_ground_contact_ms       double precision,
  avg_vertical_oscillation_mm double precision,
  avg_power_watts             double precision,
  rr_intervals_ms             integer[],
  rmssd_ms                    double precision,
  rpe                         smallint CHECK (rpe BETWEEN 1 AND 10),
  notes                       text,
  srpe_load                   double precision,
  impact_load                 double precision NOT NULL,
  hr_seconds_by_bpm           jsonb,
  sample_count                integer     NOT NULL,
  content_sha256              text,                 -- null for JSON summaries
  received_at                 timestamptz NOT NULL,
  event_id                    uuid        NOT NULL UNIQUE
);
CREATE UNIQUE INDEX activity_athlete_content ON activity (athlete_id, content_sha256) WHERE content_sha256 IS NOT NULL;
CREATE INDEX activity_athlete_start ON activity (athlete_id, start_time DESC, id);

-- Copies that were recognised as an activity already counted: which copy won, and why.
CREATE TABLE activity_duplicate (
  id                uuid PRIMARY KEY,
  athlete_id        text        NOT NULL,
  kept_activity_id  uuid        NOT NULL REFERENCES activity (id) ON DELETE CASCADE,
  reason            text        NOT NULL CHECK (reason IN ('SAME_FILE', 'SAME_RUN')),
  source            text        NOT NULL,
  format            text        NOT NULL,
  start_time        timestamptz NOT NULL,
  elapsed_seconds   integer     NOT NULL,
  content_sha256    text,
  received_at       timestamptz NOT NULL
);
CREATE INDEX activity_duplicate_kept ON activity_duplicate (kept_activity_id, received_at);

-- Sample streams, written in one bulk statement per activity. The primary key serves "this
-- activity's streams" in time order; the second index "this athlete's samples in a time range".
CREATE TABLE activity_sample (
  activity_id  uuid        NOT NULL REFERENCES activity (id) ON DELETE CASCADE,
  athlete_id   text        NOT NULL,
  t            timestamptz NOT NULL,
  hr           smallint,
  lat          double precision,
  lon          double precision,
  altitude_m   real,
  speed_mps    real,
  cadence      real,
  power_w      smallint,
  PRIMARY KEY (activity_id, t)
);
CREATE INDEX activity_sample_athlete_time ON activity_sample (athlete_id, t);
