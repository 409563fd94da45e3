package org.runningcoach.ingestion.domain;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import org.runningcoach.events.HealthDataReceived;
import org.runningcoach.events.HealthDataReceived.DataSource;
import org.runningcoach.events.HealthDataReceived.HealthDataKind;
import org.runningcoach.events.HealthDataReceived.HrvMetric;

/**
 * Apple Health samples from the athlete's phone → what readiness uses, per local date. A
 * sample's date is the local date of its end in the offset it was sent with (the wake-up day
 * for sleep and overnight HRV), so travel across time zones needs no stored zone.
 * <ul>
 *   <li>HRV_SDNN: the mean of the date's samples (ms; seconds are converted), metric SDNN.</li>
 *   <li>RESTING_HR: the date's latest sample (count/min, bpm).</li>
 *   <li>SLEEP_STAGE: a night is the segments ending on that date. Sources are ranked (one with
 *       stages first, then the one covering more time, then by name); each source only adds
 *       time no higher-ranked segment already covers, so overlapping records are never summed.
 *       IN_BED is ignored.</li>
 *   <li>WORKOUT: not announced here (activity-service owns workouts); kept raw.</li>
 * </ul>
 */
public final class AppleSamples {

  /**
   * SLEEP_NIGHT is a night already summed up by the sender (Health Auto Export's aggregated
   * sleep_analysis): it counts only for a date no segment-based night covers.
   */
  public enum Type { HRV_SDNN, RESTING_HR, SLEEP_STAGE, SLEEP_NIGHT, WORKOUT }

  public enum Stage { IN_BED, ASLEEP_UNSPECIFIED, AWAKE, CORE, DEEP, REM }

  /**
   * One normalised sample. {@code totals} is set for SLEEP_NIGHT, {@code workout} for WORKOUT
   * (start and end are the workout's, {@code value} its duration in minutes).
   */
  public record Sample(Type type, OffsetDateTime start, OffsetDateTime end, Double value, String unit, Stage stage,
      String source, SleepTotals totals, WorkoutDetail workout) {

    public Sample(Type type, OffsetDateTime start, OffsetDateTime end, Double value, String unit, Stage stage,
        String source) {
      this(type, start, end, value, unit, stage, source, null, null);
    }
  }

  /** A night summed up by the sender, in hours; stages null when it had none. */
  public record SleepTotals(double asleepHours, Double deepHours, Double remHours, Double coreHours,
      Double awakeHours) {}

  /**
   * A workout in our units, whatever the sender used: metres, kilocalories, beats per minute.
   * {@code activityType} is the sender's own name ("Running", "HKWorkoutActivityTypeRunning");
   * {@code externalId} the sender's id when it has one.
   */
  public record WorkoutDetail(String activityType, long durationSeconds, Double distanceMeters,
      Double activeEnergyKcal, Integer avgHr, Integer maxHr, Double elevationGainMeters, Boolean indoor,
      String externalId) {}

  private AppleSamples() {}

  /** The value in milliseconds, or null when the unit is not a time unit we know. */
  static Double millis(double value, String unit) {
    String u = unit == null ? "ms" : unit.trim().toLowerCase(Locale.ROOT);
    return switch (u) {
      case "ms", "millisecond", "milliseconds" -> value;
      case "s", "sec", "second", "seconds" -> value * 1000;
      default -> null;
    };
  }

  /** Beats per minute, or null for an unknown unit. */
  static Double bpm(double value, String unit) {
    String u = unit == null ? "count/min" : unit.trim().toLowerCase(Locale.ROOT);
    return switch (u) {
      case "count/min", "bpm", "/min", "beats/min" -> value;
      case "count/s", "hz" -> value * 60;
      default -> null;
    };
  }

  static LocalDate dateOf(Sample s) {
    return s.end().toLocalDate();
  }

