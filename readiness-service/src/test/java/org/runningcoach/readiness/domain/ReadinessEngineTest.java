package org.runningcoach.readiness.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.runningcoach.events.BodyStateComputed;
import org.runningcoach.events.BodyStateComputed.Directive;
import org.runningcoach.events.BodyStateComputed.Status;

class ReadinessEngineTest {

  static final LocalDate DAY = LocalDate.of(2026, 3, 2);
  static final ReadinessEngine ENGINE = new ReadinessEngine(Thresholds.defaults());

  static BodyStateComputed today(double sleep, int soreness, int stress) {
    return ENGINE.compute(HistoryBuilder.athlete().checkin(DAY, sleep, soreness, stress).build(), DAY);
  }

  // ---------------------------------------------------------------- neural

  @ParameterizedTest(name = "sleep {0} h, stress {1} -> neural {2}")
  @CsvSource({
      // Red edges: sleep < 5 h, stress > 7 (PRD)
      "4.99, 3, RED", "5.0, 3, YELLOW", "0, 1, RED",
      "8, 8, RED", "8, 7, YELLOW", "8, 10, RED",
      // Yellow edges: sleep < 6.5 h, stress 6-7 (notes/science.md)
      "6.49, 3, YELLOW", "6.5, 3, GREEN", "8, 6, YELLOW", "8, 5, GREEN",
      "24, 1, GREEN"})
  void neuralStatusAtEveryThresholdEdge(double sleep, int stress, Status expected) {
    assertThat(today(sleep, 2, stress).neural().status()).isEqualTo(expected);
  }

  @Test
  void threeShortNightsTurnNeuralYellowEvenAfterOneGoodNight() {
    var h = HistoryBuilder.athlete().checkin(DAY.minusDays(2), 5.5, 2, 2).checkin(DAY.minusDays(1), 5.5, 2, 2)
        .checkin(DAY, 7.0, 2, 2).build();
    var state = ENGINE.compute(h, DAY);
    assertThat(state.neural().status()).isEqualTo(Status.YELLOW);
    assertThat(state.neural().explanation().summary()).contains("6 h a night over the last 3 nights");
    assertThat(state.neural().explanation().baselines()).singleElement().satisfies(b -> assertThat(b.mean()).isEqualTo(6.0));
    assertThat(state.causedBy()).hasSize(3);
  }

  @Test
  void aWatchsMeasuredSleepCountsBeforeTheCheckinAnswer() {
    UUID id = new UUID(7, 7);
    var h = HistoryBuilder.athlete().checkin(DAY, 8.0, 2, 2)
        .day(DAY, d -> d.withWearableSleep(new DayInputs.Reading(4.6, "GARMIN", id))).build();
    var state = ENGINE.compute(h, DAY);
    assertThat(state.neural().status()).isEqualTo(Status.RED);
    assertThat(state.neural().explanation().inputs().get(0)).satisfies(i -> {
      assertThat(i.value()).isEqualTo(4.6);
      assertThat(i.source()).isEqualTo("GARMIN");
    });
    assertThat(state.causedBy()).contains(id);
  }

  @Test
  void aShortNightIsRedWithTheInputsThresholdAndRuleThatDecidedIt() {
    var state = today(4.5, 2, 3);
    assertThat(state.neural().status()).isEqualTo(Status.RED);
    var why = state.neural().explanation();
    assertThat(why.rule()).isEqualTo("neural.sleep-stress");
    assertThat(why.threshold()).contains("sleep < 5 h").contains("stress > 7");
    assertThat(why.summary()).isEqualTo("Slept 4.5 h (under 5 h).");
    assertThat(why.inputs()).extracting(BodyStateComputed.Input::name).containsExactly("sleepHours", "stress");
    assertThat(state.overall().directive()).isEqualTo(Directive.RECOVER);
    assertThat(state.coachNote()).isEqualTo("Legs are good, but CNS is fried. Rest or an easy 20–30 minutes only.");
  }

  // ---------------------------------------------------------------- muscular

  @ParameterizedTest(name = "soreness {0} -> muscular {1}")
  @CsvSource({"1, GREEN", "5, GREEN", "6, YELLOW", "7, YELLOW", "8, RED", "10, RED"})
  void muscularSorenessAtEveryThresholdEdge(int soreness, Status expected) {
    assertThat(today(8, soreness, 2).muscular().status()).isEqualTo(expected);
  }

