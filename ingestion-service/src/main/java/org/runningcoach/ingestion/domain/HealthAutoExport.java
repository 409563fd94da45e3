package org.runningcoach.ingestion.domain;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.runningcoach.ingestion.domain.AppleSamples.Sample;
import org.runningcoach.ingestion.domain.AppleSamples.SleepTotals;
import org.runningcoach.ingestion.domain.AppleSamples.Stage;
import org.runningcoach.ingestion.domain.AppleSamples.Type;
import org.runningcoach.ingestion.domain.AppleSamples.WorkoutDetail;

/**
 * The "Health Auto Export" iOS app's REST body ({@code {"data":{"metrics":[…],"workouts":[…]}}})
 * → our samples. Every field is optional and values come in the phone's units and locale, so each
 * item is read on its own: an item we cannot read (no date, unknown unit, a value no body
 * produces) is skipped with its reason, and the rest of the body still counts.
 * <ul>
 *   <li>{@code heart_rate_variability} → HRV_SDNN (ms), {@code resting_heart_rate} → RESTING_HR.</li>
 *   <li>{@code heart_rate} (Min/Avg/Max) → the heart rate of a workout that carries none itself.</li>
 *   <li>{@code sleep_analysis}, three shapes told apart by their keys: segments ({@code startDate},
 *       → SLEEP_STAGE), aggregated with phases ({@code core}/{@code deep}, app 6.6.2+, where
 *       {@code asleep} is the unstaged part, not the total) and legacy aggregated
 *       ({@code sleepSource}); the aggregated ones → SLEEP_NIGHT.</li>
 *   <li>{@code workouts}, v1 (no {@code id}) and v2 → WORKOUT.</li>
 *   <li>every other metric is kept raw only and listed as ignored.</li>
 * </ul>
 */
public final class HealthAutoExport {

  /** Physiological bounds: outside them a value is a sensor or unit error, not a measurement. */
  static final double HRV_MIN_MS = 1;
  static final double HRV_MAX_MS = 300;
  static final double RHR_MIN = 20;
  static final double RHR_MAX = 150;
  static final double HR_MIN = 20;
  static final double HR_MAX = 250;
  static final Duration WORKOUT_MAX = Duration.ofHours(48);

  /** What a body yields: samples, items skipped by reason, metric names kept raw only. */
  public record Parsed(List<Sample> samples, Map<String, Integer> skipped, Set<String> ignoredMetrics) {}

  private record HeartRatePoint(OffsetDateTime at, Double avg, Double max) {}

  private final List<Sample> samples = new ArrayList<>();
  private final Map<String, Integer> skipped = new LinkedHashMap<>();
  private final Set<String> ignored = new LinkedHashSet<>();
  private final List<HeartRatePoint> heartRate = new ArrayList<>();

  private HealthAutoExport() {}

  /** True when the body has Health Auto Export's envelope rather than our {@code {"samples":[…]}}. */
  public static boolean matches(JsonNode body) {
    return body != null && body.isObject() && body.get("data") != null && body.get("data").isObject()
        && !body.has("samples");
  }

  /** Reads a body for which {@link #matches} is true. */
  public static Parsed parse(JsonNode body) {
    HealthAutoExport reader = new HealthAutoExport();
    JsonNode data = body.get("data");
    for (JsonNode metric : array(data.get("metrics"))) {
      reader.metric(metric);
    }
    for (JsonNode workout : array(data.get("workouts"))) {
      reader.workout(workout);
    }
    return new Parsed(List.copyOf(reader.samples), Map.copyOf(reader.skipped), Set.copyOf(reader.ignored));
  }

  private static Iterable<JsonNode> array(JsonNode node) {
    return node != null && node.isArray() ? node : List.of();
  }

  private void skip(String what, String why) {
    skipped.merge(what + ": " + why, 1, Integer::sum);
  }

  private void metric(JsonNode metric) {
    String name = text(metric.get("name"));
    if (name == null) {
      skip("metric", "no name");
      return;
    }
    name = name.toLowerCase(Locale.ROOT);
    if (!USED.contains(name)) {
      ignored.add(name);
      return;
    }
    String units = text(metric.get("units"));
    for (JsonNode item : array(metric.get("data"))) {
      if (!item.isObject()) {
        skip(name, "item is not an object");
        continue;
      }
      switch (name) {
        case "heart_rate_variability" -> quantity(name, item, units, Type.HRV_SDNN);
        case "resting_heart_rate" -> quantity(name, item, units, Type.RESTING_HR);
        case "heart_rate" -> heartRate(item, units);
        case "sleep_analysis" -> sleep(item, units);
        default -> throw new IllegalStateException(name);
      }
    }
  }

