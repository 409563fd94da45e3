package org.runningcoach.activity.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Each threshold checked on both sides. */
class RulesAtTheirEdgesTest {

  static final Instant T0 = Instant.parse("2024-05-01T06:00:00Z");

  static Sample at(double seconds, Double distance, Integer hr, Double altitude) {
    return new Sample(T0.plusMillis(Math.round(seconds * 1000)), hr, null, null, altitude, distance, null, null, null, null, null);
  }

  static ParsedActivity activity(String sport, List<Sample> samples, List<Pause> pauses) {
    return new ParsedActivity(ActivityFormat.GPX, sport, T0, null, null, samples, pauses, List.of(), DeviceSummary.NONE);
  }

  record MovingCase(double metresIn10s, long movingSeconds) {}

  @Test
  void anIntervalIsMovingFromHalfAMetrePerSecond() {
    for (MovingCase c : List.of(new MovingCase(4.9, 0), new MovingCase(5.0, 10), new MovingCase(30, 10))) {
      Metrics m = MetricsCalculator.compute(activity("running", List.of(at(0, 0.0, 120, null), at(10, c.metresIn10s(), 120, null)), List.of()));
      assertThat(m.movingSeconds()).as("%s m in 10 s", c.metresIn10s()).isEqualTo(c.movingSeconds());
      assertThat(m.timerSeconds()).isEqualTo(10);
    }
  }

  record GapCase(double gapSeconds, double metres, long timerSeconds) {}

  @Test
  void aSilenceOfMoreThanSixtySecondsIsTrainingTimeOnlyIfGroundWasCovered() {
    for (GapCase c : List.of(new GapCase(60, 0, 60), new GapCase(61, 0, 0), new GapCase(61, 200, 61))) {
      Metrics m = MetricsCalculator.compute(activity("running",
          List.of(at(0, 0.0, 150, null), at(c.gapSeconds(), c.metres(), 150, null)), List.of()));
      assertThat(m.timerSeconds()).as("%s m in %s s", c.metres(), c.gapSeconds()).isEqualTo(c.timerSeconds());
      assertThat(m.hrSecondsByBpm().getOrDefault(150, 0)).isEqualTo((int) c.timerSeconds());
      assertThat(m.elapsedSeconds()).isEqualTo(Math.round(c.gapSeconds()));
    }
  }

  @Test
  void timeInsideAPauseCountsNeitherAsMovingNorForHeartRate() {
    List<Sample> s = List.of(at(0, 0.0, 140, null), at(10, 30.0, 160, null), at(40, 31.0, 100, null), at(50, 60.0, 150, null));
    Metrics m = MetricsCalculator.compute(activity("running", s, List.of(new Pause(T0.plusSeconds(10), T0.plusSeconds(40)))));
    assertThat(m.timerSeconds()).isEqualTo(20);
    assertThat(m.movingSeconds()).isEqualTo(20);
    assertThat(m.hrSecondsByBpm()).containsOnlyKeys(140, 100).containsEntry(140, 10).containsEntry(100, 10);
    assertThat(m.avgHr()).isEqualTo(120);
    assertThat(m.maxHr()).isEqualTo(160);
  }

  record ClimbCase(double rise, double gain) {}

  @Test
  void altitudeChangesBelowFiveMetresAreNoise() {
    for (ClimbCase c : List.of(new ClimbCase(4.9, 0), new ClimbCase(5.0, 5.0), new ClimbCase(12, 12))) {
      List<Sample> s = List.of(at(0, 0.0, null, 100.0), at(10, 30.0, null, 100 + c.rise()), at(20, 60.0, null, 100.0));
      Metrics m = MetricsCalculator.compute(activity("running", s, List.of()));
      assertThat(m.elevationGainMeters()).as("rise %s", c.rise()).isEqualTo(c.gain());
      assertThat(m.elevationLossMeters()).isEqualTo(c.gain());
    }
  }

  record ImpactCase(String name, String sport, double metres, double seconds, double drop, double impact) {}

  @Test
  void impactLoadGrowsWithSpeedAndDownhillGradeAndIsZeroOffYourFeet() {
    List<ImpactCase> cases = List.of(
        new ImpactCase("1 km flat at 3 m/s", "running", 1000, 333.333, 0, 1.0),
        new ImpactCase("1 km flat at 4 m/s", "running", 1000, 250, 0, 1.33),
        new ImpactCase("1 km at 3 m/s, 10 % downhill", "running", 1000, 333.333, 100, 1.3),
        new ImpactCase("1 km at 3 m/s, 50 % downhill is capped at 30 %", "running", 1000, 333.333, 500, 1.9),
        new ImpactCase("1 km at 3 m/s uphill counts as flat", "running", 1000, 333.333, -100, 1.0),
        new ImpactCase("1 km walking at 1.5 m/s", "walking", 1000, 666.667, 0, 0.5),
        new ImpactCase("1 km cycling", "cycling", 1000, 120, 0, 0.0));
    for (ImpactCase c : cases) {
      // many 10-second steps so the gap rule does not apply
      int steps = 100;
      List<Sample> s = new ArrayList<>();
      for (int i = 0; i <= steps; i++) {
        s.add(at(c.seconds() * i / steps, c.metres() * i / steps, null, 1000 - c.drop() * i / steps));
      }
      ParsedActivity a = activity(c.sport(), s, List.of());
      Metrics m = MetricsCalculator.compute(a);
      assertThat(LoadCalculator.compute(a, m, null).impactLoad()).as(c.name()).isCloseTo(c.impact(), within(0.011));
    }
  }