  /** 4 baseline weeks of 4 × 50 min, then a last week of {@code lastWeekMinutes} in 4 runs. */
  static HistoryBuilder volume(double lastWeekMinutes, int soreness) {
    HistoryBuilder b = HistoryBuilder.athlete();
    for (int week = 1; week <= 4; week++) {
      for (int run = 0; run < 4; run++) {
        b.run(DAY.minusDays(7L * week + 2L * run), 50, null, 5);
      }
    }
    for (int run = 0; run < 4; run++) {
      b.run(DAY.minusDays(1L + run), lastWeekMinutes / 4, null, 5);
    }
    return b.checkin(DAY, 8, soreness, 2);
  }

  @ParameterizedTest(name = "7-day volume {0} min over a 200 min baseline, soreness {1} -> muscular {2}")
  @CsvSource({
      "240, 2, GREEN",    // 120 %: not above
      "242, 2, YELLOW",   // 121 %
      "300, 2, YELLOW",   // 150 %: not above
      "302, 2, RED",      // 151 %
      "242, 6, RED",      // both Yellow conditions at once
      "200, 6, YELLOW"})
  void muscularVolumeAgainstTheFourWeekBaseline(double minutes, int soreness, Status expected) {
    var state = ENGINE.compute(volume(minutes, soreness).build(), DAY);
    assertThat(state.muscular().status()).isEqualTo(expected);
    assertThat(state.muscular().volumeFatigue()).isCloseTo(minutes / 200, within(0.006));
  }

  // ---------------------------------------------------------------- cardio

  /** 20 nights of ln(RMSSD) alternating mean ± 0.1 (sample SD ≈ 0.1026), resting HR 50 ± 1. */
  static HistoryBuilder steadyHeart() {
    HistoryBuilder b = HistoryBuilder.athlete();
    for (int back = 1; back <= 20; back++) {
      double ln = Math.log(50) + (back % 2 == 0 ? 0.1 : -0.1);
      b.rmssd(DAY.minusDays(back), Math.exp(ln)).restingHr(DAY.minusDays(back), back % 2 == 0 ? 51 : 49);
    }
    return b;
  }

  static final double SD = Math.sqrt(20 * 0.01 / 19);

  @ParameterizedTest(name = "ln(RMSSD) {0} SD from baseline, resting HR +{1} -> cardio {2}")
  @CsvSource({
      "0, 0, GREEN", "-0.99, 0, GREEN", "-1.01, 0, YELLOW", "-1.99, 0, YELLOW", "-2.01, 0, RED",
      "-1.01, 4.9, YELLOW", "-1.01, 5, RED", "0, 4.9, GREEN", "0, 5, YELLOW", "1.5, 0, GREEN"})
  void cardioAtEveryThresholdEdge(double z, double rhrUp, Status expected) {
    var h = steadyHeart().rmssd(DAY, Math.exp(Math.log(50) + z * SD)).restingHr(DAY, 50 + rhrUp).build();
    var state = ENGINE.compute(h, DAY);
    assertThat(state.cardio().status()).isEqualTo(expected);
    assertThat(state.cardio().hrvScore()).isCloseTo(z, within(0.011));
    assertThat(state.cardio().rhrScore()).isCloseTo(rhrUp, within(0.05));
  }

  @Test
  void theHrvBaselineNeedsFourteenNightsAndSaysHowManyItHas() {
    HistoryBuilder b = HistoryBuilder.athlete();
    for (int back = 1; back <= 13; back++) {
      b.rmssd(DAY.minusDays(back), back % 2 == 0 ? 55 : 45);
    }
    var state = ENGINE.compute(b.rmssd(DAY, 20).build(), DAY);
    assertThat(state.cardio().status()).isEqualTo(Status.INSUFFICIENT_DATA);
    assertThat(state.cardio().explanation().missing()).contains("hrv baseline (13 of 14 nights of RMSSD)");
    assertThat(ENGINE.compute(b.rmssd(DAY.minusDays(14), 50).rmssd(DAY, 20).build(), DAY).cardio().status())
        .isEqualTo(Status.RED);
  }

  @Test
  void appleSdnnIsNeverComparedWithAGarminRmssdBaseline() {
    var state = ENGINE.compute(steadyHeart().sdnn(DAY, 20).build(), DAY);
    assertThat(state.cardio().status()).isEqualTo(Status.INSUFFICIENT_DATA);
    assertThat(state.cardio().explanation().missing()).contains("hrv baseline (0 of 14 nights of SDNN)");
  }