  private static final Set<String> USED =
      Set.of("heart_rate_variability", "resting_heart_rate", "heart_rate", "sleep_analysis");

  private void quantity(String name, JsonNode item, String units, Type type) {
    OffsetDateTime at = Units.dateTime(text(item.get("date")));
    Double qty = number(item.get("qty"));
    if (at == null) {
      skip(name, "no readable date");
      return;
    }
    if (qty == null) {
      skip(name, "no readable qty");
      return;
    }
    String unit = units == null ? null : units;
    Double value = type == Type.HRV_SDNN ? Units.millis(qty, unit) : Units.bpm(qty, unit);
    if (value == null) {
      skip(name, "unknown unit " + units);
      return;
    }
    boolean inRange = type == Type.HRV_SDNN ? value >= HRV_MIN_MS && value <= HRV_MAX_MS
        : value >= RHR_MIN && value <= RHR_MAX;
    if (!inRange) {
      skip(name, "value out of physiological range");
      return;
    }
    samples.add(new Sample(type, at, at, value, type == Type.HRV_SDNN ? "ms" : "count/min", null,
        source(item.get("source"))));
  }

  private void heartRate(JsonNode item, String units) {
    OffsetDateTime at = Units.dateTime(text(item.get("date")));
    Double avg = first(item, "Avg", "avg", "qty");
    Double max = first(item, "Max", "max");
    if (at == null || avg == null) {
      skip("heart_rate", at == null ? "no readable date" : "no readable Avg");
      return;
    }
    Double bpm = Units.bpm(avg, units);
    Double maxBpm = max == null ? bpm : Units.bpm(max, units);
    if (bpm == null || bpm < HR_MIN || bpm > HR_MAX || maxBpm == null || maxBpm > HR_MAX) {
      skip("heart_rate", bpm == null ? "unknown unit " + units : "value out of physiological range");
      return;
    }
    heartRate.add(new HeartRatePoint(at, bpm, maxBpm));
  }

  private void sleep(JsonNode item, String units) {
    if (item.has("startDate")) {
      sleepSegment(item);
    } else if (item.has("core") || item.has("deep") || item.has("rem") || item.has("totalSleep")) {
      OffsetDateTime start = firstDate(item, "sleepStart", "inBedStart", "date");
      OffsetDateTime end = firstDate(item, "sleepEnd", "inBedEnd", "date");
      Double core = hours(item.get("core"), units);
      Double deep = hours(item.get("deep"), units);
      Double rem = hours(item.get("rem"), units);
      Double unstaged = hours(item.get("asleep"), units);
      Double total = hours(item.get("totalSleep"), units);
      if (total == null) {
        // 6.6.2+: asleep is the part without a stage, not the total.
        total = orZero(core) + orZero(deep) + orZero(rem) + orZero(unstaged);
      }
      night(start, end, new SleepTotals(total, deep, rem, core, hours(item.get("awake"), units)),
          source(item.get("source")));
    } else if (item.has("asleep") || item.has("sleepSource")) {
      OffsetDateTime start = firstDate(item, "sleepStart", "inBedStart", "date");
      OffsetDateTime end = firstDate(item, "sleepEnd", "inBedEnd", "date");
      Double asleep = hours(item.get("asleep"), units);
      night(start, end, asleep == null ? null : new SleepTotals(asleep, null, null, null, null),
          source(item.get("sleepSource") != null ? item.get("sleepSource") : item.get("source")));
    } else {
      skip("sleep_analysis", "unknown shape (no startDate, core/deep or asleep)");
    }
  }

  private void night(OffsetDateTime start, OffsetDateTime end, SleepTotals totals, String source) {
    if (end == null) {
      skip("sleep_analysis", "no readable sleepEnd or date");
      return;
    }
    if (totals == null || totals.asleepHours() <= 0 || totals.asleepHours() > 24) {
      skip("sleep_analysis", totals == null ? "no readable sleep hours" : "value out of physiological range");
      return;
    }
    OffsetDateTime from = start == null || start.isAfter(end) ? end : start;
    samples.add(new Sample(Type.SLEEP_NIGHT, from, end, totals.asleepHours(), "hr", null, source, totals, null));
  }

