package org.runningcoach.scheduler.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.runningcoach.events.BodyStateComputed.Status;
import org.runningcoach.events.LifeEventReported.LifeEventType;
import org.runningcoach.scheduler.domain.AdaptationEngine.LifeEvent;
import org.runningcoach.scheduler.domain.AdaptationEngine.Readiness;

/**
 * Replay: the same inputs on the same plan give the same plan and log, whatever order the caller
 * holds the workouts in. Generated plans and input sequences, fixed seeds (plain JUnit loops).
 */
class PlanReplayTest {

  static final LocalDate MON = LocalDate.of(2026, 3, 2);
  static final AdaptationEngine ENGINE = new AdaptationEngine(AdaptationRules.defaults());
  static final Status[] STATUSES = {Status.GREEN, Status.GREEN, Status.YELLOW, Status.RED, Status.INSUFFICIENT_DATA};
  static final List<Set<DayOfWeek>> DAYS = List.of(
      EnumSet.of(DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY, DayOfWeek.SATURDAY, DayOfWeek.SUNDAY),
      EnumSet.of(DayOfWeek.MONDAY, DayOfWeek.WEDNESDAY, DayOfWeek.FRIDAY, DayOfWeek.SUNDAY),
      EnumSet.allOf(DayOfWeek.class),
      EnumSet.of(DayOfWeek.TUESDAY, DayOfWeek.THURSDAY, DayOfWeek.SATURDAY));

  /** A plan as a client might ask for one: distance, days, volume and goal drawn from the seed. */
  static GeneratedPlan plan(Random random, UUID planId) {
    Distance d = Distance.values()[random.nextInt(Distance.values().length)];
    Set<DayOfWeek> days = DAYS.get(random.nextInt(DAYS.size()));
    DayOfWeek longRun = days.contains(DayOfWeek.SUNDAY) ? DayOfWeek.SUNDAY : DayOfWeek.SATURDAY;
    double volume = Math.max(d.minWeekly(VolumeUnit.KM), 15 + random.nextInt(40));
    Integer goal = random.nextBoolean() ? null : (int) Math.round(d.km() * (270 + random.nextInt(120)));
    PlanRequest r = new PlanRequest(MON.plusWeeks(14 + random.nextInt(6)), d, goal, volume, VolumeUnit.KM, days,
        longRun, MON);
    return new PlanGenerator().generate(r, PlanGenerator.idsFor(planId));
  }

  /** One input drawn from the seed: mostly day states, some life events, some of the athlete's own changes. */
  static PlanInput input(Random random, List<Workout> plan, int horizonDays) {
    int pick = random.nextInt(10);
    LocalDate day = MON.plusDays(random.nextInt(horizonDays));
    if (pick < 6) {
      return new PlanInput.DayState(new Readiness(day, STATUSES[random.nextInt(5)], STATUSES[random.nextInt(5)],
          STATUSES[random.nextInt(5)], STATUSES[random.nextInt(5)]), new UUID(1, random.nextLong()));
    }
    if (pick < 8) {
      LifeEventType type = LifeEventType.values()[random.nextInt(3)];
      LocalDate end = random.nextBoolean() ? null : day.plusDays(random.nextInt(6));
      return new PlanInput.Life(new LifeEvent(type, day, end, random.nextBoolean(), random.nextBoolean()),
          new UUID(2, random.nextLong()));
    }
    Workout w = plan.get(random.nextInt(plan.size()));
    return switch (random.nextInt(3)) {
      case 0 -> new PlanInput.Skip(w.id());
      case 1 -> new PlanInput.Done(w.id());
      default -> new PlanInput.Move(w.id(), w.date().plusDays(random.nextInt(7) - 3));
    };
  }

  /** The live path's way: one input at a time on the plan as stored, the workouts in whatever order; refused inputs are not kept. */
  record Live(List<Workout> workouts, List<PlanReplay.Entry> log, List<PlanInput> accepted) {}

