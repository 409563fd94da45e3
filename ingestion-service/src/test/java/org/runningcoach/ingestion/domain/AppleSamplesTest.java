package org.runningcoach.ingestion.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.runningcoach.events.HealthDataReceived;
import org.runningcoach.events.HealthDataReceived.HealthDataKind;
import org.runningcoach.events.HealthDataReceived.HrvMetric;
import org.runningcoach.ingestion.domain.AppleSamples.Sample;
import org.runningcoach.ingestion.domain.AppleSamples.Stage;
import org.runningcoach.ingestion.domain.AppleSamples.Type;

class AppleSamplesTest {

  static final String WATCH = "Daniel’s Apple Watch";
  static final String AUTOSLEEP = "AutoSleep";

  static Sample stage(String start, String end, Stage stage, String source) {
    return new Sample(Type.SLEEP_STAGE, OffsetDateTime.parse(start), OffsetDateTime.parse(end), null, null, stage, source);
  }

  static Sample value(Type type, String end, double value, String unit) {
    OffsetDateTime e = OffsetDateTime.parse(end);
    return new Sample(type, e.minusMinutes(1), e, value, unit, null, WATCH);
  }

  static List<HealthDataReceived> readings(List<Sample> samples) {
    return AppleSamples.readings(samples, "a", UUID.randomUUID(), Instant.parse("2026-03-02T00:00:00Z"));
  }

  static HealthDataReceived only(List<HealthDataReceived> events, HealthDataKind kind) {
    return events.stream().filter(e -> e.kind() == kind).reduce((x, y) -> {
      throw new AssertionError("two " + kind);
    }).orElseThrow();
  }

  @Test
  void overlappingSourcesAreMergedByPriorityNeverSummed() {
    // The Watch has stages 23:00–06:30 (+09:00); AutoSleep says asleep 22:30–07:00 over the same night.
    List<Sample> night = List.of(
        stage("2026-03-01T23:00+09:00", "2026-03-02T01:00+09:00", Stage.CORE, WATCH),
        stage("2026-03-02T01:00+09:00", "2026-03-02T02:30+09:00", Stage.DEEP, WATCH),
        stage("2026-03-02T02:30+09:00", "2026-03-02T02:45+09:00", Stage.AWAKE, WATCH),
        stage("2026-03-02T02:45+09:00", "2026-03-02T04:45+09:00", Stage.CORE, WATCH),
        stage("2026-03-02T04:45+09:00", "2026-03-02T06:30+09:00", Stage.REM, WATCH),
        stage("2026-03-01T22:30+09:00", "2026-03-02T07:00+09:00", Stage.ASLEEP_UNSPECIFIED, AUTOSLEEP),
        stage("2026-03-01T22:00+09:00", "2026-03-02T07:10+09:00", Stage.IN_BED, "iPhone"));
    HealthDataReceived sleep = only(readings(night), HealthDataKind.SLEEP);
    assertThat(sleep.localDate()).isEqualTo(LocalDate.parse("2026-03-02"));
    // Watch asleep 7 h 15 min + AutoSleep's uncovered 30 min before and 30 min after = 8.25 h (not 15.75).
    assertThat(sleep.sleep().totalHours()).isEqualTo(8.25);
    assertThat(sleep.sleep().deepHours()).isEqualTo(1.5);
    assertThat(sleep.sleep().remHours()).isEqualTo(1.75);
    assertThat(sleep.sleep().lightHours()).isEqualTo(4.0);
    assertThat(sleep.sleep().awakeHours()).isEqualTo(0.25);
    assertThat(sleep.sleep().end()).isEqualTo(Instant.parse("2026-03-01T22:00:00Z"));
  }

  @Test
  void theNightBelongsToTheLocalDateOfTheWakeUpInItsOwnOffset() {
    // 06:30 in Tokyo is still the previous day in UTC: the athlete's date is the Tokyo one.
    List<Sample> night = List.of(stage("2026-03-01T23:00+09:00", "2026-03-02T06:30+09:00", Stage.ASLEEP_UNSPECIFIED, WATCH),
        value(Type.HRV_SDNN, "2026-03-02T05:00+09:00", 40, "ms"),
        value(Type.HRV_SDNN, "2026-03-02T06:00+09:00", 0.05, "s"),
        value(Type.RESTING_HR, "2026-03-02T06:40+09:00", 53, "count/min"),
        value(Type.RESTING_HR, "2026-03-02T06:50+09:00", 51.6, "bpm"));
    List<HealthDataReceived> events = readings(night);
    assertThat(events).extracting(HealthDataReceived::localDate).containsOnly(LocalDate.parse("2026-03-02"));
    HealthDataReceived hrv = only(events, HealthDataKind.HRV);
    assertThat(hrv.hrv().metric()).isEqualTo(HrvMetric.SDNN);
    assertThat(hrv.hrv().valueMs()).isEqualTo(45.0);
    assertThat(only(events, HealthDataKind.RESTING_HR).restingHr().bpm()).isEqualTo(52);
  }

  @Test
  void aNapDoesNotReplaceTheNightAndUnknownUnitsAreIgnored() {
    List<Sample> day = List.of(stage("2026-03-01T23:00+01:00", "2026-03-02T06:00+01:00", Stage.CORE, WATCH),
        stage("2026-03-02T14:00+01:00", "2026-03-02T14:40+01:00", Stage.CORE, WATCH),
        value(Type.HRV_SDNN, "2026-03-02T05:00+01:00", 40, "furlongs"),
        value(Type.WORKOUT, "2026-03-02T18:00+01:00", 3600, "s"));
    List<HealthDataReceived> events = readings(day);
    assertThat(events).extracting(HealthDataReceived::kind).containsExactly(HealthDataKind.SLEEP);
    assertThat(events.get(0).sleep().totalHours()).isEqualTo(7.0);
  }

  @Test
  void mergedSleepNeverExceedsTheTimeSpannedWhateverTheOverlaps() {
    Random random = new Random(42);
    OffsetDateTime base = OffsetDateTime.parse("2026-03-01T22:00+02:00");
    for (int round = 0; round < 500; round++) {
      List<Sample> segments = new ArrayList<>();
      for (int i = 0; i < 1 + random.nextInt(12); i++) {
        OffsetDateTime start = base.plusMinutes(random.nextInt(480));
        segments.add(new Sample(Type.SLEEP_STAGE, start, start.plusMinutes(1 + random.nextInt(180)), null, null,
            Stage.values()[1 + random.nextInt(5)], "source" + random.nextInt(3)));
      }
      long spanSeconds = segments.stream().mapToLong(s -> s.end().toEpochSecond()).max().orElseThrow()
          - segments.stream().mapToLong(s -> s.start().toEpochSecond()).min().orElseThrow();
      for (HealthDataReceived e : readings(segments)) {
        double awake = e.sleep().awakeHours() == null ? 0 : e.sleep().awakeHours();
        assertThat(e.sleep().totalHours() + awake).as("round %d", round).isLessThanOrEqualTo(spanSeconds / 3600.0 + 0.02);
      }
    }
  }
}
