package org.runningcoach.benchmarks;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.runningcoach.readiness.domain.History;
import org.runningcoach.readiness.domain.ReadinessEngine;
import org.runningcoach.readiness.domain.Thresholds;

/**
 * Recomputes every day of a year for N generated athletes on one thread with {@code computeRange}
 * (one pass per athlete) and prints athlete-days/s; beside it, in the same run, the old path
 * ({@code compute} date by date, on a tenth of the athletes: it is about a hundred times slower)
 * and the raw baseline (a plain read of every athlete's year), each as a ratio.
 */
public final class RecomputeYear {

  static final int DAYS = 365;
  static final double GOAL = 1_000_000;

  private RecomputeYear() {}

  public static void main(String[] args) {
    int athletes = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
    ReadinessEngine engine = new ReadinessEngine(Thresholds.defaults());
    List<History> histories = new ArrayList<>();
    for (int i = 0; i < athletes; i++) {
      histories.add(GeneratedAthletes.year(i));
    }
    List<History> sample = histories.subList(0, Math.max(1, athletes / 10));
    // Warm up each path on a tenth of the work, then measure.
    range(engine, sample);
    perDate(engine, sample.subList(0, Math.max(1, sample.size() / 10)));
    read(histories);

    double raw = rate(() -> read(histories));
    double onePass = rate(() -> range(engine, histories));
    double old = rate(() -> perDate(engine, sample));
    System.out.printf("raw read of the inputs   %,12.0f athlete-days/s (%d athletes x %d)%n", raw, athletes, DAYS);
    System.out.printf("computeRange, one pass   %,12.0f athlete-days/s (%d athletes x %d), %.3f of raw, %.2f of the 1M goal%n",
        onePass, athletes, DAYS, onePass / raw, onePass / GOAL);
    System.out.printf("compute date by date     %,12.0f athlete-days/s (%d athletes x %d), %.5f of raw; computeRange is %.0fx faster%n",
        old, sample.size(), DAYS, old / raw, onePass / old);
  }

  /** Athlete-days per second of one run of {@code work}, which returns how many athlete-days it did. */
  private static double rate(java.util.function.LongSupplier work) {
    long start = System.nanoTime();
    long days = work.getAsLong();
    return days / ((System.nanoTime() - start) / 1e9);
  }

  private static long range(ReadinessEngine engine, List<History> histories) {
    long days = 0;
    long checksum = 0;
    LocalDate last = GeneratedAthletes.FIRST.plusDays(DAYS - 1);
    for (History h : histories) {
      for (var state : engine.computeRange(h, GeneratedAthletes.FIRST, last)) {
        checksum += state.overall().score();
        days++;
      }
    }
    return consume(days, checksum);
  }

  private static long perDate(ReadinessEngine engine, List<History> histories) {
    long days = 0;
    long checksum = 0;
    for (History h : histories) {
      for (int i = 0; i < DAYS; i++) {
        checksum += engine.compute(h, GeneratedAthletes.FIRST.plusDays(i)).overall().score();
        days++;
      }
    }
    return consume(days, checksum);
  }

  private static long read(List<History> histories) {
    long days = 0;
    double sum = 0;
    for (History h : histories) {
      for (var d : h.days().values()) {
        sum += d.checkin().sleepHours() + d.hrv().valueMs() + d.restingHr().value();
        for (var w : d.workouts()) {
          sum += w.movingSeconds();
        }
        days++;
      }
    }
    return consume(days, (long) sum);
  }

  private static long consume(long days, long checksum) {
    if (checksum == 42) {
      System.out.println();
    }
    return days;
  }
}
