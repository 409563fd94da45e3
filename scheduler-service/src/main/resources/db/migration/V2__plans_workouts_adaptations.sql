-- Training plans: one active plan per athlete; a new plan retires the previous one (kept for history).
CREATE TABLE training_plan (
  id                uuid PRIMARY KEY,
  athlete_id        text        NOT NULL,
  race_date         date        NOT NULL,
  distance          text        NOT NULL,
  goal_time_seconds integer,
  weekly_volume     numeric(7,1) NOT NULL,
  volume_unit       text        NOT NULL,
  available_days    text        NOT NULL,
  long_run_day      text        NOT NULL,
  start_date        date        NOT NULL,
  weeks             jsonb       NOT NULL,
  active            boolean     NOT NULL DEFAULT true,
  created_at        timestamptz NOT NULL
);
CREATE UNIQUE INDEX training_plan_one_active ON training_plan (athlete_id) WHERE active;

-- One row per scheduled workout. hold_for/hold_before: a readiness adaptation in force (the day whose
-- readiness caused it and the workout before it), so a later, better state of that day can undo it.
CREATE TABLE scheduled_workout (
  id              uuid PRIMARY KEY,
  plan_id         uuid        NOT NULL REFERENCES training_plan (id) ON DELETE CASCADE,
  athlete_id      text        NOT NULL,
  local_date      date        NOT NULL,
  phase           text        NOT NULL,
  type            text        NOT NULL,
  duration_min    integer,
  distance_km     numeric(5,1),
  hr_zone         smallint,
  pace_sec_per_km integer,
  status          text        NOT NULL DEFAULT 'PLANNED',
  athlete_owned   boolean     NOT NULL DEFAULT false,
  hold_for        date,
  hold_before     jsonb
);
CREATE INDEX scheduled_workout_plan_date ON scheduled_workout (plan_id, local_date);
CREATE INDEX scheduled_workout_athlete_date ON scheduled_workout (athlete_id, local_date);

-- Why the plan changed: every change by the engine or the athlete, with the rule, the reason and the cause.
CREATE TABLE adaptation_log (
  id           uuid PRIMARY KEY,
  athlete_id   text        NOT NULL,
  plan_id      uuid        NOT NULL REFERENCES training_plan (id) ON DELETE CASCADE,
  workout_id   uuid        NOT NULL,
  workout_date date        NOT NULL,
  before_text  text        NOT NULL,
  after_text   text        NOT NULL,
  before_state jsonb       NOT NULL,
  after_state  jsonb       NOT NULL,
  rule         text        NOT NULL,
  reason       text        NOT NULL,
  actor        text        NOT NULL CHECK (actor IN ('ENGINE', 'ATHLETE')),
  caused_by    uuid,
  created_at   timestamptz NOT NULL
);
CREATE INDEX adaptation_log_athlete_time ON adaptation_log (athlete_id, created_at);