  private void sleepSegment(JsonNode item) {
    OffsetDateTime start = Units.dateTime(text(item.get("startDate")));
    OffsetDateTime end = Units.dateTime(text(item.get("endDate")));
    if (start == null || end == null || !end.isAfter(start)) {
      skip("sleep_analysis", "segment without a readable startDate before endDate");
      return;
    }
    if (Duration.between(start, end).compareTo(Duration.ofHours(24)) > 0) {
      skip("sleep_analysis", "value out of physiological range");
      return;
    }
    Stage stage = stage(text(item.get("value")));
    if (stage == null) {
      skip("sleep_analysis", "unknown stage " + text(item.get("value")));
      return;
    }
    // The segment's own start and end decide; qty (hours) is redundant and sometimes disagrees.
    samples.add(new Sample(Type.SLEEP_STAGE, start, end, null, null, stage, source(item.get("source"))));
  }

  /** Health Auto Export's stage names, and HealthKit's for good measure. */
  static Stage stage(String value) {
    if (value == null) {
      return null;
    }
    String v = value.trim().toLowerCase(Locale.ROOT).replace(" ", "").replace("_", "");
    return switch (v) {
      case "inbed" -> Stage.IN_BED;
      case "asleep", "unspecified", "asleepunspecified" -> Stage.ASLEEP_UNSPECIFIED;
      case "awake" -> Stage.AWAKE;
      case "core", "asleepcore", "light" -> Stage.CORE;
      case "deep", "asleepdeep" -> Stage.DEEP;
      case "rem", "asleeprem" -> Stage.REM;
      default -> null;
    };
  }

  private void workout(JsonNode w) {
    if (!w.isObject()) {
      skip("workout", "not an object");
      return;
    }
    OffsetDateTime start = Units.dateTime(text(w.get("start")));
    OffsetDateTime end = Units.dateTime(text(w.get("end")));
    if (start == null || end == null || end.isBefore(start)) {
      skip("workout", "no readable start before end");
      return;
    }
    boolean v2 = w.has("id") || w.has("duration");
    Double durationSeconds = v2 ? number(w.get("duration")) : null;
    long seconds = durationSeconds != null && durationSeconds > 0 ? Math.round(durationSeconds)
        : Duration.between(start, end).getSeconds();
    if (seconds <= 0 || Duration.ofSeconds(seconds).compareTo(WORKOUT_MAX) > 0) {
      skip("workout", "duration out of range");
      return;
    }
    Double distance = quantity(w.get("distance"), Units::meters);
    Double energy = quantity(w.get("activeEnergyBurned"), Units::kcal);
    if (energy == null) {
      JsonNode active = w.get("activeEnergy");
      energy = active != null && active.isArray() ? series(active, Units::kcal) : quantity(active, Units::kcal);
    }
    Double elevation = quantity(w.get("elevationUp"), Units::meters);
    JsonNode v1Elevation = w.get("elevation");
    if (elevation == null && v1Elevation != null && v1Elevation.isObject()) {
      Double ascent = number(v1Elevation.get("ascent"));
      elevation = ascent == null ? null : Units.meters(ascent, text(v1Elevation.get("units")));
    }
    Double[] hr = workoutHeartRate(w, start, end);
    if (hr[0] != null && (hr[0] < HR_MIN || hr[0] > HR_MAX) || hr[1] != null && hr[1] > HR_MAX) {
      skip("workout", "heart rate out of physiological range");
      return;
    }
    Boolean indoor = null;
    if (w.get("isIndoor") != null && w.get("isIndoor").isBoolean()) {
      indoor = w.get("isIndoor").asBoolean();
    } else if ("indoor".equalsIgnoreCase(text(w.get("location")))) {
      indoor = Boolean.TRUE;
    }
    WorkoutDetail detail = new WorkoutDetail(text(w.get("name")), seconds, round(distance), round(energy),
        hr[0] == null ? null : (int) Math.round(hr[0]), hr[1] == null ? null : (int) Math.round(hr[1]),
        round(elevation), indoor, text(w.get("id")));
    samples.add(new Sample(Type.WORKOUT, start, end, Math.round(seconds / 6.0) / 10.0, "min", null,
        source(w.get("source")), null, detail));
  }