  @Test
  void travelAndSickDaysAreLeftOutOfTheBaseline() {
    HistoryBuilder b = steadyHeart();
    for (int back = 1; back <= 7; back++) {
      b.travel(DAY.minusDays(back));
    }
    var state = ENGINE.compute(b.rmssd(DAY, 50).build(), DAY);
    assertThat(state.cardio().explanation().missing()).contains("hrv baseline (13 of 14 nights of RMSSD)");
    assertThat(state.cardio().status()).isEqualTo(Status.INSUFFICIENT_DATA);
  }

  @Test
  void theProfileIsAPriorUntilTheOwnHistorySufficesAndTheExplanationSaysSo() {
    var profile = new AthleteProfile(null, 52, 190, 60.0, AthleteProfile.HrvMetric.RMSSD, null, null, null);
    var state = ENGINE.compute(HistoryBuilder.athlete().profile(profile).rmssd(DAY, 60).restingHr(DAY, 58).build(), DAY);
    assertThat(state.cardio().status()).isEqualTo(Status.YELLOW);
    assertThat(state.cardio().rhrScore()).isEqualTo(6.0);
    assertThat(state.cardio().explanation().baselines()).allSatisfy(b -> assertThat(b.note()).startsWith("profile prior"));
  }

  @Test
  void missingHrvIsMissingNeverLow() {
    var state = ENGINE.compute(steadyHeart().build(), DAY);
    assertThat(state.cardio().status()).isEqualTo(Status.INSUFFICIENT_DATA);
    assertThat(state.cardio().explanation().missing()).containsExactly("hrv", "restingHr");
  }

  @Test
  void risingRestingHrWithFallingHrvIsFlaggedAsPossibleIllness() {
    var h = steadyHeart().rmssd(DAY, Math.exp(Math.log(50) - 1.5 * SD)).restingHr(DAY, 54).build();
    var state = ENGINE.compute(h, DAY);
    assertThat(state.cardio().status()).isEqualTo(Status.YELLOW);
    assertThat(state.coachNote()).contains("coming down with something");
  }

  // ---------------------------------------------------------------- loads and skeletal

  @Test
  void banisterTrimpMatchesTheGoldenValues() {
    Map<Integer, Integer> hour = Map.of(155, 3600);
    assertThat(Loads.trimp(hour, 55, 190, AthleteProfile.Sex.MALE)).isCloseTo(117.9, within(0.05));
    assertThat(Loads.trimp(hour, 55, 190, AthleteProfile.Sex.FEMALE)).isCloseTo(131.7, within(0.05));
  }

  @Test
  void acwrMatchesTheGoldenVector() {
    double[] loads = new double[28];
    for (int i = 0; i < 28; i++) {
      loads[i] = i < 21 ? 30 : 50;
    }
    var seededFirst = Loads.ratios(loads, 7, 28, true);
    assertThat(seededFirst.ewma()).isCloseTo(1.25, within(0.005));
    assertThat(Loads.ratios(loads, 7, 28, false).ewma()).isCloseTo(1.40, within(0.005));
    assertThat(seededFirst.rollingCoupled()).isCloseTo(1.43, within(0.005));
    assertThat(seededFirst.rollingUncoupled()).isCloseTo(1.67, within(0.005));
  }

  @Test
  void monotonyIsCappedWhenEveryDayIsTheSame() {
    assertThat(Loads.monotony(new double[] {40, 40, 40, 40, 40, 40, 40}, 10)).isEqualTo(10);
    assertThat(Loads.monotony(new double[] {0, 0, 0, 0, 0, 0, 0}, 10)).isZero();
    assertThat(Loads.monotony(new double[] {60, 0, 60, 0, 60, 0, 60}, 10)).isCloseTo(1.15, within(0.01));
  }

  /** 21 days of 30 min/day, then 7 days of {@code lastWeek} min/day, all with RPE 5. */
  static History loads(double lastWeek) {
    HistoryBuilder b = HistoryBuilder.athlete();
    for (int back = 27; back >= 0; back--) {
      b.workout(DAY.minusDays(back), new DayInputs.Workout(new UUID(1, back), "cycling",
          Math.round((back >= 7 ? 30 : lastWeek) * 60), null, 5, Map.of(), 1.0, new UUID(2, back)));
    }
    return b.build();
  }

  @ParameterizedTest(name = "last week {0} min/day after 30 -> skeletal {1} (EWMA ratio {2})")
  @CsvSource({"30, GREEN, 1.0", "50, GREEN, 1.25", "55, GREEN, 1.3", "56, YELLOW, 1.31", "84, YELLOW, 1.5",
      "85, RED, 1.5", "90, RED, 1.53"})
  void skeletalAcwrBands(double lastWeek, Status expected, double ratio) {
    var state = ENGINE.compute(loads(lastWeek), DAY);
    assertThat(state.skeletal().acwrScore()).isEqualTo(ratio);
    assertThat(state.skeletal().status()).isEqualTo(expected);
    assertThat(state.skeletal().explanation().summary()).contains("by EWMA").contains("rolling uncoupled");
    assertThat(state.skeletal().explanation().baselines().get(0).note()).contains("AU (session RPE × minutes)");
    assertThat(state.skeletal().impactLoad()).isEqualTo(7.0);
  }

