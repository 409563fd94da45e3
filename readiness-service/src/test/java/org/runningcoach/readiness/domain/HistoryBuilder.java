package org.runningcoach.readiness.domain;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.UnaryOperator;

/** Builds athlete histories for the rule tests, day by day. */
final class HistoryBuilder {

  private final TreeMap<LocalDate, DayInputs> days = new TreeMap<>();
  private AthleteProfile profile = AthleteProfile.unknown();
  private int ids;

  static HistoryBuilder athlete() {
    return new HistoryBuilder();
  }

  UUID nextId() {
    return new UUID(42, ++ids);
  }

  HistoryBuilder profile(AthleteProfile p) {
    this.profile = p;
    return this;
  }

  HistoryBuilder day(LocalDate date, UnaryOperator<DayInputs> change) {
    days.put(date, change.apply(days.getOrDefault(date, DayInputs.empty(date))));
    return this;
  }

  HistoryBuilder checkin(LocalDate date, double sleep, int soreness, int stress) {
    UUID id = nextId();
    return day(date, d -> d.withCheckin(new DailyCheckin(date, sleep, null, soreness, stress, null, null, null, "MANUAL", id)));
  }

  HistoryBuilder rmssd(LocalDate date, double ms) {
    UUID id = nextId();
    return day(date, d -> d.withHrv(new DayInputs.HrvReading(AthleteProfile.HrvMetric.RMSSD, ms, "GARMIN", id)));
  }

  HistoryBuilder sdnn(LocalDate date, double ms) {
    UUID id = nextId();
    return day(date, d -> d.withHrv(new DayInputs.HrvReading(AthleteProfile.HrvMetric.SDNN, ms, "APPLE", id)));
  }

  HistoryBuilder restingHr(LocalDate date, double bpm) {
    UUID id = nextId();
    return day(date, d -> d.withRestingHr(new DayInputs.Reading(bpm, "GARMIN", id)));
  }

  HistoryBuilder run(LocalDate date, double minutes, Double km, Integer rpe) {
    UUID id = nextId();
    return day(date, d -> {
      List<DayInputs.Workout> w = new ArrayList<>(d.workouts());
      w.add(new DayInputs.Workout(id, "running", Math.round(minutes * 60), km == null ? null : km * 1000, rpe, Map.of(), null, id));
      return d.withWorkouts(w);
    });
  }

  HistoryBuilder workout(LocalDate date, DayInputs.Workout workout) {
    return day(date, d -> {
      List<DayInputs.Workout> w = new ArrayList<>(d.workouts());
      w.add(workout);
      return d.withWorkouts(w);
    });
  }

  HistoryBuilder travel(LocalDate date) {
    return day(date, d -> d.withLifeContext(true, d.sick()));
  }

  HistoryBuilder sick(LocalDate date) {
    return day(date, d -> d.withLifeContext(d.travel(), true));
  }

  History build() {
    return new History("athlete-1", profile, days);
  }
}
