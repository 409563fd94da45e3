package org.runningcoach.readiness.domain;

import java.time.LocalDate;
import java.util.Collection;
import java.util.Collections;
import java.util.NavigableMap;
import java.util.TreeMap;

/** An athlete's profile and their inputs by local date. */
public record History(String athleteId, AthleteProfile profile, NavigableMap<LocalDate, DayInputs> days) {

  public History {
    profile = profile == null ? AthleteProfile.unknown() : profile;
    days = Collections.unmodifiableNavigableMap(new TreeMap<>(days));
  }

  public static History of(String athleteId, AthleteProfile profile, Collection<DayInputs> days) {
    TreeMap<LocalDate, DayInputs> byDate = new TreeMap<>();
    for (DayInputs d : days) {
      if (byDate.put(d.date(), d) != null) {
        throw new IllegalArgumentException("two entries for " + d.date());
      }
    }
    return new History(athleteId, profile, byDate);
  }

  public DayInputs day(LocalDate date) {
    return days.getOrDefault(date, DayInputs.empty(date));
  }

  /** The first date with a workout: the start of the athlete's load history. */
  public LocalDate firstWorkoutDate() {
    return days.values().stream().filter(d -> !d.workouts().isEmpty()).map(DayInputs::date).findFirst().orElse(null);
  }
}
