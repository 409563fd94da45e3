package org.runningcoach.scheduler.domain;

import java.time.LocalDate;
import java.util.Collection;

/** The session-spike reference: the longest run of the 30 days before a date (planned or done; skipped runs do not count). */
final class RunHistory {
  static final int WINDOW_DAYS = 30;

  private RunHistory() {}

  static double longest(Collection<Workout> workouts, LocalDate date, boolean inKm) {
    double longest = 0;
    LocalDate from = date.minusDays(WINDOW_DAYS);
    for (Workout w : workouts) {
      if (w.type().running() && w.status() != WorkoutStatus.SKIPPED && !w.date().isBefore(from)
          && w.date().isBefore(date)) {
        Double length = w.length(inKm);
        if (length != null) {
          longest = Math.max(longest, length);
        }
      }
    }
    return longest;
  }
}
