package org.runningcoach.scheduler.domain;

import java.time.LocalDate;
import java.util.UUID;
import org.runningcoach.scheduler.domain.AdaptationEngine.LifeEvent;
import org.runningcoach.scheduler.domain.AdaptationEngine.Readiness;

/**
 * Something that changes a plan after it was generated: the latest readiness of a day, a life
 * event, or one of the athlete's own changes. A plan is its generated workouts plus its inputs in
 * the order they were applied, so keeping the inputs is enough to rebuild it ({@link PlanReplay}).
 */
public sealed interface PlanInput {

  /** The event that brought the input (BodyStateComputed, LifeEventReported); null for the athlete's own changes. */
  UUID eventId();

  /** The athlete's own change (logged as theirs) rather than the engine's. */
  default boolean byAthlete() {
    return false;
  }

  /** The latest BodyState of a day, as far as the plan is concerned: the four systems' statuses. */
  record DayState(Readiness readiness, UUID eventId) implements PlanInput {}

  record Life(LifeEvent event, UUID eventId) implements PlanInput {}

  record Skip(UUID workoutId) implements PlanInput {
    @Override
    public UUID eventId() {
      return null;
    }

    @Override
    public boolean byAthlete() {
      return true;
    }
  }

  record Done(UUID workoutId) implements PlanInput {
    @Override
    public UUID eventId() {
      return null;
    }

    @Override
    public boolean byAthlete() {
      return true;
    }
  }

  record Move(UUID workoutId, LocalDate toDate) implements PlanInput {
    @Override
    public UUID eventId() {
      return null;
    }

    @Override
    public boolean byAthlete() {
      return true;
    }
  }
}
