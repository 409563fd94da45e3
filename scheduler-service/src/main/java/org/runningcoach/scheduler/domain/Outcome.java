package org.runningcoach.scheduler.domain;

import java.util.List;

/**
 * What a rule did: the plan's workouts afterwards, the changes the athlete can see (for the
 * adaptation log and PlanAdapted) and every workout record to save (including bookkeeping-only
 * changes).
 */
public record Outcome(List<Workout> workouts, List<Change> changes, List<Workout> toSave) {

  public boolean changed() {
    return !toSave.isEmpty();
  }
}
