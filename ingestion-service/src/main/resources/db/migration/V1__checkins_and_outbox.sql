-- Morning check-ins: every submission is kept; the latest for a date is the one that counts.
CREATE TABLE checkin (
  id               uuid PRIMARY KEY,
  athlete_id       text        NOT NULL,
  local_date       date        NOT NULL,
  sleep_hours      numeric(4,2) NOT NULL CHECK (sleep_hours BETWEEN 0 AND 24),
  sleep_quality    smallint    CHECK (sleep_quality BETWEEN 1 AND 10),
  soreness         smallint    NOT NULL CHECK (soreness BETWEEN 1 AND 10),
  soreness_area    text,
  stress           smallint    NOT NULL CHECK (stress BETWEEN 1 AND 10),
  fatigue          smallint    CHECK (fatigue BETWEEN 1 AND 10),
  mood             smallint    CHECK (mood BETWEEN 1 AND 10),
  last_session_rpe smallint    CHECK (last_session_rpe BETWEEN 1 AND 10),
  notes            text,
  received_at      timestamptz NOT NULL,
  event_id         uuid        NOT NULL UNIQUE
);
CREATE INDEX checkin_athlete_date ON checkin (athlete_id, local_date, received_at DESC);

-- Transactional outbox: written with the state change, published and deleted by the relay.
CREATE TABLE outbox (
  seq        bigserial PRIMARY KEY,
  event_id   uuid        NOT NULL UNIQUE,
  topic      text        NOT NULL,
  event_key  text        NOT NULL,
  payload    text        NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
