package org.runningcoach.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * New health data for an athlete and a local date. Exactly the part named by {@code kind} is
 * present: {@code checkin} for CHECKIN, {@code hrv} for HRV, {@code restingHr} for RESTING_HR,
 * {@code sleep} for SLEEP, {@code stress} for STRESS, {@code workout} for WORKOUT. WORKOUT_REMOVED has no
 * part: the athlete deleted the activity whose id is {@code recordId} (the {@code activityId} of its
 * WORKOUT event), and {@code localDate} is the date it counted on; its load no longer counts.
 *
 * @param recordId the id of the stored record at the producer (a check-in, an inbox record, an activity)
 * @param localDate the athlete's local date the data belongs to (sleep and overnight HRV: the night it ends on)
 * @param recordedAt when the producer recorded this version; the latest version of a record wins
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record HealthDataReceived(
    String athleteId,
    UUID recordId,
    HealthDataKind kind,
    DataSource source,
    LocalDate localDate,
    Instant recordedAt,
    Checkin checkin,
    Hrv hrv,
    RestingHr restingHr,
    Sleep sleep,
    Stress stress,
    Workout workout) {

  public enum HealthDataKind { CHECKIN, HRV, RESTING_HR, SLEEP, STRESS, WORKOUT, WORKOUT_REMOVED }

  public enum DataSource { GARMIN, APPLE, MANUAL, FILE }

  /** A check-in event. */
  public static HealthDataReceived checkin(String athleteId, UUID recordId, DataSource source, LocalDate localDate,
      Instant recordedAt, Checkin checkin) {
    return new HealthDataReceived(athleteId, recordId, HealthDataKind.CHECKIN, source, localDate, recordedAt,
        checkin, null, null, null, null, null);
  }

  /** The athlete deleted an activity: the workout {@code activityId} no longer counts on {@code localDate}. */
  public static HealthDataReceived workoutRemoved(String athleteId, UUID activityId, DataSource source, LocalDate localDate,
      Instant recordedAt) {
    return new HealthDataReceived(athleteId, activityId, HealthDataKind.WORKOUT_REMOVED, source, localDate, recordedAt,
        null, null, null, null, null, null);
  }

  /**
   * The morning check-in. Scales are 1–10 and "higher = more of the thing" (more sore, more
   * stressed, more tired, better sleep, better mood). Free text (notes, the sore area) never
   * travels in events: it stays sealed in ingestion; an older event that still carries
   * {@code sorenessArea} decodes with it ignored.
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Checkin(
      double sleepHours,
      Integer sleepQuality,
      int soreness,
      int stress,
      Integer fatigue,
      Integer mood,
      Integer lastSessionRpe) {}

  /** Heart-rate variability is either RMSSD (Garmin, chest straps) or SDNN (Apple): never mixed. */
  public enum HrvMetric { RMSSD, SDNN }

  /** An overnight (or morning) HRV value in milliseconds. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Hrv(HrvMetric metric, double valueMs, Instant measuredAt) {}

  /** Resting heart rate of the day, in beats per minute. */
  public record RestingHr(int bpm) {}

  /** A night's sleep from a wearable, in hours; stages are optional. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Sleep(double totalHours, Double deepHours, Double remHours, Double lightHours, Double awakeHours,
      Instant start, Instant end) {}

  /** Wearable stress of the day on the vendor's 0–100 scale. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Stress(int average, Integer max) {}

  /**
   * A workout's summary (the samples stay in activity-service). {@code srpeLoad} = RPE × moving
   * minutes (Foster) when RPE is known. {@code hrSecondsByBpm} is how many seconds the heart
   * spent at each rate: enough for readiness, which owns the athlete's resting and maximum
   * heart rate and sex, to sum Banister TRIMP per sample exactly. {@code impactLoad} is defined
   * by activity-service (see its README).
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Workout(
      UUID activityId,
      String sport,
      Instant startTime,
      long elapsedSeconds,
      long movingSeconds,
      Double distanceMeters,
      Integer avgHr,
      Integer maxHr,
      Integer rpe,
      Double srpeLoad,
      java.util.Map<Integer, Integer> hrSecondsByBpm,
      Double impactLoad,
      Double elevationGainMeters) {}
}
