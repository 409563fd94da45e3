-- Every input by athlete, local date and kind; one row per source (wearable readings, the
-- check-in) or per activity (workouts). The latest version recorded wins.
CREATE TABLE daily_input (
  athlete_id  text        NOT NULL,
  local_date  date        NOT NULL,
  kind        text        NOT NULL,
  source_key  text        NOT NULL,
  source      text        NOT NULL,
  payload     jsonb       NOT NULL,
  recorded_at timestamptz NOT NULL,
  event_id    uuid        NOT NULL,
  PRIMARY KEY (athlete_id, local_date, kind, source_key)
);

INSERT INTO daily_input (athlete_id, local_date, kind, source_key, source, payload, recorded_at, event_id)
SELECT athlete_id, local_date, 'CHECKIN', 'CHECKIN', source,
       jsonb_strip_nulls(jsonb_build_object('sleepHours', sleep_hours, 'sleepQuality', sleep_quality, 'soreness', soreness,
         'stress', stress, 'fatigue', fatigue, 'mood', mood, 'lastSessionRpe', last_session_rpe)),
       recorded_at, event_id
FROM daily_checkin;
DROP TABLE daily_checkin;

-- Sick, travel and injury windows: their days are left out of personal baselines.
CREATE TABLE life_event (
  athlete_id    text NOT NULL,
  life_event_id uuid NOT NULL,
  type          text NOT NULL,
  start_date    date NOT NULL,
  end_date      date,
  event_id      uuid NOT NULL,
  PRIMARY KEY (athlete_id, life_event_id)
);

-- What the athlete told us about themselves: physiology, baselines (priors) and life context.
CREATE TABLE athlete_profile (
  athlete_id          text PRIMARY KEY,
  sex                 text,
  birth_year          smallint,
  weight_kg           numeric(5,1),
  height_cm           numeric(5,1),
  resting_hr          smallint,
  max_hr              smallint,
  hrv_baseline_ms     numeric(6,1),
  hrv_baseline_metric text,
  travel_frequency    text,
  stress_level        smallint,
  sleep_avg_hours     numeric(4,2),
  updated_at          timestamptz NOT NULL
);