  static Live live(List<Workout> generated, Random random, int steps, LocalDate first, LocalDate last,
      UnaryOperator<Workout> stored) {
    List<Workout> plan = generated.stream().map(stored).toList();
    List<PlanReplay.Entry> log = new ArrayList<>();
    List<PlanInput> accepted = new ArrayList<>();
    for (int i = 0; i < steps; i++) {
      PlanInput in = input(random, plan, 60);
      List<Workout> shuffled = new ArrayList<>(plan);
      Collections.shuffle(shuffled, random);
      Outcome o;
      try {
        o = ENGINE.apply(shuffled, in, first, last);
      } catch (PlanException refused) {
        continue;
      }
      accepted.add(in);
      plan = PlanReplay.saved(plan, o, stored);
      for (Change c : o.changes()) {
        log.add(new PlanReplay.Entry(accepted.size(), c, in.byAthlete(), in.eventId()));
      }
    }
    return new Live(plan, log, accepted);
  }

  /** The store keeps distances to 0.1 km: a stand-in that rounds as it does. */
  static Workout rounded(Workout w) {
    Double km = w.distanceKm() == null ? null : Math.round(w.distanceKm() * 10) / 10.0;
    return w.withSession(w.type(), w.durationMin(), km, w.target());
  }

  @Test
  void replayingTheSameInputsOnTheSamePlanGivesTheSamePlanAndTheSameLog() {
    Random random = new Random(2026);
    int changes = 0;
    for (int run = 0; run < 80; run++) {
      UUID planId = new UUID(run, 7);
      GeneratedPlan p = plan(random, planId);
      LocalDate first = p.request().startDate();
      LocalDate last = p.request().raceDate().minusDays(1);
      Live live = live(p.workouts(), random, 30, first, last, PlanReplayTest::rounded);

      // rebuilt from the request alone: the ids come back from the plan id
      GeneratedPlan again = new PlanGenerator().generate(p.request(), PlanGenerator.idsFor(planId));
      PlanReplay.Result replayed = PlanReplay.run(ENGINE, again.workouts(), live.accepted(), first, last,
          PlanReplayTest::rounded);

      assertThat(replayed.workouts()).as("run %d", run).containsExactlyInAnyOrderElementsOf(live.workouts());
      assertThat(replayed.log()).as("run %d", run).containsExactlyElementsOf(live.log());
      changes += live.log().size();
    }
    assertThat(changes).as("the sequences changed the plans").isGreaterThan(500);
  }

  static List<Workout> apply(List<Workout> plan, PlanInput in, LocalDate first, LocalDate last) {
    try {
      return ENGINE.apply(plan, in, first, last).workouts();
    } catch (PlanException refused) {
      return plan;
    }
  }

  @Test
  void aReplayThatMissesOneInputDoesNotGiveTheSamePlan() {
    Random random = new Random(99);
    int differed = 0;
    for (int run = 0; run < 20; run++) {
      GeneratedPlan p = plan(random, new UUID(run, 9));
      LocalDate first = p.request().startDate();
      LocalDate last = p.request().raceDate().minusDays(1);
      Live live = live(p.workouts(), random, 20, first, last, UnaryOperator.identity());
      List<PlanInput> missing = new ArrayList<>(live.accepted());
      // drop the last input that changed something: the replay must notice
      int lastChanging = live.log().isEmpty() ? -1 : live.log().get(live.log().size() - 1).inputSeq();
      if (lastChanging < 0) {
        continue;
      }
      missing.remove(lastChanging - 1);
      PlanReplay.Result replayed = PlanReplay.run(ENGINE, p.workouts(), missing, first, last, UnaryOperator.identity());
      if (!replayed.log().equals(live.log())) {
        differed++;
      }
    }
    assertThat(differed).isGreaterThan(15);
  }

  /**
   * The latest state of a day applied again changes nothing more. (A life event reported twice is
   * recognised by the service from the plan's journal; see PlanStore.apply.)
   */
  @Test
  void theSameDayStateTwiceChangesThePlanOnce() {
    Random random = new Random(5);
    for (int run = 0; run < 60; run++) {
      GeneratedPlan p = plan(random, new UUID(run, 11));
      LocalDate first = p.request().startDate();
      LocalDate last = p.request().raceDate().minusDays(1);
      List<Workout> plan = p.workouts();
      for (int step = 0; step < 15; step++) {
        PlanInput in = input(random, plan, 60);
        if (!(in instanceof PlanInput.DayState)) {
          plan = apply(plan, in, first, last);
          continue;
        }
        Outcome once = ENGINE.apply(plan, in, first, last);
        Outcome twice = ENGINE.apply(once.workouts(), in, first, last);
        assertThat(twice.changes()).as("run %d step %d: %s applied again", run, step, in).isEmpty();
        plan = once.workouts();
      }
    }
  }
}
