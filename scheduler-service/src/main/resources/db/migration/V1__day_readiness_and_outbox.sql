-- The readiness the scheduler last acted on for each athlete and date (the latest state of the day wins).
CREATE TABLE day_readiness (
  athlete_id          text        NOT NULL,
  local_date          date        NOT NULL,
  directive           text        NOT NULL,
  statuses            jsonb       NOT NULL,
  body_state_event_id uuid        NOT NULL,
  computed_at         timestamptz NOT NULL,
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