  public static List<HealthDataReceived> readings(List<Sample> samples, String athleteId, UUID recordId,
      Instant recordedAt) {
    List<HealthDataReceived> out = new ArrayList<>();
    Map<LocalDate, List<Sample>> byDate = samples.stream()
        .collect(Collectors.groupingBy(AppleSamples::dateOf, TreeMap::new, Collectors.toList()));
    byDate.forEach((date, day) -> {
      hrv(day).ifPresent(hrv -> out.add(event(athleteId, recordId, HealthDataKind.HRV, date, recordedAt, hrv, null, null)));
      restingHr(day).ifPresent(rhr -> out.add(event(athleteId, recordId, HealthDataKind.RESTING_HR, date, recordedAt,
          null, rhr, null)));
    });
    nights(samples).forEach((date, sleep) -> out.add(event(athleteId, recordId, HealthDataKind.SLEEP, date, recordedAt,
        null, null, sleep)));
    return out;
  }

  /** Segments closer than this belong to one sleep session (a night crosses midnight). */
  static final Duration SESSION_GAP = Duration.ofHours(3);

  /**
   * Sleep sessions by wake-up date: segments are clustered into sessions, a session's date is
   * the local date of its last end, and of several sessions ending on one date (a nap) the one
   * with the most sleep is the night.
   */
  static Map<LocalDate, HealthDataReceived.Sleep> nights(List<Sample> samples) {
    List<Sample> segments = samples.stream().filter(s -> s.type() == Type.SLEEP_STAGE && s.stage() != null
            && s.stage() != Stage.IN_BED && s.end().isAfter(s.start()))
        .sorted(Comparator.comparing(s -> s.start().toInstant())).toList();
    List<List<Sample>> sessions = new ArrayList<>();
    Instant sessionEnd = null;
    for (Sample s : segments) {
      if (sessionEnd == null || s.start().toInstant().isAfter(sessionEnd.plus(SESSION_GAP))) {
        sessions.add(new ArrayList<>());
        sessionEnd = s.end().toInstant();
      }
      sessions.get(sessions.size() - 1).add(s);
      if (s.end().toInstant().isAfter(sessionEnd)) {
        sessionEnd = s.end().toInstant();
      }
    }
    Map<LocalDate, HealthDataReceived.Sleep> nights = new TreeMap<>();
    for (List<Sample> session : sessions) {
      Sample last = session.stream().max(Comparator.comparing(s -> s.end().toInstant())).orElseThrow();
      sleep(session).ifPresent(sleep -> nights.merge(dateOf(last), sleep,
          (a, b) -> a.totalHours() >= b.totalHours() ? a : b));
    }
    return nights;
  }

  static java.util.Optional<HealthDataReceived.Hrv> hrv(List<Sample> day) {
    List<Sample> hrv = day.stream().filter(s -> s.type() == Type.HRV_SDNN && s.value() != null
        && millis(s.value(), s.unit()) != null && millis(s.value(), s.unit()) > 0).toList();
    if (hrv.isEmpty()) {
      return java.util.Optional.empty();
    }
    double mean = hrv.stream().mapToDouble(s -> millis(s.value(), s.unit())).average().orElseThrow();
    Instant last = hrv.stream().map(s -> s.end().toInstant()).max(Comparator.naturalOrder()).orElseThrow();
    return java.util.Optional.of(new HealthDataReceived.Hrv(HrvMetric.SDNN, Math.round(mean * 10) / 10.0, last));
  }

  static java.util.Optional<HealthDataReceived.RestingHr> restingHr(List<Sample> day) {
    return day.stream()
        .filter(s -> s.type() == Type.RESTING_HR && s.value() != null && bpm(s.value(), s.unit()) != null
            && bpm(s.value(), s.unit()) > 0)
        .max(Comparator.comparing(s -> s.end().toInstant()))
        .map(s -> new HealthDataReceived.RestingHr((int) Math.round(bpm(s.value(), s.unit()))));
  }

  private record Interval(Instant start, Instant end, Stage stage) {
    long seconds() {
      return Duration.between(start, end).getSeconds();
    }
  }

