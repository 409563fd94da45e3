package org.runningcoach.ingestion.domain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which Garmin items are set aside rather than kept as data. Garmin treats any answer but 200 as
 * a failure and re-sends the whole notification for days, so one bad item must not fail the
 * others: it is quarantined (kept with its reason, counted) and the rest are stored as usual.
 * An item is quarantined when
 * <ul>
 *   <li>its list is not a summary type Garmin documents (Health, Activity and common APIs);</li>
 *   <li>a field readiness reads has the wrong JSON type ("restingHeartRateInBeatsPerMinute": "n/a");</li>
 *   <li>a value lies outside what a body produces (resting HR outside 20–150 bpm, stress outside −1…100,
 *       overnight HRV outside 1–300 ms, a duration negative or longer than a day).</li>
 * </ul>
 * Garmin's own markers for "no value" (absent fields, stress −1) are not errors.
 */
public final class GarminQuarantine {

  /** Every list key the Health, Activity and common APIs document (and mct, seen in real receivers). */
  public static final Set<String> KNOWN_TYPES = Set.of("dailies", "epochs", "sleeps", "bodyComps", "stressDetails",
      "userMetrics", "pulseox", "allDayRespiration", "healthSnapshot", "hrv", "bloodPressures", "skinTemp",
      "activities", "activityDetails", "activityFiles", "moveIQActivities", "manuallyUpdatedActivities",
      "deregistrations", "userPermissionsChange", "mct");

  static final int RHR_MIN = 20;
  static final int RHR_MAX = 150;
  static final double HRV_MIN = 1;
  static final double HRV_MAX = 300;
  static final long DAY = 86_400;

  private GarminQuarantine() {}

  /** Why the summary is quarantined, or empty when it is fine. */
  public static Optional<String> reason(GarminNotification.Summary s) {
    if (!KNOWN_TYPES.contains(s.type())) {
      return Optional.of("unknown summary type " + s.type());
    }
    if (s.isPing()) {
      return Optional.empty();
    }
    ObjectNode p = s.payload();
    Optional<String> common = wrongType(p, "startTimeInSeconds", "durationInSeconds", "startTimeOffsetInSeconds")
        .or(() -> negativeOrOverADay(p, "durationInSeconds"));
    if (common.isPresent()) {
      return common;
    }
    try {
      return switch (s.type()) {
        case "dailies" -> daily(GarminNotification.VENDOR_JSON.treeToValue(p, GarminReadings.Daily.class));
        case "sleeps" -> sleep(GarminNotification.VENDOR_JSON.treeToValue(p, GarminReadings.Sleep.class));
        case "hrv" -> hrv(GarminNotification.VENDOR_JSON.treeToValue(p, GarminReadings.Hrv.class));
        default -> Optional.empty();
      };
    } catch (JsonMappingException e) {
      String field = e.getPath().stream().map(JsonMappingException.Reference::getFieldName)
          .filter(f -> f != null).collect(Collectors.joining("."));
      return Optional.of("wrong type of " + (field.isEmpty() ? "a field" : field));
    } catch (com.fasterxml.jackson.core.JsonProcessingException | IllegalArgumentException e) {
      return Optional.of("unreadable item");
    }
  }

  private static Optional<String> daily(GarminReadings.Daily d) {
    Integer rhr = d.restingHeartRateInBeatsPerMinute();
    if (rhr != null && (rhr < RHR_MIN || rhr > RHR_MAX)) {
      return Optional.of("resting heart rate out of physiological range");
    }
    if (outsideStress(d.averageStressLevel()) || outsideStress(d.maxStressLevel())) {
      return Optional.of("stress level out of range");
    }
    return Optional.empty();
  }

  private static boolean outsideStress(Integer level) {
    return level != null && (level < -1 || level > 100);
  }

  private static Optional<String> sleep(GarminReadings.Sleep s) {
    for (Long seconds : new Long[] {s.deepSleepDurationInSeconds(), s.lightSleepDurationInSeconds(),
        s.remSleepInSeconds(), s.awakeDurationInSeconds(), s.unmeasurableSleepInSeconds(),
        s.unmeasurableSleepDurationInSeconds()}) {
      if (seconds != null && (seconds < 0 || seconds > DAY)) {
        return Optional.of("sleep stage duration out of range");
      }
    }
    return Optional.empty();
  }

  private static Optional<String> hrv(GarminReadings.Hrv h) {
    Double avg = h.lastNightAvg();
    if (avg != null && avg != 0 && (avg < HRV_MIN || avg > HRV_MAX)) {
      return Optional.of("overnight HRV out of physiological range");
    }
    return Optional.empty();
  }

  private static Optional<String> wrongType(ObjectNode p, String... numeric) {
    for (String field : numeric) {
      JsonNode v = p.get(field);
      if (v != null && !v.isNull() && !v.isNumber()) {
        return Optional.of("wrong type of " + field);
      }
    }
    return Optional.empty();
  }

  private static Optional<String> negativeOrOverADay(ObjectNode p, String field) {
    JsonNode v = p.get(field);
    if (v != null && v.isNumber() && (v.asLong() < 0 || v.asLong() > DAY)) {
      return Optional.of(field + " out of range");
    }
    return Optional.empty();
  }
}
