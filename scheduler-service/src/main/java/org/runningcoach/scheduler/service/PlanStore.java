package org.runningcoach.scheduler.service;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.runningcoach.scheduler.domain.Change;
import org.runningcoach.scheduler.repository.WorkoutRows;

/** The active plan of an athlete (locked for the transaction) and the adaptation log. */
@ApplicationScoped
public class PlanStore {

  public enum Actor { ENGINE, ATHLETE }

  /** The athlete's active plan row, locked so that concurrent adaptations of one athlete queue up; null without a plan. */
  public Uni<Row> lockActivePlan(SqlConnection tx, String athleteId) {
    return tx.preparedQuery("SELECT * FROM training_plan WHERE athlete_id = $1 AND active FOR UPDATE")
        .execute(Tuple.of(athleteId))
        .map(rows -> rows.size() == 0 ? null : rows.iterator().next());
  }

  public Uni<Void> log(SqlConnection tx, String athleteId, UUID planId, List<Change> changes, Actor actor,
      UUID causedBy, Instant at) {
    if (changes.isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    List<Tuple> batch = new ArrayList<>();
    int i = 0;
    for (Change c : changes) {
      // Entries of one transaction keep their order: a microsecond apart.
      batch.add(Tuple.from(new Object[] {UUID.randomUUID(), athleteId, planId, c.workoutId(), c.after().date(),
          c.before().describe(), c.after().describe(), WorkoutRows.toJson(c.before()), WorkoutRows.toJson(c.after()),
          c.rule(), c.reason(), actor.name(), causedBy, at.plusNanos(1000L * i++).atOffset(ZoneOffset.UTC)}));
    }
    return tx.preparedQuery("""
            INSERT INTO adaptation_log (id, athlete_id, plan_id, workout_id, workout_date, before_text, after_text,
                                        before_state, after_state, rule, reason, actor, caused_by, created_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)""")
        .executeBatch(batch).replaceWithVoid();
  }
}