  /** Average and maximum: the summary fields, else the workout's own series, else the heart_rate metric. */
  private Double[] workoutHeartRate(JsonNode w, OffsetDateTime start, OffsetDateTime end) {
    JsonNode summary = w.get("heartRate");
    Double avg = summary != null && summary.isObject() ? quantity(summary.get("avg"), Units::bpm) : null;
    Double max = summary != null && summary.isObject() ? quantity(summary.get("max"), Units::bpm) : null;
    if (avg == null) {
      avg = quantity(w.get("avgHeartRate"), Units::bpm);
    }
    if (max == null) {
      max = quantity(w.get("maxHeartRate"), Units::bpm);
    }
    if (avg != null) {
      return new Double[] {avg, max};
    }
    List<HeartRatePoint> points = new ArrayList<>();
    for (JsonNode p : array(w.get("heartRateData"))) {
      Double a = first(p, "Avg", "avg", "qty");
      Double m = first(p, "Max", "max", "qty");
      String unit = text(p.get("units"));
      Double bpm = a == null ? null : Units.bpm(a, unit);
      if (bpm != null) {
        points.add(new HeartRatePoint(null, bpm, m == null ? bpm : Units.bpm(m, unit)));
      }
    }
    if (points.isEmpty()) {
      for (HeartRatePoint p : heartRate) {
        if (!p.at().isBefore(start) && !p.at().isAfter(end)) {
          points.add(p);
        }
      }
    }
    if (points.isEmpty()) {
      return new Double[] {null, max};
    }
    double mean = points.stream().mapToDouble(HeartRatePoint::avg).average().orElseThrow();
    double top = points.stream().mapToDouble(p -> p.max() == null ? p.avg() : p.max()).max().orElseThrow();
    return new Double[] {mean, max != null ? max : top};
  }

  private interface Conversion {
    Double apply(double value, String unit);
  }

  /** A {@code {qty, units}} object in our unit, or null. */
  private static Double quantity(JsonNode node, Conversion conversion) {
    if (node == null || !node.isObject()) {
      return null;
    }
    Double qty = number(node.get("qty"));
    return qty == null ? null : conversion.apply(qty, text(node.get("units")));
  }

  /** The sum of a {@code [{qty, units}]} series in our unit, or null. */
  private static Double series(JsonNode node, Conversion conversion) {
    Double sum = null;
    for (JsonNode item : node) {
      Double v = quantity(item, conversion);
      if (v != null) {
        sum = (sum == null ? 0 : sum) + v;
      }
    }
    return sum;
  }

  private static Double hours(JsonNode node, String units) {
    Double v = number(node);
    if (v == null) {
      return null;
    }
    Double seconds = Units.seconds(v, units == null ? "hr" : units);
    return seconds == null ? null : seconds / 3600;
  }

  private static OffsetDateTime firstDate(JsonNode item, String... keys) {
    for (String key : keys) {
      OffsetDateTime t = Units.dateTime(text(item.get(key)));
      if (t != null) {
        return t;
      }
    }
    return null;
  }

  private static Double first(JsonNode item, String... keys) {
    for (String key : keys) {
      Double v = number(item.get(key));
      if (v != null) {
        return v;
      }
    }
    return null;
  }

  /** A JSON number, or a number written as text in any locale ("6,5"). */
  static Double number(JsonNode node) {
    if (node == null || node.isNull()) {
      return null;
    }
    if (node.isNumber()) {
      double v = node.asDouble();
      return Double.isFinite(v) ? v : null;
    }
    return node.isTextual() ? Units.number(node.asText()) : null;
  }

  private static String text(JsonNode node) {
    return node == null || node.isNull() || node.isContainerNode() ? null : node.asText();
  }

  private static String source(JsonNode node) {
    String s = text(node);
    return s == null || s.isBlank() ? "Health Auto Export" : (s.length() > 200 ? s.substring(0, 200) : s);
  }

  private static double orZero(Double v) {
    return v == null ? 0 : v;
  }

  private static Double round(Double v) {
    return v == null ? null : Math.round(v * 10) / 10.0;
  }
}