  static java.util.Optional<HealthDataReceived.Sleep> sleep(List<Sample> day) {
    List<Sample> segments = day.stream().filter(s -> s.type() == Type.SLEEP_STAGE && s.stage() != null
        && s.stage() != Stage.IN_BED && s.end().isAfter(s.start())).toList();
    if (segments.isEmpty()) {
      return java.util.Optional.empty();
    }
    Map<String, List<Sample>> bySource = new LinkedHashMap<>();
    segments.forEach(s -> bySource.computeIfAbsent(s.source() == null ? "" : s.source(), k -> new ArrayList<>()).add(s));
    List<String> ranked = new ArrayList<>(bySource.keySet());
    ranked.sort(Comparator.<String, Boolean>comparing(src -> bySource.get(src).stream().noneMatch(AppleSamples::staged))
        .thenComparing(src -> -bySource.get(src).stream()
            .mapToLong(s -> Duration.between(s.start(), s.end()).getSeconds()).sum())
        .thenComparing(src -> src));

    List<Interval> kept = new ArrayList<>();
    for (String source : ranked) {
      List<Sample> ordered = bySource.get(source).stream().sorted(Comparator.comparing(s -> s.start().toInstant())).toList();
      for (Sample s : ordered) {
        kept.addAll(uncovered(new Interval(s.start().toInstant(), s.end().toInstant(), s.stage()), kept));
      }
    }
    long deep = total(kept, Stage.DEEP);
    long rem = total(kept, Stage.REM);
    long core = total(kept, Stage.CORE);
    long unspecified = total(kept, Stage.ASLEEP_UNSPECIFIED);
    long awake = total(kept, Stage.AWAKE);
    long asleep = deep + rem + core + unspecified;
    if (asleep == 0) {
      return java.util.Optional.empty();
    }
    boolean staged = deep + rem + core > 0;
    Instant start = kept.stream().map(Interval::start).min(Comparator.naturalOrder()).orElseThrow();
    Instant end = kept.stream().map(Interval::end).max(Comparator.naturalOrder()).orElseThrow();
    return java.util.Optional.of(new HealthDataReceived.Sleep(hours(asleep), staged ? hours(deep) : null,
        staged ? hours(rem) : null, staged ? hours(core) : null, hours(awake), start, end));
  }

  private static boolean staged(Sample s) {
    return s.stage() == Stage.DEEP || s.stage() == Stage.REM || s.stage() == Stage.CORE;
  }

  /** The parts of a segment that no kept interval covers yet. */
  static List<Interval> uncovered(Interval segment, List<Interval> kept) {
    List<Interval> pieces = new ArrayList<>(List.of(segment));
    for (Interval k : kept) {
      List<Interval> next = new ArrayList<>();
      for (Interval p : pieces) {
        if (!k.end().isAfter(p.start()) || !k.start().isBefore(p.end())) {
          next.add(p);
          continue;
        }
        if (k.start().isAfter(p.start())) {
          next.add(new Interval(p.start(), k.start(), p.stage()));
        }
        if (k.end().isBefore(p.end())) {
          next.add(new Interval(k.end(), p.end(), p.stage()));
        }
      }
      pieces = next;
    }
    return pieces;
  }

  private static long total(List<Interval> intervals, Stage stage) {
    return intervals.stream().filter(i -> i.stage() == stage).mapToLong(Interval::seconds).sum();
  }

  private static double hours(long seconds) {
    return Math.round(seconds / 36.0) / 100.0;
  }

  private static HealthDataReceived event(String athleteId, UUID recordId, HealthDataKind kind, LocalDate date,
      Instant recordedAt, HealthDataReceived.Hrv hrv, HealthDataReceived.RestingHr rhr, HealthDataReceived.Sleep sleep) {
    return new HealthDataReceived(athleteId, recordId, kind, DataSource.APPLE, date, recordedAt,
        null, hrv, rhr, sleep, null, null);
  }
}
