package org.runningcoach.benchmarks;

import java.time.LocalDate;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.runningcoach.readiness.domain.History;
import org.runningcoach.readiness.domain.ReadinessEngine;
import org.runningcoach.readiness.domain.Thresholds;

/**
 * The readiness engine on one thread, every figure in athlete-days per second: one date computed
 * from a year of history; a whole year recomputed date by date with {@code compute} (the old
 * path) and in one pass with {@code computeRange}; and, as the raw baseline in the same run, a
 * plain read of the same year's inputs (what any engine must at least do), counted per day read.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 3)
public class ReadinessEngineBenchmark {

  static final int DAYS = 365;

  History history;
  ReadinessEngine engine;
  LocalDate firstDay;
  LocalDate lastDay;

  @Setup
  public void setUp() {
    history = GeneratedAthletes.year(7);
    engine = new ReadinessEngine(Thresholds.defaults());
    firstDay = GeneratedAthletes.FIRST;
    lastDay = GeneratedAthletes.FIRST.plusDays(DAYS - 1);
  }

  @Benchmark
  public void athleteDayFromAYearOfHistory(Blackhole bh) {
    bh.consume(engine.compute(history, lastDay));
  }

  @Benchmark
  @OperationsPerInvocation(DAYS)
  public void yearDateByDateWithCompute(Blackhole bh) {
    for (LocalDate d = firstDay; !d.isAfter(lastDay); d = d.plusDays(1)) {
      bh.consume(engine.compute(history, d));
    }
  }

  @Benchmark
  @OperationsPerInvocation(DAYS)
  public void yearInOnePassWithComputeRange(Blackhole bh) {
    bh.consume(engine.computeRange(history, firstDay, lastDay));
  }

  @Benchmark
  @OperationsPerInvocation(DAYS)
  public void baselineReadTheYearOnce(Blackhole bh) {
    double sum = 0;
    for (var d : history.days().values()) {
      sum += d.checkin().sleepHours() + d.hrv().valueMs() + d.restingHr().value();
      for (var w : d.workouts()) {
        sum += w.movingSeconds();
      }
    }
    bh.consume(sum);
  }
}
