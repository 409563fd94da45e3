package org.runningcoach.scheduler.service;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.runningcoach.scheduler.domain.PlanInput;
import org.runningcoach.scheduler.repository.PlanJournal;
import org.runningcoach.scheduler.repository.WorkoutRows;
import org.runningcoach.scheduler.rest.PlanViews.ChangeView;

/**
 * The plan changes a hypothetical input would cause: the same engine call the live path makes
 * ({@link PlanStore#apply}), on the plan as stored, with nothing written, journaled, logged or
 * announced. Reads without a transaction or lock: a preview may be a moment out of date.
 */
@ApplicationScoped
public class WhatIfService {

  private final Pool pool;
  private final PlanStore store;

  public WhatIfService(Pool pool, PlanStore store) {
    this.pool = pool;
    this.store = store;
  }

  /** The changes, in the engine's order; null without a plan. */
  public Uni<List<ChangeView>> preview(String athleteId, PlanInput input) {
    return pool.preparedQuery("SELECT * FROM training_plan WHERE athlete_id = $1 AND active")
        .execute(Tuple.of(athleteId))
        .flatMap(rows -> {
          if (rows.size() == 0) {
            return Uni.createFrom().nullItem();
          }
          Row plan = rows.iterator().next();
          // a life event the plan already took would change nothing (PlanStore.apply)
          return PlanJournal.holdsLifeEvent(pool, plan.getUUID("id"), input).flatMap(seen -> seen
              ? Uni.createFrom().item(List.<ChangeView>of())
              : WorkoutRows.ofPlan(pool, plan.getUUID("id"))
                  .map(workouts -> store.engine().apply(workouts, input, PlanStore.first(plan), PlanStore.last(plan))
                      .changes().stream().map(ChangeView::of).toList()));
        });
  }
}
