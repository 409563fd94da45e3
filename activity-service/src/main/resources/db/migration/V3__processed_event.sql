-- Idempotent consumer (UserDataErased): an event id is recorded in the same transaction as its effects.
CREATE TABLE processed_event (
  event_id     uuid        NOT NULL,
  consumer     text        NOT NULL,
  processed_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (event_id, consumer)
);
