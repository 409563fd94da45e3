-- Apple samples in our units, whatever brought them (the phone's webhook, Health Auto Export, an
-- export.xml import), one row per sample identity: a re-sent or re-imported sample is the same row.
CREATE TABLE apple_sample (
  athlete_id  text             NOT NULL,
  type        text             NOT NULL CHECK (type IN ('HRV_SDNN', 'RESTING_HR', 'SLEEP_STAGE', 'SLEEP_NIGHT', 'WORKOUT')),
  source      text             NOT NULL,
  stage       text             NOT NULL DEFAULT '',
  start_at    timestamptz      NOT NULL,
  end_at      timestamptz      NOT NULL,
  -- the sample's UTC offset at its end, and the local date it gives (its physiological day)
  end_offset_seconds integer   NOT NULL,
  local_date  date             NOT NULL,
  value       double precision,
  unit        text,
  -- SLEEP_NIGHT totals or WORKOUT detail
  detail      jsonb,
  PRIMARY KEY (athlete_id, type, source, stage, start_at, end_at)
);
CREATE INDEX apple_sample_day ON apple_sample (athlete_id, local_date);

-- What was last announced for an athlete-day and kind (HRV, RESTING_HR, SLEEP): a day recomputed
-- to the same value is not announced again.
CREATE TABLE apple_daily_input (
  athlete_id   text        NOT NULL,
  local_date   date        NOT NULL,
  kind         text        NOT NULL,
  value        jsonb       NOT NULL,
  content_hash text        NOT NULL,
  event_id     uuid        NOT NULL,
  updated_at   timestamptz NOT NULL,
  PRIMARY KEY (athlete_id, local_date, kind)
);

-- export.xml imports and their progress, as GET /imports/{id} shows them.
CREATE TABLE apple_import (
  id              uuid        PRIMARY KEY,
  athlete_id      text        NOT NULL,
  state           text        NOT NULL CHECK (state IN ('QUEUED', 'VALIDATING', 'IMPORTING', 'DONE', 'FAILED')),
  content_hash    text        NOT NULL,
  bytes           bigint      NOT NULL,
  records_read    bigint      NOT NULL DEFAULT 0,
  accepted        bigint      NOT NULL DEFAULT 0,
  skipped         bigint      NOT NULL DEFAULT 0,
  skipped_reasons jsonb       NOT NULL DEFAULT '{}',
  days_affected   integer     NOT NULL DEFAULT 0,
  events          integer     NOT NULL DEFAULT 0,
  duplicate_of    uuid,
  error           text,
  created_at      timestamptz NOT NULL,
  updated_at      timestamptz NOT NULL,
  finished_at     timestamptz
);
CREATE INDEX apple_import_athlete ON apple_import (athlete_id, created_at DESC);
