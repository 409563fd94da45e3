-- Life events the athlete reports (sick, travelling, injured). Notes stay here; they never travel in events.
CREATE TABLE life_event (
  id                  uuid PRIMARY KEY,
  athlete_id          text        NOT NULL,
  type                text        NOT NULL CHECK (type IN ('SICK', 'TRAVEL', 'INJURY')),
  start_date          date        NOT NULL,
  end_date            date        CHECK (end_date IS NULL OR end_date >= start_date),
  below_neck_symptoms boolean     NOT NULL DEFAULT false,
  fever               boolean     NOT NULL DEFAULT false,
  notes               text,
  received_at         timestamptz NOT NULL,
  event_id            uuid        NOT NULL UNIQUE
);
CREATE INDEX life_event_athlete_start ON life_event (athlete_id, start_date);
