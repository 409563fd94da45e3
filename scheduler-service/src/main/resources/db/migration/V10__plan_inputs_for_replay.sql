-- A plan is rebuilt from what it was made of: the request it was generated from and every input applied to it
-- since, in order (POST /plans/current/replay-check). Plans created before this version have no request and
-- cannot be rebuilt.
ALTER TABLE training_plan ADD COLUMN request jsonb;

-- Each input applied to a plan, numbered in the order applied (under the plan's row lock): the latest readiness
-- of a day, a life event, or the athlete's skip / done / move. Only inputs that reached the plan are kept (an older
-- state of a day arriving late, or a refused move, never did).
CREATE TABLE plan_input (
  plan_id     uuid        NOT NULL REFERENCES training_plan (id) ON DELETE CASCADE,
  seq         integer     NOT NULL,
  athlete_id  text        NOT NULL,
  kind        text        NOT NULL CHECK (kind IN ('READINESS', 'LIFE_EVENT', 'SKIP', 'DONE', 'MOVE')),
  input       jsonb       NOT NULL,
  event_id    uuid,
  received_at timestamptz NOT NULL,
  PRIMARY KEY (plan_id, seq)
);
CREATE INDEX plan_input_athlete ON plan_input (athlete_id);

-- The input whose application wrote the log entry (null before this version).
ALTER TABLE adaptation_log ADD COLUMN input_seq integer;
