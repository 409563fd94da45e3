-- The check-in that counts for each athlete and local date (the latest one recorded wins).
CREATE TABLE daily_checkin (
  athlete_id       text         NOT NULL,
  local_date       date         NOT NULL,
  sleep_hours      numeric(4,2) NOT NULL CHECK (sleep_hours BETWEEN 0 AND 24),
  sleep_quality    smallint     CHECK (sleep_quality BETWEEN 1 AND 10),
  soreness         smallint     NOT NULL CHECK (soreness BETWEEN 1 AND 10),
  stress           smallint     NOT NULL CHECK (stress BETWEEN 1 AND 10),
  fatigue          smallint     CHECK (fatigue BETWEEN 1 AND 10),
  mood             smallint     CHECK (mood BETWEEN 1 AND 10),
  last_session_rpe smallint     CHECK (last_session_rpe BETWEEN 1 AND 10),
  source           text         NOT NULL,
  recorded_at      timestamptz  NOT NULL,
  event_id         uuid         NOT NULL,
  PRIMARY KEY (athlete_id, local_date)
);

-- The current BodyState of each athlete and date: the BodyStateComputed data as announced.
CREATE TABLE body_state (
  athlete_id  text        NOT NULL,
  local_date  date        NOT NULL,
  state       jsonb       NOT NULL,
  event_id    uuid        NOT NULL,
  computed_at timestamptz NOT NULL,
  PRIMARY KEY (athlete_id, local_date)
);

-- Idempotent consumer: an event id is recorded in the same transaction as its effects.
CREATE TABLE processed_event (
  event_id     uuid        NOT NULL,
  consumer     text        NOT NULL,
  processed_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (event_id, consumer)
);

-- Transactional outbox: written with the state change, published and deleted by the relay.
CREATE TABLE outbox (
  seq        bigserial PRIMARY KEY,
  event_id   uuid        NOT NULL UNIQUE,
  topic      text        NOT NULL,
  event_key  text        NOT NULL,
  payload    text        NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
