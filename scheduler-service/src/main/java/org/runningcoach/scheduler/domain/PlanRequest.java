package org.runningcoach.scheduler.domain;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Set;

/**
 * What a plan is generated from. {@code goalTimeSeconds} is optional (without it targets are
 * heart-rate zones only); {@code startDate} is passed in, never read from a clock.
 */
public record PlanRequest(
    LocalDate raceDate,
    Distance distance,
    Integer goalTimeSeconds,
    double currentWeeklyVolume,
    VolumeUnit unit,
    Set<DayOfWeek> availableDays,
    DayOfWeek longRunDay,
    LocalDate startDate) {

  /** The request field that carries the volume, so an error names what the client sent. */
  public String volumeField() {
    return unit == VolumeUnit.MINUTES ? "currentWeeklyMinutes" : "currentWeeklyKm";
  }
}
