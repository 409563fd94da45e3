package org.runningcoach.readiness.domain;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Everything known about one local date of an athlete: the check-in that counts, wearable
 * readings, the day's workouts, and whether it was a travel or sick day (those days are left
 * out of baselines). Each reading carries the event id that brought it.
 */
public record DayInputs(
    LocalDate date,
    DailyCheckin checkin,
    HrvReading hrv,
    Reading restingHr,
    Reading wearableSleepHours,
    List<Workout> workouts,
    boolean travel,
    boolean sick) {

  public DayInputs {
    workouts = workouts == null ? List.of() : List.copyOf(workouts);
    if (hrv != null && !(hrv.valueMs() > 0 && hrv.valueMs() <= 300)) {
      throw new IllegalArgumentException("HRV must be above 0 and at most 300 ms, was " + hrv.valueMs());
    }
    if (restingHr != null && !(restingHr.value() >= 25 && restingHr.value() <= 220)) {
      throw new IllegalArgumentException("resting HR must be between 25 and 220 bpm, was " + restingHr.value());
    }
    if (wearableSleepHours != null && !(wearableSleepHours.value() >= 0 && wearableSleepHours.value() <= 24)) {
      throw new IllegalArgumentException("sleep must be between 0 and 24 h, was " + wearableSleepHours.value());
    }
  }

  public static DayInputs empty(LocalDate date) {
    return new DayInputs(date, null, null, null, null, List.of(), false, false);
  }

  /** Days left out of personal baselines: travel disturbs sleep and heart rate, illness too. */
  public boolean excludedFromBaselines() {
    return travel || sick;
  }

  public DayInputs withCheckin(DailyCheckin c) {
    return new DayInputs(date, c, hrv, restingHr, wearableSleepHours, workouts, travel, sick);
  }

  public DayInputs withHrv(HrvReading r) {
    return new DayInputs(date, checkin, r, restingHr, wearableSleepHours, workouts, travel, sick);
  }

  public DayInputs withRestingHr(Reading r) {
    return new DayInputs(date, checkin, hrv, r, wearableSleepHours, workouts, travel, sick);
  }

  public DayInputs withWearableSleep(Reading r) {
    return new DayInputs(date, checkin, hrv, restingHr, r, workouts, travel, sick);
  }

  public DayInputs withWorkouts(List<Workout> w) {
    return new DayInputs(date, checkin, hrv, restingHr, wearableSleepHours, w, travel, sick);
  }

  public DayInputs withLifeContext(boolean isTravel, boolean isSick) {
    return new DayInputs(date, checkin, hrv, restingHr, wearableSleepHours, workouts, isTravel, isSick);
  }

  /** A measured value with its source (GARMIN, APPLE, ...) and the event that brought it. */
  public record Reading(double value, String source, UUID eventId) {}

  public record HrvReading(AthleteProfile.HrvMetric metric, double valueMs, String source, UUID eventId) {}

  /**
   * A workout as the load rules need it.
   *
   * @param hrSecondsByBpm seconds spent at each heart rate (empty when the workout had no HR)
   */
  public record Workout(UUID activityId, String sport, long movingSeconds, Double distanceMeters, Integer rpe,
      Map<Integer, Integer> hrSecondsByBpm, Double impactLoad, UUID eventId) {

    public Workout {
      hrSecondsByBpm = hrSecondsByBpm == null ? Map.of() : Map.copyOf(hrSecondsByBpm);
      if (movingSeconds < 0) {
        throw new IllegalArgumentException("movingSeconds must not be negative");
      }
      if (rpe != null && (rpe < 1 || rpe > 10)) {
        throw new IllegalArgumentException("rpe must be between 1 and 10, was " + rpe);
      }
    }

    public boolean isRun() {
      return sport != null && sport.toLowerCase(java.util.Locale.ROOT).contains("run");
    }

    public double minutes() {
      return movingSeconds / 60.0;
    }
  }
}
