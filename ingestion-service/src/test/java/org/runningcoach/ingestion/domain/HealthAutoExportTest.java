package org.runningcoach.ingestion.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.runningcoach.events.HealthDataReceived;
import org.runningcoach.ingestion.domain.AppleSamples.Sample;
import org.runningcoach.ingestion.domain.AppleSamples.Stage;
import org.runningcoach.ingestion.domain.AppleSamples.Type;

/** Health Auto Export bodies (the real files from the app's users, and the shapes its wiki documents). */
class HealthAutoExportTest {

  static final ObjectMapper JSON = new ObjectMapper();

  static JsonNode vendor(String file) throws Exception {
    try (InputStream in = HealthAutoExportTest.class.getResourceAsStream("/vendor/" + file)) {
      return JSON.readTree(in);
    }
  }

  static HealthAutoExport.Parsed parse(String json) throws Exception {
    JsonNode tree = JSON.readTree(json);
    assertThat(HealthAutoExport.matches(tree)).isTrue();
    return HealthAutoExport.parse(tree);
  }

  @Test
  void theLegacyAggregatedNightIsItsAsleepHoursOnTheMorningItEnds() throws Exception {
    var parsed = HealthAutoExport.parse(vendor("irvinlim-hae-sleep_analysis-aggregated-pre6.6.2.json"));
    assertThat(parsed.samples()).hasSize(1);
    Sample night = parsed.samples().get(0);
    assertThat(night.type()).isEqualTo(Type.SLEEP_NIGHT);
    assertThat(night.source()).isEqualTo("Irvin’s Apple Watch");
    assertThat(night.end()).isEqualTo(OffsetDateTime.parse("2021-12-18T08:57:06+08:00"));
    HealthDataReceived.Sleep sleep = AppleDay.of(LocalDate.of(2021, 12, 18), parsed.samples()).sleep();
    assertThat(sleep.totalHours()).isEqualTo(6.11);
    assertThat(sleep.deepHours()).isNull();
  }

  @Test
  void theAggregatedNightWithPhasesSumsItsStagesBecauseAsleepIsOnlyTheUnstagedPart() throws Exception {
    var parsed = HealthAutoExport.parse(vendor("irvinlim-hae-sleep_analysis-aggregated-phases-6.6.2plus.json"));
    HealthDataReceived.Sleep sleep = AppleDay.of(LocalDate.of(2023, 1, 31), parsed.samples()).sleep();
    assertThat(sleep.totalHours()).isEqualTo(5.42); // core 3.3 + deep 0.858 + rem 1.258 + asleep 0
    assertThat(sleep.deepHours()).isEqualTo(0.86);
    assertThat(sleep.remHours()).isEqualTo(1.26);
    assertThat(sleep.lightHours()).isEqualTo(3.3);
    assertThat(sleep.awakeHours()).isEqualTo(0.12);
    assertThat(sleep.end()).isEqualTo(OffsetDateTime.parse("2023-01-31T08:39:12+08:00").toInstant());
  }

  @Test
  void aNonAggregatedSegmentIsASleepStageWithItsOwnStartAndEnd() throws Exception {
    var parsed = HealthAutoExport.parse(vendor("irvinlim-hae-sleep_analysis-nonaggregated.json"));
    assertThat(parsed.samples()).singleElement().satisfies(s -> {
      assertThat(s.type()).isEqualTo(Type.SLEEP_STAGE);
      assertThat(s.stage()).isEqualTo(Stage.CORE);
      assertThat(s.start()).isEqualTo(OffsetDateTime.parse("2021-12-18T02:21:06+08:00"));
    });
    assertThat(AppleDay.of(LocalDate.of(2021, 12, 18), parsed.samples()).sleep().totalHours()).isEqualTo(6.6);
  }

