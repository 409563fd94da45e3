package org.runningcoach.benchmarks;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.runningcoach.readiness.domain.History;
import org.runningcoach.readiness.domain.ReadinessEngine;
import org.runningcoach.readiness.domain.Thresholds;

/** Recomputes every day of a year for N generated athletes on one thread and prints athlete-days/s. */
public final class RecomputeYear {

  private RecomputeYear() {}

  public static void main(String[] args) {
    int athletes = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
    ReadinessEngine engine = new ReadinessEngine(Thresholds.defaults());
    List<History> histories = new ArrayList<>();
    for (int i = 0; i < athletes; i++) {
      histories.add(GeneratedAthletes.year(i));
    }
    // Warm up on a tenth of the work, then measure the whole.
    run(engine, histories.subList(0, Math.max(1, athletes / 10)));
    long start = System.nanoTime();
    long days = run(engine, histories);
    double seconds = (System.nanoTime() - start) / 1e9;
    System.out.printf("recomputed %d athlete-days (%d athletes x 365) in %.1f s: %.0f athlete-days/s on one thread%n",
        days, athletes, seconds, days / seconds);
  }

  private static long run(ReadinessEngine engine, List<History> histories) {
    long days = 0;
    long checksum = 0;
    for (History h : histories) {
      for (int i = 0; i < 365; i++) {
        LocalDate d = GeneratedAthletes.FIRST.plusDays(i);
        checksum += engine.compute(h, d).overall().score();
        days++;
      }
    }
    if (checksum == 42) {
      System.out.println();
    }
    return days;
  }
}
