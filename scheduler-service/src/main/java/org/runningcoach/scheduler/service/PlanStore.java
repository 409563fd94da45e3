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
import java.time.LocalDate;
import org.runningcoach.scheduler.config.SchedulerConfig;
import org.runningcoach.scheduler.domain.AdaptationEngine;
import org.runningcoach.scheduler.domain.Change;
import org.runningcoach.scheduler.domain.Outcome;
import org.runningcoach.scheduler.domain.PlanException;
import org.runningcoach.scheduler.domain.PlanInput;
import org.runningcoach.scheduler.repository.PlanJournal;
import org.runningcoach.scheduler.repository.WorkoutRows;

/** The active plan of an athlete (locked for the transaction) and the adaptation log. */
@ApplicationScoped
public class PlanStore {

  public enum Actor { ENGINE, ATHLETE }

  private final AdaptationEngine engine;

  public PlanStore(SchedulerConfig config) {
    this.engine = new AdaptationEngine(config.rules());
  }

  public AdaptationEngine engine() {
    return engine;
  }

  /** The first day of a plan row. */
  public static LocalDate first(Row plan) {
    return plan.getLocalDate("start_date");
  }

  /** The last day of a plan row: the day before the race. */
  public static LocalDate last(Row plan) {
    return plan.getLocalDate("race_date").minusDays(1);
  }

  /**
   * Applies one input to the athlete's locked plan: the engine's outcome is saved, the input joins
   * the plan's journal and its changes are logged under the input's number, all in the caller's
   * transaction. A change the athlete asked for that cannot be honoured fails with
   * {@link PlanException} and nothing is written. A life event the plan already took (the same
   * type, dates and symptoms, reported again under a new event id) changes nothing and is not kept
   * again: its protocols are not idempotent on their own (a second load cap would cap the capped week).
   */
  public Uni<Outcome> apply(SqlConnection tx, String athleteId, Row plan, PlanInput input, Instant now) {
    UUID planId = plan.getUUID("id");
    return PlanJournal.holdsLifeEvent(tx, planId, input).flatMap(seen -> seen ? Uni.createFrom().item(NOTHING)
        : WorkoutRows.ofPlan(tx, planId).flatMap(workouts -> {
      Outcome outcome;
      try {
        outcome = engine.apply(workouts, input, first(plan), last(plan));
      } catch (PlanException e) {
        return Uni.createFrom().failure(e);
      }
      return WorkoutRows.updateAll(tx, outcome.toSave())
          .flatMap(x -> PlanJournal.append(tx, planId, athleteId, input, now))
          .flatMap(seq -> log(tx, athleteId, planId, outcome.changes(), input.byAthlete() ? Actor.ATHLETE : Actor.ENGINE,
              input.eventId(), now, seq))
          .replaceWith(outcome);
    }));
  }

  private static final Outcome NOTHING = new Outcome(List.of(), List.of(), List.of());

  /** The athlete's active plan row, locked so that concurrent adaptations of one athlete queue up; null without a plan. */
  public Uni<Row> lockActivePlan(SqlConnection tx, String athleteId) {
    return tx.preparedQuery("SELECT * FROM training_plan WHERE athlete_id = $1 AND active FOR UPDATE")
        .execute(Tuple.of(athleteId))
        .map(rows -> rows.size() == 0 ? null : rows.iterator().next());
  }

  /** Writes the changes one input made; {@code inputSeq} is its number in the plan's journal. */
  public Uni<Void> log(SqlConnection tx, String athleteId, UUID planId, List<Change> changes, Actor actor,
      UUID causedBy, Instant at, int inputSeq) {
    if (changes.isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    List<Tuple> batch = new ArrayList<>();
    int i = 0;
    for (Change c : changes) {
      // Entries of one transaction keep their order: a microsecond apart.
      batch.add(Tuple.from(new Object[] {UUID.randomUUID(), athleteId, planId, c.workoutId(), c.after().date(),
          c.before().describe(), c.after().describe(), WorkoutRows.toJson(c.before()), WorkoutRows.toJson(c.after()),
          c.rule(), c.reason(), actor.name(), causedBy, at.plusNanos(1000L * i++).atOffset(ZoneOffset.UTC), inputSeq}));
    }
    return tx.preparedQuery("""
            INSERT INTO adaptation_log (id, athlete_id, plan_id, workout_id, workout_date, before_text, after_text,
                                        before_state, after_state, rule, reason, actor, caused_by, created_at,
                                        input_seq)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)""")
        .executeBatch(batch).replaceWithVoid();
  }
}