  @Test
  void theGoldenVectorThroughTheEngineGivesAcwr125() {
    assertThat(ENGINE.compute(loads(50), DAY).skeletal().acwrScore()).isEqualTo(1.25);
  }

  @Test
  void beforeTwentyEightDaysTheRatioIsInsufficientNeverZero() {
    HistoryBuilder b = HistoryBuilder.athlete();
    for (int back = 26; back >= 0; back--) {
      b.run(DAY.minusDays(back), 30, null, 5);
    }
    var state = ENGINE.compute(b.build(), DAY);
    assertThat(state.skeletal().acwrScore()).isNull();
    assertThat(state.skeletal().explanation().missing()).contains("acwr (27 of 28 days of load history)");
  }

  @Test
  void afterMonthsWithoutTrainingTheRatioIsNotComputedRatherThanZero() {
    HistoryBuilder b = HistoryBuilder.athlete();
    for (int back = 400; back >= 372; back--) {
      b.run(DAY.minusDays(back), 30, null, 5);
    }
    var state = ENGINE.compute(b.checkin(DAY, 8, 2, 2).build(), DAY);
    assertThat(state.skeletal().status()).isEqualTo(Status.INSUFFICIENT_DATA);
    assertThat(state.skeletal().explanation().missing()).contains("acwr (no training in the last 28 days)");
  }

  @ParameterizedTest(name = "today's run {0} km after a longest of 10 km -> skeletal {1}")
  @CsvSource({"11.0, GREEN", "11.1, YELLOW", "13.0, YELLOW", "13.1, RED"})
  void aRunLongerThanTheLongestOfTheLastThirtyDaysIsASpike(double km, Status expected) {
    var h = HistoryBuilder.athlete().run(DAY.minusDays(20), 50, 10.0, 4).run(DAY.minusDays(10), 40, 8.0, 4)
        .run(DAY, 60, km, 4).build();
    var state = ENGINE.compute(h, DAY);
    assertThat(state.skeletal().status()).isEqualTo(expected);
    assertThat(state.skeletal().explanation().baselines()).anySatisfy(b -> assertThat(b.mean()).isEqualTo(10.0));
  }

  @Test
  void theLoadUnitIsOnePerAthleteAndTheExplanationNamesIt() {
    var profile = new AthleteProfile(AthleteProfile.Sex.FEMALE, 55, 190, null, null, null, null, null);
    HistoryBuilder withHr = HistoryBuilder.athlete().profile(profile);
    HistoryBuilder noRpeNoHr = HistoryBuilder.athlete();
    for (int back = 27; back >= 0; back--) {
      withHr.workout(DAY.minusDays(back), new DayInputs.Workout(new UUID(3, back), "running", 1800, 5000.0, null,
          Map.of(150, 1800), null, new UUID(4, back)));
      noRpeNoHr.run(DAY.minusDays(back), 30, 5.0, null);
    }
    assertThat(Loads.series(withHr.build(), DAY, 28).unit()).isEqualTo(Loads.Unit.TRIMP);
    assertThat(Loads.series(noRpeNoHr.build(), DAY, 28).unit()).isEqualTo(Loads.Unit.MINUTES);
    assertThat(Loads.series(loads(30), DAY, 28).unit()).isEqualTo(Loads.Unit.SRPE);
  }

  // ---------------------------------------------------------------- synthesis

  @Test
  void withHeartAndLoadUnknownTheDirectiveIsMaintainNeverPush() {
    var state = today(8.5, 1, 1);
    assertThat(state.overall().directive()).isEqualTo(Directive.MAINTAIN);
    assertThat(state.overall().reason()).startsWith("2 of 4 systems have insufficient data, so not Push.")
        .contains("sleep against a typical 7.5 h").contains("until 7 days of your own history exist");
    assertThat(state.overall().confidence()).isEqualTo(0.5);
    assertThat(state.coachNote()).startsWith("Legs are good and head is clear.");
  }

