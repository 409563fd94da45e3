package org.runningcoach.scheduler.service;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.ZoneOffset;
import org.runningcoach.events.BodyStateComputed;
import org.runningcoach.events.EventEnvelope;

/**
 * Records the readiness of each day that the plan adapts to. The latest state of a day wins
 * (by the time it was computed), so a later, better check-in replaces an earlier one; only the
 * latest state of a day adapts the plan ({@link AdaptationService}).
 */
@ApplicationScoped
public class DayReadinessService {

  /** Records the state; true when it is the latest of its day (an older one arriving late changes nothing). */
  public Uni<Boolean> record(EventEnvelope<BodyStateComputed> event, SqlConnection tx) {
    BodyStateComputed s = event.data();
    JsonObject statuses = new JsonObject()
        .put("cardio", s.cardio().status().name()).put("muscular", s.muscular().status().name())
        .put("skeletal", s.skeletal().status().name()).put("neural", s.neural().status().name());
    return tx.preparedQuery("""
            INSERT INTO day_readiness (athlete_id, local_date, directive, statuses, body_state_event_id, computed_at)
            VALUES ($1, $2, $3, $4, $5, $6)
            ON CONFLICT (athlete_id, local_date) DO UPDATE SET
              directive = EXCLUDED.directive, statuses = EXCLUDED.statuses,
              body_state_event_id = EXCLUDED.body_state_event_id, computed_at = EXCLUDED.computed_at
            WHERE day_readiness.computed_at <= EXCLUDED.computed_at""")
        .execute(Tuple.of(s.athleteId(), s.date(), s.overall().directive().name(), statuses, event.id(),
            event.time().atOffset(ZoneOffset.UTC)))
        .map(result -> result.rowCount() == 1);
  }
}
