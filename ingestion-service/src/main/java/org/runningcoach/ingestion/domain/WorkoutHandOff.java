package org.runningcoach.ingestion.domain;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.runningcoach.events.ActivityReported;

/**
 * Vendor workouts handed to activity-service as {@link ActivityReported}: Garmin {@code activities}
 * summaries and Apple Health WORKOUT samples. A workout without a start or a positive duration, or
 * longer than 48 hours (activity-service's limit), is kept raw and not handed over; a value out of
 * physiological range (heart rate outside 25–250, negative distance) is left out rather than sent.
 */
public final class WorkoutHandOff {

  static final long MAX_DURATION_SECONDS = 172_800;

  /** Garmin activity types whose lower-case name is not the sport activity-service knows them by. */
  static final Map<String, String> GARMIN_SPORTS = Map.of(
      "STREET_RUNNING", "running", "TRACK_RUNNING", "running", "INDOOR_RUNNING", "treadmill_running",
      "ULTRA_RUN", "trail_running", "VIRTUAL_RUN", "treadmill_running", "CASUAL_WALKING", "walking",
      "SPEED_WALKING", "walking", "ROAD_BIKING", "cycling", "MOUNTAIN_BIKING", "cycling", "LAP_SWIMMING", "swimming");

  private WorkoutHandOff() {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  record GarminActivity(String summaryId, Long activityId, Long startTimeInSeconds, Long startTimeOffsetInSeconds,
      Long durationInSeconds, Double distanceInMeters, Integer averageHeartRateInBeatsPerMinute,
      Integer maxHeartRateInBeatsPerMinute, String activityType, String deviceName, Double totalElevationGainInMeters) {}

  /** The hand-off of a Garmin {@code activities} summary, or empty when it cannot be a workout. */
  public static Optional<ActivityReported> garmin(GarminNotification.Summary summary, String athleteId, UUID recordId,
      Instant recordedAt) {
    GarminActivity a;
    try {
      a = GarminNotification.VENDOR_JSON.treeToValue(summary.payload(), GarminActivity.class);
    } catch (com.fasterxml.jackson.core.JsonProcessingException | IllegalArgumentException e) {
      return Optional.empty();
    }
    if (a.startTimeInSeconds() == null || a.durationInSeconds() == null || a.durationInSeconds() <= 0
        || a.durationInSeconds() > MAX_DURATION_SECONDS) {
      return Optional.empty();
    }
    Integer offset = a.startTimeOffsetInSeconds() == null || Math.abs(a.startTimeOffsetInSeconds()) > 64_800 ? null
        : a.startTimeOffsetInSeconds().intValue();
    String vendorId = a.summaryId() != null ? a.summaryId() : a.activityId() == null ? null : a.activityId().toString();
    Integer avg = hr(a.averageHeartRateInBeatsPerMinute());
    Integer max = hr(a.maxHeartRateInBeatsPerMinute());
    if (avg != null && max != null && max < avg) {
      max = null;
    }
    return Optional.of(new ActivityReported(athleteId, recordId, ActivityReported.Source.GARMIN, vendorId,
        garminSport(a.activityType()), Instant.ofEpochSecond(a.startTimeInSeconds()), offset, a.durationInSeconds(),
        nonNegative(a.distanceInMeters(), 1_000_000), avg, max, nonNegative(a.totalElevationGainInMeters(), 20_000),
        a.deviceName() == null || a.deviceName().isBlank() ? null : truncate(a.deviceName(), 200), recordedAt));
  }

  /**
   * Apple Health WORKOUT samples: start and end (their offset decides the local date), {@code value}
   * with a length {@code unit} (m, km, mi) as the distance, {@code source} as the device. A sample
   * from a Health Auto Export body carries its detail (workout name, distance, heart rates,
   * elevation, the app's id), used when present; otherwise the sport is "workout" (minutes count
   * towards load; no impact load, no "longest run"); see ingestion-service/README.md.
   */
  public static List<ActivityReported> apple(List<AppleSamples.Sample> samples, String athleteId, UUID recordId,
      Instant recordedAt) {
    List<ActivityReported> out = new ArrayList<>();
    for (AppleSamples.Sample s : samples) {
      if (s.type() != AppleSamples.Type.WORKOUT) {
        continue;
      }
      long seconds = Duration.between(s.start(), s.end()).getSeconds();
      AppleSamples.WorkoutDetail d = s.workout();
      if (d != null && d.durationSeconds() > 0) {
        seconds = d.durationSeconds();
      }
      if (seconds <= 0 || seconds > MAX_DURATION_SECONDS) {
        continue;
      }
      Double distance = d != null && d.distanceMeters() != null ? nonNegative(d.distanceMeters(), 1_000_000)
          : meters(s.value(), s.unit());
      Integer avg = d == null ? null : hr(d.avgHr());
      Integer max = d == null ? null : hr(d.maxHr());
      if (avg != null && max != null && max < avg) {
        avg = null;
        max = null;
      }
      out.add(new ActivityReported(athleteId, recordId, ActivityReported.Source.APPLE,
          d == null || d.externalId() == null ? null : truncate(d.externalId(), 200),
          d == null ? "workout" : appleSport(d.activityType()),
          s.start().toInstant(), s.start().getOffset().getTotalSeconds(), seconds, distance, avg, max,
          d == null ? null : nonNegative(d.elevationGainMeters(), 20_000),
          s.source() == null || s.source().isBlank() ? null : truncate(s.source(), 200), recordedAt));
    }
    return out;
  }

  /** Health Auto Export's workout name ("Outdoor Run", "Walking") as a lower-case sport name. */
  static String appleSport(String name) {
    if (name == null || name.isBlank()) {
      return "workout";
    }
    String n = name.trim().toLowerCase(Locale.ROOT);
    if (n.contains("run")) {
      return "running";
    }
    if (n.contains("walk") || n.contains("hik")) {
      return n.contains("hik") ? "hiking" : "walking";
    }
    if (n.contains("cycl") || n.contains("bik")) {
      return "cycling";
    }
    if (n.contains("swim")) {
      return "swimming";
    }
    String sport = n.replaceAll("[^a-z]+", "_").replaceAll("^_+|_+$", "");
    return sport.matches("[a-z_]{2,32}") ? sport : "workout";
  }

  static String garminSport(String activityType) {
    if (activityType == null || activityType.isBlank()) {
      return "other";
    }
    String type = activityType.trim().toUpperCase(Locale.ROOT);
    String sport = GARMIN_SPORTS.getOrDefault(type, type.toLowerCase(Locale.ROOT));
    return sport.matches("[a-z_]{2,32}") ? sport : "other";
  }

  static Double meters(Double value, String unit) {
    if (value == null || value < 0 || unit == null) {
      return null;
    }
    Double m = switch (unit.trim().toLowerCase(Locale.ROOT)) {
      case "m", "meter", "meters", "metre", "metres" -> value;
      case "km", "kilometer", "kilometers", "kilometre", "kilometres" -> value * 1000;
      case "mi", "mile", "miles" -> value * 1609.344;
      default -> null;
    };
    return m == null || m > 1_000_000 ? null : m;
  }

  private static Integer hr(Integer bpm) {
    return bpm == null || bpm < 25 || bpm > 250 ? null : bpm;
  }

  private static Double nonNegative(Double value, double max) {
    return value == null || value < 0 || value > max ? null : value;
  }

  private static String truncate(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max);
  }
}