  @Test
  void allFourSystemsGreenIsPush() {
    HistoryBuilder b = steadyHeart();
    for (int back = 27; back >= 1; back--) {
      b.run(DAY.minusDays(back), 40, 8.0, 5);
    }
    var state = ENGINE.compute(b.rmssd(DAY, 52).restingHr(DAY, 49).checkin(DAY, 8, 2, 2).run(DAY, 40, 8.0, 5).build(), DAY);
    assertThat(List.of(state.cardio().status(), state.muscular().status(), state.skeletal().status(), state.neural().status()))
        .containsOnly(Status.GREEN);
    assertThat(state.overall().directive()).isEqualTo(Directive.PUSH);
    assertThat(state.overall().score()).isBetween(70, 100);
    assertThat(state.coachNote()).endsWith("Good day for the key session.");
  }

  @Test
  void aNewAthleteWithNoDataGetsAnHonestStateNotGreen() {
    var state = ENGINE.compute(HistoryBuilder.athlete().build(), DAY);
    assertThat(List.of(state.cardio().status(), state.muscular().status(), state.skeletal().status(),
        state.neural().status())).containsOnly(Status.INSUFFICIENT_DATA);
    assertThat(state.overall().directive()).isEqualTo(Directive.MAINTAIN);
    assertThat(state.overall().confidence()).isZero();
    assertThat(state.causedBy()).isEmpty();
    assertThat(state.coachNote()).startsWith("No data for today yet");
  }

  @Test
  void theScoreFollowsTheAthletesOwnBaselineNotFixedScales() {
    // Two athletes answer stress 5 today: for one it is their usual, for the other a bad day.
    HistoryBuilder calm = HistoryBuilder.athlete();
    HistoryBuilder tense = HistoryBuilder.athlete();
    for (int back = 1; back <= 20; back++) {
      calm.checkin(DAY.minusDays(back), 7.5, 3, back % 2 == 0 ? 2 : 3);
      tense.checkin(DAY.minusDays(back), 7.5, 3, back % 2 == 0 ? 5 : 6);
    }
    int calmScore = ENGINE.compute(calm.checkin(DAY, 7.5, 3, 5).build(), DAY).overall().score();
    int tenseScore = ENGINE.compute(tense.checkin(DAY, 7.5, 3, 5).build(), DAY).overall().score();
    assertThat(tenseScore).isGreaterThan(calmScore);
  }

  @Test
  void theEngineRefusesValuesNoPersonCanHave() {
    UUID id = new UUID(1, 1);
    assertThatThrownBy(() -> new DailyCheckin(DAY, 25, null, 2, 2, null, null, null, "MANUAL", id)).hasMessageContaining("sleepHours");
    assertThatThrownBy(() -> new DailyCheckin(DAY, Double.NaN, null, 2, 2, null, null, null, "MANUAL", id)).hasMessageContaining("sleepHours");
    assertThatThrownBy(() -> new DailyCheckin(DAY, 7, null, 11, 2, null, null, null, "MANUAL", id)).hasMessageContaining("soreness");
    assertThatThrownBy(() -> DayInputs.empty(DAY).withHrv(new DayInputs.HrvReading(AthleteProfile.HrvMetric.RMSSD, 0, "GARMIN", id)))
        .hasMessageContaining("HRV");
    assertThatThrownBy(() -> DayInputs.empty(DAY).withHrv(new DayInputs.HrvReading(AthleteProfile.HrvMetric.RMSSD, 301, "GARMIN", id)))
        .hasMessageContaining("HRV");
    assertThatThrownBy(() -> DayInputs.empty(DAY).withRestingHr(new DayInputs.Reading(24, "GARMIN", id)))
        .hasMessageContaining("resting HR");
    assertThatThrownBy(() -> DayInputs.empty(DAY).withRestingHr(new DayInputs.Reading(221, "GARMIN", id)))
        .hasMessageContaining("resting HR");
    assertThatThrownBy(() -> new AthleteProfile(null, 60, 55, null, null, null, null, null)).hasMessageContaining("maxHr");
  }

  @Test
  void thresholdsComeFromTheCaller() {
    Thresholds d = Thresholds.defaults();
    var strict = new ReadinessEngine(new Thresholds(new Thresholds.Neural(7.0, 5, 8.0, 8.0, 4, 9.0),
        new Thresholds.Muscular(3, 5, 1.2, 1.5), d.cardio(), d.skeletal(), d.baselines()));
    var state = strict.compute(HistoryBuilder.athlete().checkin(DAY, 6.9, 4, 2).build(), DAY);
    assertThat(state.neural().status()).isEqualTo(Status.RED);
    assertThat(state.muscular().status()).isEqualTo(Status.YELLOW);
  }
}
