-- Transactional outbox: written with the state change, published and deleted by the relay.
-- Activities, their metrics and sample streams arrive with the activity pipeline.
CREATE TABLE outbox (
  seq        bigserial PRIMARY KEY,
  event_id   uuid        NOT NULL UNIQUE,
  topic      text        NOT NULL,
  event_key  text        NOT NULL,
  payload    text        NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