  @Test
  void segmentsOfANightWinOverTheSendersSummaryAndAreNeverAddedToIt() throws Exception {
    List<Sample> both = new java.util.ArrayList<>();
    both.addAll(HealthAutoExport.parse(vendor("irvinlim-hae-sleep_analysis-aggregated-pre6.6.2.json")).samples());
    both.addAll(HealthAutoExport.parse(vendor("irvinlim-hae-sleep_analysis-nonaggregated.json")).samples());
    assertThat(AppleDay.of(LocalDate.of(2021, 12, 18), both).sleep().totalHours()).isEqualTo(6.6);
  }

  @Test
  void metricsReadinessDoesNotUseAreListedAsIgnored() throws Exception {
    var parsed = HealthAutoExport.parse(vendor("irvinlim-hae-v1-metrics-active_energy.json"));
    assertThat(parsed.samples()).isEmpty();
    assertThat(parsed.ignoredMetrics()).containsExactlyInAnyOrder("active_energy", "basal_body_temperature");
  }

  @Test
  void aV1WorkoutHasItsDurationFromStartAndEndAndItsEnergyInKilocalories() throws Exception {
    var parsed = HealthAutoExport.parse(vendor("irvinlim-hae-v1-workout-walking.json"));
    Sample w = parsed.samples().get(0);
    assertThat(w.type()).isEqualTo(Type.WORKOUT);
    assertThat(w.end().toLocalDate()).isEqualTo(LocalDate.of(2021, 12, 24));
    assertThat(w.workout().activityType()).isEqualTo("Walking");
    assertThat(w.workout().durationSeconds()).isEqualTo(1150);
    assertThat(w.workout().activeEnergyKcal()).isEqualTo(54.1); // 226.2 kJ
    assertThat(w.workout().elevationGainMeters()).isEqualTo(16.4);
    assertThat(w.workout().avgHr()).isEqualTo(108);
    assertThat(w.workout().externalId()).isNull();
  }

  @Test
  void aV2WorkoutInMilesAndKilojoulesIsNormalised() throws Exception {
    var parsed = parse("""
        {"data":{"workouts":[{"id":"5C2E0F0A-1B7E-4E55-9D4F-2D3F5C1A9B11","name":"Outdoor Run",
          "start":"2024-01-02 07:00:00 +0100","end":"2024-01-02 07:45:30 +0100","duration":2700,
          "location":"Outdoor","isIndoor":false,
          "distance":{"qty":"5,2","units":"mi"},"activeEnergyBurned":{"qty":2092,"units":"kJ"},
          "heartRate":{"min":{"qty":98,"units":"bpm"},"avg":{"qty":151.4,"units":"bpm"},"max":{"qty":176,"units":"bpm"}},
          "elevationUp":{"qty":120,"units":"ft"}}]}}""");
    var w = parsed.samples().get(0).workout();
    assertThat(w.durationSeconds()).isEqualTo(2700);
    assertThat(w.distanceMeters()).isEqualTo(8368.6); // 5.2 mi, decimal comma
    assertThat(w.activeEnergyKcal()).isEqualTo(500.0);
    assertThat(w.avgHr()).isEqualTo(151);
    assertThat(w.maxHr()).isEqualTo(176);
    assertThat(w.elevationGainMeters()).isEqualTo(36.6);
    assertThat(w.indoor()).isFalse();
    assertThat(w.externalId()).isEqualTo("5C2E0F0A-1B7E-4E55-9D4F-2D3F5C1A9B11");
    assertThat(parsed.samples().get(0).end().getOffset().getTotalSeconds()).isEqualTo(3600);
  }

