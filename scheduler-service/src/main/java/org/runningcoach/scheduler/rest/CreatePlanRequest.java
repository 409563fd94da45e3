package org.runningcoach.scheduler.rest;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Set;
import org.runningcoach.scheduler.domain.Distance;

/**
 * A new plan: the goal race, the current weekly volume (in km or in minutes: exactly one), the
 * weekdays the athlete can run and the preferred long-run day. {@code startDate} defaults to today (UTC).
 */
public record CreatePlanRequest(
    @NotNull LocalDate raceDate,
    @NotNull Distance distance,
    @Pattern(regexp = "^\\d{1,2}:[0-5]\\d:[0-5]\\d$", message = "must be H:MM:SS, e.g. 3:45:00") String goalTime,
    @Positive @DecimalMax(value = "250", message = "must be at most 250 km a week") Double currentWeeklyKm,
    @Positive @DecimalMax(value = "1500", message = "must be at most 1500 minutes a week") Double currentWeeklyMinutes,
    @NotNull @Size(min = 3, max = 7, message = "must name 3 to 7 different weekdays") Set<DayOfWeek> availableDays,
    @NotNull DayOfWeek longRunDay,
    LocalDate startDate) {

  public Integer goalTimeSeconds() {
    if (goalTime == null) {
      return null;
    }
    String[] p = goalTime.split(":");
    return Integer.parseInt(p[0]) * 3600 + Integer.parseInt(p[1]) * 60 + Integer.parseInt(p[2]);
  }
}
