package org.runningcoach.scheduler.domain;

import java.util.UUID;

/** One workout as it was and as it is now, with the rule that changed it and the reason in plain words. */
public record Change(Workout before, Workout after, String rule, String reason) {

  public UUID workoutId() {
    return after.id();
  }
}