  @Test
  void hrvRestingAndHeartRateAreReadInTheirUnitsAndOutOfRangeValuesAreSkippedWithAReason() throws Exception {
    var parsed = parse("""
        {"data":{"metrics":[
          {"name":"heart_rate_variability","units":"ms","data":[
            {"qty":"45,5","date":"2024-01-02 06:10:00 +0100","source":"Watch|iPhone"},
            {"qty":52.5,"date":"2024-01-02 07:10:00 +0100"},
            {"qty":900,"date":"2024-01-02 08:10:00 +0100"},
            {"qty":40,"date":"yesterday"}]},
          {"name":"resting_heart_rate","units":"bpm","data":[{"qty":48,"date":"2024-01-02 09:00:00 +0100"}]},
          {"name":"heart_rate","units":"count/min","data":[{"Min":50,"Avg":61.5,"Max":80,"date":"2024-01-02 09:00:00 +0100"}]},
          {"name":"step_count","units":"步","data":[{"qty":4000,"date":"2024-01-02 09:00:00 +0100"}]}]}}""");
    AppleDay.Inputs day = AppleDay.of(LocalDate.of(2024, 1, 2), parsed.samples());
    assertThat(day.hrv().valueMs()).isEqualTo(49.0);
    assertThat(day.hrv().metric()).isEqualTo(HealthDataReceived.HrvMetric.SDNN);
    assertThat(day.restingHr().bpm()).isEqualTo(48);
    assertThat(parsed.skipped()).containsEntry("heart_rate_variability: value out of physiological range", 1)
        .containsEntry("heart_rate_variability: no readable date", 1);
    assertThat(parsed.ignoredMetrics()).containsExactly("step_count");
  }

  @Test
  void overlappingSegmentsFromTwoSourcesAreMergedBySourceNotSummed() throws Exception {
    var parsed = parse("""
        {"data":{"metrics":[{"name":"sleep_analysis","units":"hr","data":[
          {"startDate":"2024-01-01 23:00:00 +0100","endDate":"2024-01-02 03:00:00 +0100","value":"Core","source":"Apple Watch"},
          {"startDate":"2024-01-02 03:00:00 +0100","endDate":"2024-01-02 04:30:00 +0100","value":"Deep","source":"Apple Watch"},
          {"startDate":"2024-01-02 04:30:00 +0100","endDate":"2024-01-02 06:00:00 +0100","value":"REM","source":"Apple Watch"},
          {"startDate":"2024-01-01 22:30:00 +0100","endDate":"2024-01-02 06:30:00 +0100","value":"Asleep","source":"AutoSleep"},
          {"startDate":"2024-01-01 22:00:00 +0100","endDate":"2024-01-02 07:00:00 +0100","value":"In Bed","source":"iPhone"}]}]}}""");
    HealthDataReceived.Sleep sleep = AppleDay.of(LocalDate.of(2024, 1, 2), parsed.samples()).sleep();
    // Watch 7 h staged, AutoSleep adds only the 30 min before and the 30 min after it; never 7 + 8 h.
    assertThat(sleep.totalHours()).isCloseTo(8.0, within(0.001));
    assertThat(sleep.deepHours()).isEqualTo(1.5);
    assertThat(AppleDay.of(LocalDate.of(2024, 1, 1), parsed.samples()).sleep()).isNull();
  }

  @Test
  void localeNumbersAndUnitsAreConverted() {
    assertThat(Units.number("25,5")).isEqualTo(25.5);
    assertThat(Units.number("1.234,5")).isEqualTo(1234.5);
    assertThat(Units.number("1,234.5")).isEqualTo(1234.5);
    assertThat(Units.number("1\u202f234,5")).isEqualTo(1234.5);
    assertThat(Units.number("n/a")).isNull();
    assertThat(Units.kcal(4.184, "kJ")).isEqualTo(1.0);
    assertThat(Units.kcal(100, "Cal")).isEqualTo(100.0);
    assertThat(Units.meters(1, "mi")).isEqualTo(1609.344);
    assertThat(Units.meters(1, "furlong")).isNull();
    assertThat(Units.millis(0.05, "s")).isEqualTo(50.0);
    assertThat(Units.dateTime("2024-01-02 07:00:00 +0100")).isEqualTo(OffsetDateTime.parse("2024-01-02T07:00:00+01:00"));
    assertThat(Units.dateTime("2024-01-02")).isEqualTo(OffsetDateTime.parse("2024-01-02T00:00:00Z"));
    assertThat(Units.dateTime("02/01/2024")).isNull();
  }
}
