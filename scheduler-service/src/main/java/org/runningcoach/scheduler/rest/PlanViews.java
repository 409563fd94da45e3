package org.runningcoach.scheduler.rest;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.runningcoach.scheduler.domain.Target;
import org.runningcoach.scheduler.domain.Workout;

/** What the athlete sees of plans, workouts and the adaptation log (never the tables themselves). */
public final class PlanViews {

  private PlanViews() {}

  public record PhaseView(String phase, LocalDate start, LocalDate end, int weeks) {}

  public record WeekView(int index, String phase, LocalDate start, LocalDate end, double volume, boolean cutback) {}

  public record PlanView(UUID id, LocalDate raceDate, String distance, String goalTime, Double currentWeeklyKm,
      Double currentWeeklyMinutes, List<DayOfWeek> availableDays, DayOfWeek longRunDay, LocalDate startDate,
      String volumeUnit, List<PhaseView> phases, List<WeekView> weeks, Instant createdAt) {}

  /**
   * A scheduled workout. {@code key} marks the long run and intensity sessions; {@code adapted} is
   * true while a readiness adaptation is in force; {@code changedByAthlete} once the athlete skipped,
   * moved or marked it done (the engine leaves it alone then).
   */
  public record WorkoutView(UUID id, LocalDate date, String phase, String type, boolean key, Integer durationMin,
      Double distanceKm, Integer hrZone, Integer paceSecondsPerKm, String pace, String description, String status,
      boolean changedByAthlete, boolean adapted) {

    public static WorkoutView of(Workout w) {
      Integer pace = w.target().paceSecondsPerKm();
      return new WorkoutView(w.id(), w.date(), w.phase().name(), w.type().name(), w.type().key(), w.durationMin(),
          w.distanceKm(), w.target().hrZone(), pace, pace == null ? null : Target.pace(pace), w.describe(),
          w.status().name(), w.athleteOwned(), w.hold() != null);
    }
  }

  /** One adaptation-log entry: when, which workout, before and after, the rule, the reason and what caused it. */
  public record AdaptationView(UUID id, Instant at, UUID workoutId, LocalDate workoutDate, String before, String after,
      String rule, String reason, String actor, UUID causedBy) {}

  /**
   * One day of the current plan ({@code GET /plan/today}): the day's workouts (a session first, then
   * a rest record if any) and, oldest first, every adaptation-log entry that changed one of them or
   * moved a workout onto or off the day, undone ones included, so the client can show what was
   * planned and why it changed.
   */
  public record TodayView(LocalDate date, UUID planId, List<WorkoutView> workouts, List<AdaptationView> adaptations) {}

  /**
   * A change the engine would make (the what-if): the workout, the day it would land on
   * ({@code date}) and the day it is on now ({@code fromDate}), before and after in words, the rule
   * and the reason, as the adaptation log would record them.
   */
  public record ChangeView(UUID workoutId, LocalDate date, LocalDate fromDate, String before, String after, String rule,
      String reason) {

    public static ChangeView of(org.runningcoach.scheduler.domain.Change c) {
      return new ChangeView(c.workoutId(), c.after().date(), c.before().date(), c.before().describe(),
          c.after().describe(), c.rule(), c.reason());
    }
  }

  /** The what-if's answer: what the engine would change, in order; nothing was stored. */
  public record WhatIfView(List<ChangeView> changes) {}

  /**
   * The replay check's answer: {@code equal} when the plan rebuilt from its request and its
   * {@code inputs} (applied again in order) has the stored workouts and log; otherwise
   * {@code firstDifference} says where they part.
   */
  public record ReplayCheckView(UUID planId, boolean equal, int inputs, int workouts, int logEntries,
      String firstDifference) {}
}
