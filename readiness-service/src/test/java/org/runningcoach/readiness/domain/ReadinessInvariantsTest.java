package org.runningcoach.readiness.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.runningcoach.events.BodyStateComputed;
import org.runningcoach.events.BodyStateComputed.Directive;
import org.runningcoach.events.BodyStateComputed.Status;

/** Invariants over generated athlete histories (fixed seed, so any failure reproduces). */
class ReadinessInvariantsTest {

  static final LocalDate DAY = LocalDate.of(2026, 3, 2);
  static final ReadinessEngine ENGINE = new ReadinessEngine(Thresholds.defaults());

  /** 0–45 days of partly missing inputs before DAY, and DAY itself with whatever the seed gives. */
  static HistoryBuilder generate(Random rnd) {
    HistoryBuilder b = HistoryBuilder.athlete();
    if (rnd.nextBoolean()) {
      b.profile(new AthleteProfile(rnd.nextBoolean() ? AthleteProfile.Sex.FEMALE : AthleteProfile.Sex.MALE,
          45 + rnd.nextInt(20), 175 + rnd.nextInt(25), 30.0 + rnd.nextInt(60), AthleteProfile.HrvMetric.RMSSD,
          null, 1 + rnd.nextInt(10), 5.0 + rnd.nextInt(4)));
    }
    int days = rnd.nextInt(46);
    for (int back = days; back >= 1; back--) {
      LocalDate d = DAY.minusDays(back);
      if (rnd.nextInt(4) > 0) {
        b.checkin(d, Math.round(rnd.nextDouble() * 100) / 10.0, 1 + rnd.nextInt(10), 1 + rnd.nextInt(10));
      }
      if (rnd.nextInt(4) > 0) {
        b.rmssd(d, 20 + rnd.nextInt(80)).restingHr(d, 40 + rnd.nextInt(25));
      }
      if (rnd.nextInt(3) == 0) {
        b.run(d, 20 + rnd.nextInt(100), rnd.nextBoolean() ? 3.0 + rnd.nextInt(20) : null, rnd.nextBoolean() ? 1 + rnd.nextInt(10) : null);
      }
      if (rnd.nextInt(20) == 0) {
        b.travel(d);
      }
    }
    return b;
  }

  static DailyCheckin randomCheckin(Random rnd, UUID id) {
    return new DailyCheckin(DAY, Math.round(rnd.nextDouble() * 120) / 10.0, rnd.nextBoolean() ? null : 1 + rnd.nextInt(10),
        1 + rnd.nextInt(10), 1 + rnd.nextInt(10), rnd.nextBoolean() ? null : 1 + rnd.nextInt(10),
        rnd.nextBoolean() ? null : 1 + rnd.nextInt(10), null, "MANUAL", id);
  }

  static List<Status> statuses(BodyStateComputed s) {
    return List.of(s.cardio().status(), s.muscular().status(), s.skeletal().status(), s.neural().status());
  }

  @Test
  void invariantsHoldOverGeneratedHistories() {
    Random rnd = new Random(20260302L);
    for (int i = 0; i < 3_000; i++) {
      HistoryBuilder b = generate(rnd);
      UUID id = b.nextId();
      DailyCheckin today = rnd.nextInt(5) == 0 ? null : randomCheckin(rnd, id);
      if (today != null) {
        b.day(DAY, d -> d.withCheckin(today));
      }
      if (rnd.nextBoolean()) {
        b.rmssd(DAY, 20 + rnd.nextInt(80));
      }
      History h = b.build();
      BodyStateComputed state = ENGINE.compute(h, DAY);

      assertThat(state.overall().score()).isBetween(0, 100);
      if (statuses(state).contains(Status.RED)) {
        assertThat(state.overall().directive()).isEqualTo(Directive.RECOVER);
        assertThat(state.overall().score()).isLessThanOrEqualTo(39);
      }
      if (statuses(state).stream().filter(s -> s == Status.INSUFFICIENT_DATA).count() >= 2) {
        assertThat(state.overall().directive()).isNotEqualTo(Directive.PUSH);
      }
      assertThat(ENGINE.compute(h, DAY)).as("same input, same output").isEqualTo(state);
      if (today == null) {
        assertThat(state.neural().status()).as("no sleep or stress never gives a Green CNS").isNotEqualTo(Status.GREEN);
      }

      if (today != null) {
        // A worse answer on any one item never raises the score.
        DailyCheckin t = today;
        DailyCheckin worse = switch (rnd.nextInt(3)) {
          case 0 -> new DailyCheckin(DAY, Math.max(0, t.sleepHours() - 1), t.sleepQuality(), t.soreness(), t.stress(),
              t.fatigue(), t.mood(), null, "MANUAL", id);
          case 1 -> new DailyCheckin(DAY, t.sleepHours(), t.sleepQuality(), Math.min(10, t.soreness() + 1), t.stress(),
              t.fatigue(), t.mood(), null, "MANUAL", id);
          default -> new DailyCheckin(DAY, t.sleepHours(), t.sleepQuality(), t.soreness(), Math.min(10, t.stress() + 1),
              t.fatigue(), t.mood(), null, "MANUAL", id);
        };
        java.util.TreeMap<LocalDate, DayInputs> days = new java.util.TreeMap<>(h.days());
        days.put(DAY, h.day(DAY).withCheckin(worse));
        int worseScore = ENGINE.compute(new History(h.athleteId(), h.profile(), days), DAY).overall().score();
        assertThat(worseScore).as("worse input than %s", t).isLessThanOrEqualTo(state.overall().score());
      }
    }
  }
}
