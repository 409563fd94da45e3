package org.runningcoach.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * New health data for an athlete and a local date. Exactly one of the kind-specific parts is
 * present: {@code checkin} for kind CHECKIN (the other kinds add their part with their issue).
 *
 * @param recordId the id of the stored record at the producer (ingestion's check-in id, ...)
 * @param localDate the athlete's local date the data belongs to (sleep: the night it ends on)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record HealthDataReceived(
    String athleteId,
    UUID recordId,
    HealthDataKind kind,
    DataSource source,
    LocalDate localDate,
    Instant recordedAt,
    Checkin checkin) {

  public enum HealthDataKind { CHECKIN, HRV, RESTING_HR, SLEEP, STRESS, WORKOUT }

  public enum DataSource { GARMIN, APPLE, MANUAL, FILE }

  /**
   * The morning check-in. Scales are 1–10 and "higher = more of the thing" (more sore, more
   * stressed, more tired, better sleep, better mood). Free-text notes never travel in events.
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Checkin(
      double sleepHours,
      Integer sleepQuality,
      int soreness,
      String sorenessArea,
      int stress,
      Integer fatigue,
      Integer mood,
      Integer lastSessionRpe) {}
}