  @Test
  void srpeIsRpeTimesMovingMinutesAndAbsentWithoutRpe() {
    assertThat(LoadCalculator.srpe(6, 3600)).isEqualTo(360.0);
    assertThat(LoadCalculator.srpe(1, 30)).isEqualTo(0.5);
    assertThat(LoadCalculator.srpe(10, 5400)).isEqualTo(900.0);
    assertThat(LoadCalculator.srpe(null, 3600)).isNull();
    // a summary: 10 km in 50 min is 3.33 m/s
    assertThat(LoadCalculator.impactFromTotals("running", 10_000.0, 3000)).isCloseTo(11.11, within(0.01));
    assertThat(LoadCalculator.impactFromTotals("running", null, 3000)).isZero();
    assertThat(LoadCalculator.impactFromTotals("swimming", 2000.0, 3000)).isZero();
  }

  record CadenceCase(double recorded, double shown) {}

  @Test
  void runningCadenceBelow120IsStridesAndIsDoubledIntoSteps() {
    for (CadenceCase c : List.of(new CadenceCase(85, 170), new CadenceCase(119, 238), new CadenceCase(120, 120), new CadenceCase(172, 172))) {
      Sample s = new Sample(T0, null, null, null, null, null, null, c.recorded(), null, null, null);
      assertThat(ActivityFiles.cadenceInSteps(List.of(s), true).get(0).cadence()).as("%s", c.recorded()).isEqualTo(c.shown());
    }
    Sample bike = new Sample(T0, null, null, null, null, null, null, 85.0, null, null, null);
    assertThat(ActivityFiles.cadenceInSteps(List.of(bike), false).get(0).cadence()).isEqualTo(85.0);
  }

  record DuplicateCase(String name, long startDelta, long elapsedB, long movingB, boolean same) {}

  @Test
  void theSameRunIsRecognisedWithinSixtySecondsAndFivePercent() {
    List<DuplicateCase> cases = List.of(
        new DuplicateCase("identical", 0, 3600, 3500, true),
        new DuplicateCase("start 60 s later", 60, 3600, 3500, true),
        new DuplicateCase("start 61 s later", 61, 3600, 3500, false),
        new DuplicateCase("start 60 s earlier", -60, 3600, 3500, true),
        new DuplicateCase("elapsed 5 % shorter", 0, 3420, 3000, true),
        new DuplicateCase("elapsed 5.1 % shorter, moving far off", 0, 3416, 3000, false),
        new DuplicateCase("typed summary matching moving time", 10, 3500, 3500, true),
        new DuplicateCase("a different, shorter run", 0, 1800, 1800, false));
    for (DuplicateCase c : cases) {
      assertThat(Duplicates.sameRun(T0, 3600, 3500, T0.plusSeconds(c.startDelta()), c.elapsedB(), c.movingB()))
          .as(c.name()).isEqualTo(c.same());
    }
  }

  @Test
  void rmssdUsesCleanSuccessiveBeatsOnly() {
    // golden: differences 20, -20, 20 → RMSSD 20
    assertThat(Hrv.rmssd(List.of(800, 820, 800, 820))).isEqualTo(20.0);
    // an artefact beat (250 ms) and an ectopic jump (> 20 %) are left out: 800→820 and 1000→1010 remain
    assertThat(Hrv.rmssd(List.of(800, 820, 250, 1000, 1010, 1500))).isCloseTo(15.8, within(0.05));
    assertThat(Hrv.rmssd(List.of(800, 820))).isNull();
    assertThat(Hrv.rmssd(List.of())).isNull();
  }

  @Test
  void downsamplingKeepsFirstLastAndAtMostMaxPoints() {
    List<Integer> items = IntStream.range(0, 1000).boxed().toList();
    assertThat(Downsample.evenly(items, 10)).hasSize(10).startsWith(0).endsWith(999);
    assertThat(Downsample.evenly(items, 2)).containsExactly(0, 999);
    assertThat(Downsample.evenly(items, 5000)).hasSize(1000);
    Random random = new Random(42);
    for (int i = 0; i < 200; i++) {
      int n = 1 + random.nextInt(3000);
      int max = 2 + random.nextInt(500);
      List<Integer> out = Downsample.evenly(IntStream.range(0, n).boxed().toList(), max);
      assertThat(out).hasSize(Math.min(n, max)).isSorted().doesNotHaveDuplicates();
    }
  }

  @Test
  void histogramSecondsNeverExceedTimerTimeAndMovingNeverExceedsTimer() {
    Random random = new Random(7);
    for (int run = 0; run < 100; run++) {
      List<Sample> s = new ArrayList<>();
      double t = 0;
      double d = 0;
      for (int i = 0; i < 200; i++) {
        s.add(at(t, d, random.nextInt(10) == 0 ? null : 90 + random.nextInt(100), 100 + random.nextDouble() * 20));
        t += 1 + random.nextInt(90);
        d += random.nextDouble() * 40;
      }
      Metrics m = MetricsCalculator.compute(activity("running", s, List.of()));
      long histogram = m.hrSecondsByBpm().values().stream().mapToLong(Integer::longValue).sum();
      assertThat(histogram).isLessThanOrEqualTo(m.timerSeconds() + m.hrSecondsByBpm().size());
      assertThat(m.movingSeconds()).isLessThanOrEqualTo(m.timerSeconds());
      assertThat(m.timerSeconds()).isLessThanOrEqualTo(m.elapsedSeconds());
    }
  }
}
