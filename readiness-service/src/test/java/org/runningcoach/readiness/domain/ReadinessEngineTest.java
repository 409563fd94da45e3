package org.runningcoach.readiness.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
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

  static DailyCheckin checkin(LocalDate date, double sleep, int soreness, int stress) {
    return new DailyCheckin(date, sleep, null, soreness, stress, null, null, null, "MANUAL",
        UUID.nameUUIDFromBytes((date + "/" + sleep + "/" + soreness + "/" + stress).getBytes()));
  }

  static BodyStateComputed today(double sleep, int soreness, int stress) {
    return ENGINE.compute("a1", DAY, List.of(checkin(DAY, sleep, soreness, stress)));
  }

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

  @ParameterizedTest(name = "soreness {0} -> muscular {1}")
  @CsvSource({"1, GREEN", "5, GREEN", "6, YELLOW", "7, YELLOW", "8, RED", "10, RED"})
  void muscularStatusAtEveryThresholdEdge(int soreness, Status expected) {
    assertThat(today(8, soreness, 2).muscular().status()).isEqualTo(expected);
  }

  @Test
  void threeShortNightsTurnNeuralYellowEvenAfterOneGoodNight() {
    var state = ENGINE.compute("a1", DAY, List.of(
        checkin(DAY.minusDays(2), 5.5, 2, 2), checkin(DAY.minusDays(1), 5.5, 2, 2), checkin(DAY, 7.0, 2, 2)));
    assertThat(state.neural().status()).isEqualTo(Status.YELLOW);
    assertThat(state.neural().explanation().summary()).contains("6 h a night over the last 3 nights");
    assertThat(state.neural().explanation().baselines()).singleElement()
        .satisfies(b -> assertThat(b.mean()).isEqualTo(6.0));
    assertThat(state.causedBy()).hasSize(3);
  }

  @Test
  void theNightlyMeanNeedsTwoNightsAndSaysWhatIsMissing() {
    var state = today(7.0, 2, 2);
    assertThat(state.neural().status()).isEqualTo(Status.GREEN);
    assertThat(state.neural().explanation().missing()).containsExactly("sleepHours of the two previous nights");
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
    assertThat(why.inputs().get(0).value()).isEqualTo(4.5);
    assertThat(why.inputs().get(0).date()).isEqualTo(DAY);
    assertThat(state.overall().directive()).isEqualTo(Directive.RECOVER);
    assertThat(state.coachNote()).isEqualTo("Legs are good, but CNS is fried. Rest or an easy 20–30 minutes only.");
  }

  @Test
  void withHeartAndLoadUnknownTheDirectiveIsMaintainNeverPush() {
    var state = today(8.5, 1, 1);
    assertThat(state.cardio().status()).isEqualTo(Status.INSUFFICIENT_DATA);
    assertThat(state.skeletal().status()).isEqualTo(Status.INSUFFICIENT_DATA);
    assertThat(state.overall().directive()).isEqualTo(Directive.MAINTAIN);
    assertThat(state.overall().reason()).isEqualTo("2 of 4 systems have insufficient data, so not Push.");
    assertThat(state.overall().confidence()).isEqualTo(0.5);
    assertThat(state.coachNote()).startsWith("Legs are good and head is clear.");
  }

  @Test
  void aNewAthleteWithNoCheckinGetsAnHonestStateNotGreen() {
    var state = ENGINE.compute("new", DAY, List.of());
    assertThat(List.of(state.cardio().status(), state.muscular().status(), state.skeletal().status(),
        state.neural().status())).containsOnly(Status.INSUFFICIENT_DATA);
    assertThat(state.overall().directive()).isEqualTo(Directive.MAINTAIN);
    assertThat(state.overall().confidence()).isZero();
    assertThat(state.causedBy()).isEmpty();
    assertThat(state.coachNote()).startsWith("No check-in yet");
  }

  @Test
  void theEngineRefusesValuesNoPersonCanHave() {
    assertThatThrownBy(() -> checkin(DAY, 25, 2, 2)).hasMessageContaining("sleepHours");
    assertThatThrownBy(() -> checkin(DAY, -1, 2, 2)).hasMessageContaining("sleepHours");
    assertThatThrownBy(() -> checkin(DAY, Double.NaN, 2, 2)).hasMessageContaining("sleepHours");
    assertThatThrownBy(() -> checkin(DAY, 7, 11, 2)).hasMessageContaining("soreness");
    assertThatThrownBy(() -> checkin(DAY, 7, 2, 0)).hasMessageContaining("stress");
    assertThatThrownBy(() -> ENGINE.compute("a1", DAY, List.of(checkin(DAY, 7, 2, 2), checkin(DAY, 6, 2, 2))))
        .hasMessageContaining("two check-ins");
  }

  // Invariants over generated check-ins (fixed seed, so a failure reproduces).

  static DailyCheckin random(Random rnd, LocalDate date) {
    return new DailyCheckin(date, Math.round(rnd.nextDouble() * 240) / 10.0, rnd.nextBoolean() ? null : 1 + rnd.nextInt(10),
        1 + rnd.nextInt(10), 1 + rnd.nextInt(10), rnd.nextBoolean() ? null : 1 + rnd.nextInt(10),
        rnd.nextBoolean() ? null : 1 + rnd.nextInt(10), null, "MANUAL", new UUID(rnd.nextLong(), rnd.nextLong()));
  }

  @Test
  void invariantsHoldOverGeneratedCheckins() {
    Random rnd = new Random(20260302L);
    for (int i = 0; i < 20_000; i++) {
      List<DailyCheckin> nights = new ArrayList<>();
      for (int back = 2; back >= 0; back--) {
        if (back == 0 || rnd.nextInt(3) > 0) {
          nights.add(random(rnd, DAY.minusDays(back)));
        }
      }
      var state = ENGINE.compute("a1", DAY, nights);
      var statuses = List.of(state.cardio().status(), state.muscular().status(), state.skeletal().status(),
          state.neural().status());
      assertThat(state.overall().score()).isBetween(0, 100);
      if (statuses.contains(Status.RED)) {
        assertThat(state.overall().directive()).isEqualTo(Directive.RECOVER);
        assertThat(state.overall().score()).isLessThanOrEqualTo(39);
      }
      assertThat(ENGINE.compute("a1", DAY, nights)).isEqualTo(state);

      // A worse answer on any one item never raises the score.
      DailyCheckin t = nights.get(nights.size() - 1);
      List<DailyCheckin> worse = new ArrayList<>(nights.subList(0, nights.size() - 1));
      worse.add(switch (rnd.nextInt(3)) {
        case 0 -> new DailyCheckin(DAY, Math.max(0, t.sleepHours() - 1), t.sleepQuality(), t.soreness(), t.stress(),
            t.fatigue(), t.mood(), null, "MANUAL", t.eventId());
        case 1 -> new DailyCheckin(DAY, t.sleepHours(), t.sleepQuality(), Math.min(10, t.soreness() + 1), t.stress(),
            t.fatigue(), t.mood(), null, "MANUAL", t.eventId());
        default -> new DailyCheckin(DAY, t.sleepHours(), t.sleepQuality(), t.soreness(), Math.min(10, t.stress() + 1),
            t.fatigue(), t.mood(), null, "MANUAL", t.eventId());
      });
      assertThat(ENGINE.compute("a1", DAY, worse).overall().score())
          .as("worse input than %s", t).isLessThanOrEqualTo(state.overall().score());
    }
  }

  @Test
  void thresholdsComeFromTheCaller() {
    var strict = new ReadinessEngine(new Thresholds(new Thresholds.Neural(7.0, 5, 8.0, 8.0, 4, 9.0), new Thresholds.Muscular(3, 5)));
    var state = strict.compute("a1", DAY, List.of(checkin(DAY, 6.9, 4, 2)));
    assertThat(state.neural().status()).isEqualTo(Status.RED);
    assertThat(state.muscular().status()).isEqualTo(Status.YELLOW);
  }
}
