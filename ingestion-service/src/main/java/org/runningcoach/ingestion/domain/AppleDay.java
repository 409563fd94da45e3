package org.runningcoach.ingestion.domain;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.runningcoach.events.HealthDataReceived;
import org.runningcoach.ingestion.domain.AppleSamples.Sample;
import org.runningcoach.ingestion.domain.AppleSamples.Type;

/**
 * One athlete-day of Apple data, from every sample kept for it whatever brought it (the phone's
 * webhook, Health Auto Export, an export.xml import): the day's HRV (SDNN mean), resting HR (the
 * latest) and the night that ends on it. Computing the whole day from all its samples, rather
 * than each batch on its own, is what lets a batch split over several requests, a re-sent
 * overlap or a re-imported file give the same day, so nothing is announced twice.
 */
public final class AppleDay {

  private AppleDay() {}

  /** The day's inputs; each is null when the day has no usable sample for it. */
  public record Inputs(HealthDataReceived.Hrv hrv, HealthDataReceived.RestingHr restingHr,
      HealthDataReceived.Sleep sleep) {}

  /**
   * The inputs of {@code date}. {@code window} holds the samples whose local date is the day
   * before, the day itself and the day after: a night ending on the date may start the evening
   * before, and a session only ends on the date if nothing after it continues it.
   */
  public static Inputs of(LocalDate date, List<Sample> window) {
    List<Sample> day = window.stream().filter(s -> AppleSamples.dateOf(s).equals(date)).toList();
    HealthDataReceived.Sleep sleep = AppleSamples.nights(window).get(date);
    if (sleep == null) {
      sleep = summedNight(day).orElse(null);
    }
    return new Inputs(AppleSamples.hrv(day).orElse(null), AppleSamples.restingHr(day).orElse(null), sleep);
  }

  /**
   * A night the sender summed up itself, when no segments cover the date: the one with stages
   * first, then the longest; never added to another.
   */
  static Optional<HealthDataReceived.Sleep> summedNight(List<Sample> day) {
    return day.stream().filter(s -> s.type() == Type.SLEEP_NIGHT && s.totals() != null)
        .min(Comparator.<Sample, Boolean>comparing(s -> s.totals().deepHours() == null)
            .thenComparing(s -> -s.totals().asleepHours())
            .thenComparing(s -> s.source() == null ? "" : s.source()))
        .map(s -> new HealthDataReceived.Sleep(hours(s.totals().asleepHours()), hours(s.totals().deepHours()),
            hours(s.totals().remHours()), hours(s.totals().coreHours()), hours(s.totals().awakeHours()),
            s.start().toInstant(), s.end().toInstant()));
  }

  private static Double hours(Double h) {
    return h == null ? null : Math.round(h * 100) / 100.0;
  }
}
