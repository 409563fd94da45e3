package org.runningcoach.ingestion.domain;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.runningcoach.events.HealthDataReceived;
import org.runningcoach.events.HealthDataReceived.DataSource;
import org.runningcoach.events.HealthDataReceived.HealthDataKind;
import org.runningcoach.events.HealthDataReceived.HrvMetric;

/**
 * What readiness uses from Garmin summaries: dailies → resting HR and stress, sleeps → the
 * night's sleep, hrv → overnight RMSSD. Every other summary type gives nothing (it is kept raw).
 * A value Garmin marks as missing (absent, or -1 for stress) gives no event rather than a zero.
 */
public final class GarminReadings {

  private GarminReadings() {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  record Daily(String calendarDate, Long startTimeInSeconds, Long startTimeOffsetInSeconds,
      Integer restingHeartRateInBeatsPerMinute, Integer averageStressLevel, Integer maxStressLevel) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  record Sleep(String calendarDate, Long startTimeInSeconds, Long startTimeOffsetInSeconds, Long durationInSeconds,
      Long deepSleepDurationInSeconds, Long lightSleepDurationInSeconds, Long remSleepInSeconds,
      Long awakeDurationInSeconds, Long unmeasurableSleepInSeconds, Long unmeasurableSleepDurationInSeconds,
      String validation) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  record Hrv(String calendarDate, Long startTimeInSeconds, Long startTimeOffsetInSeconds, Long durationInSeconds,
      Double lastNightAvg) {}

  /** The events a summary yields for a linked athlete; {@code recordId} is the inbox row, {@code recordedAt} this version's arrival. */
  public static List<HealthDataReceived> of(GarminNotification.Summary summary, String athleteId, UUID recordId,
      Instant recordedAt) {
    try {
      return switch (summary.type()) {
        case "dailies" -> daily(GarminNotification.VENDOR_JSON.treeToValue(summary.payload(), Daily.class),
            athleteId, recordId, recordedAt);
        case "sleeps" -> sleep(GarminNotification.VENDOR_JSON.treeToValue(summary.payload(), Sleep.class),
            athleteId, recordId, recordedAt);
        case "hrv" -> hrv(GarminNotification.VENDOR_JSON.treeToValue(summary.payload(), Hrv.class),
            athleteId, recordId, recordedAt);
        default -> List.of();
      };
    } catch (com.fasterxml.jackson.core.JsonProcessingException | IllegalArgumentException | java.time.DateTimeException e) {
      // A field of an unexpected type ("restingHeartRate...": "n/a") or a time no clock can hold
      // (startTimeInSeconds 2^63-1, found by GarminFuzzTest; was a 500): keep the raw summary, emit nothing.
      return List.of();
    }
  }

  private static List<HealthDataReceived> daily(Daily d, String athleteId, UUID recordId, Instant recordedAt) {
    LocalDate date = localDate(d.calendarDate(), d.startTimeInSeconds(), d.startTimeOffsetInSeconds());
    if (date == null) {
      return List.of();
    }
    List<HealthDataReceived> out = new ArrayList<>();
    Integer rhr = d.restingHeartRateInBeatsPerMinute();
    if (rhr != null && rhr > 0) {
      out.add(event(athleteId, recordId, HealthDataKind.RESTING_HR, date, recordedAt,
          null, new HealthDataReceived.RestingHr(rhr), null, null));
    }
    Integer avg = d.averageStressLevel();
    if (avg != null && avg >= 0 && avg <= 100) {
      Integer max = d.maxStressLevel() != null && d.maxStressLevel() >= 0 ? d.maxStressLevel() : null;
      out.add(event(athleteId, recordId, HealthDataKind.STRESS, date, recordedAt,
          null, null, null, new HealthDataReceived.Stress(avg, max)));
    }
    return out;
  }

  private static List<HealthDataReceived> sleep(Sleep s, String athleteId, UUID recordId, Instant recordedAt) {
    // OFF_WRIST is a start and an end the user entered, with no measurement behind it.
    if (s.durationInSeconds() == null || s.durationInSeconds() <= 0 || "OFF_WRIST".equalsIgnoreCase(s.validation())) {
      return List.of();
    }
    long awake = orZero(s.awakeDurationInSeconds());
    long unmeasurable = s.unmeasurableSleepInSeconds() != null
        ? s.unmeasurableSleepInSeconds() : orZero(s.unmeasurableSleepDurationInSeconds());
    Instant start = s.startTimeInSeconds() == null ? null : Instant.ofEpochSecond(s.startTimeInSeconds());
    Instant end = start == null ? null : start.plusSeconds(s.durationInSeconds() + awake + unmeasurable);
    // calendarDate is the day Garmin Connect shows the night on: the morning it ends.
    LocalDate date = s.calendarDate() != null ? parse(s.calendarDate())
        : end == null ? null : localDate(null, end.getEpochSecond(), s.startTimeOffsetInSeconds());
    if (date == null) {
      return List.of();
    }
    var sleep = new HealthDataReceived.Sleep(hours(s.durationInSeconds()), hours(s.deepSleepDurationInSeconds()),
        hours(s.remSleepInSeconds()), hours(s.lightSleepDurationInSeconds()), hours(s.awakeDurationInSeconds()),
        start, end);
    return List.of(event(athleteId, recordId, HealthDataKind.SLEEP, date, recordedAt, null, null, sleep, null));
  }

  private static List<HealthDataReceived> hrv(Hrv h, String athleteId, UUID recordId, Instant recordedAt) {
    LocalDate date = localDate(h.calendarDate(), h.startTimeInSeconds(), h.startTimeOffsetInSeconds());
    if (date == null || h.lastNightAvg() == null || h.lastNightAvg() <= 0) {
      return List.of();
    }
    Instant measuredAt = h.startTimeInSeconds() == null ? null
        : Instant.ofEpochSecond(h.startTimeInSeconds() + orZero(h.durationInSeconds()));
    var hrv = new HealthDataReceived.Hrv(HrvMetric.RMSSD, h.lastNightAvg(), measuredAt);
    return List.of(event(athleteId, recordId, HealthDataKind.HRV, date, recordedAt, hrv, null, null, null));
  }

  private static HealthDataReceived event(String athleteId, UUID recordId, HealthDataKind kind, LocalDate date,
      Instant recordedAt, HealthDataReceived.Hrv hrv, HealthDataReceived.RestingHr rhr,
      HealthDataReceived.Sleep sleep, HealthDataReceived.Stress stress) {
    return new HealthDataReceived(athleteId, recordId, kind, DataSource.GARMIN, date, recordedAt,
        null, hrv, rhr, sleep, stress, null);
  }

  /** calendarDate when Garmin gives it, else the device's local date of the time. */
  private static LocalDate localDate(String calendarDate, Long epochSeconds, Long offsetSeconds) {
    if (calendarDate != null) {
      return parse(calendarDate);
    }
    if (epochSeconds == null) {
      return null;
    }
    long offset = offsetSeconds == null ? 0 : offsetSeconds;
    return Instant.ofEpochSecond(epochSeconds + offset).atOffset(ZoneOffset.UTC).toLocalDate();
  }

  private static LocalDate parse(String date) {
    try {
      return LocalDate.parse(date);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static Double hours(Long seconds) {
    return seconds == null ? null : Math.round(seconds / 36.0) / 100.0;
  }

  private static long orZero(Long value) {
    return value == null ? 0 : value;
  }
}
