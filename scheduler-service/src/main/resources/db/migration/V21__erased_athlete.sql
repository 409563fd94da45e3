-- Erasure marker (service-support AthleteData.erase, IdempotentConsumer): an event about an
-- erased athlete that was already in flight when the erasure happened (its time is before
-- erased_at) is skipped, so it cannot bring back a row the erasure deleted. The athlete is named
-- by the SHA-256 of their id, never the id itself: after Delete My Data no table holds the id.
CREATE TABLE erased_athlete (
  athlete_id_sha256 text        PRIMARY KEY,
  erased_at         timestamptz NOT NULL
);
