package org.runningcoach.readiness.domain;

import java.time.LocalDate;
import java.util.UUID;

/**
 * The check-in that counts for a local date, with the id of the event that brought it. The
 * compact constructor refuses values no person can have, so the engine never computes nonsense.
 */
public record DailyCheckin(
    LocalDate date, double sleepHours, Integer sleepQuality, int soreness, int stress,
    Integer fatigue, Integer mood, Integer lastSessionRpe, String source, UUID eventId) {

  public DailyCheckin {
    if (date == null || eventId == null) {
      throw new IllegalArgumentException("a check-in needs a date and the id of its event");
    }
    if (!(sleepHours >= 0 && sleepHours <= 24)) {
      throw new IllegalArgumentException("sleepHours must be between 0 and 24, was " + sleepHours);
    }
    requireScale("soreness", soreness);
    requireScale("stress", stress);
    requireScale("sleepQuality", sleepQuality);
    requireScale("fatigue", fatigue);
    requireScale("mood", mood);
    requireScale("lastSessionRpe", lastSessionRpe);
  }

  private static void requireScale(String name, Integer value) {
    if (value != null && (value < 1 || value > 10)) {
      throw new IllegalArgumentException(name + " must be between 1 and 10, was " + value);
    }
  }
}
