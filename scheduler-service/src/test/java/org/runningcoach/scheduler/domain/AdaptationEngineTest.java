package org.runningcoach.scheduler.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.runningcoach.events.BodyStateComputed.Status.GREEN;
import static org.runningcoach.events.BodyStateComputed.Status.INSUFFICIENT_DATA;
import static org.runningcoach.events.BodyStateComputed.Status.RED;
import static org.runningcoach.events.BodyStateComputed.Status.YELLOW;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.runningcoach.events.BodyStateComputed.Status;
import org.runningcoach.events.LifeEventReported.LifeEventType;
import org.runningcoach.scheduler.domain.AdaptationEngine.LifeEvent;
import org.runningcoach.scheduler.domain.AdaptationEngine.Readiness;

class AdaptationEngineTest {

  static final LocalDate MON = LocalDate.of(2026, 3, 2);
  static final AdaptationEngine ENGINE = new AdaptationEngine(AdaptationRules.defaults());

  /**
   * A plan from a compact spec, one entry per day from {@code first}: "TEMPO 10" is a 10 km tempo
   * (5 min/km), "REST" a rest day. Ids are stable per date so tests can find a workout again.
   */
  static List<Workout> week(LocalDate first, String... days) {
    List<Workout> out = new ArrayList<>();
    for (int i = 0; i < days.length; i++) {
      String[] p = days[i].split(" ");
      WorkoutType t = WorkoutType.valueOf(p[0]);
      LocalDate d = first.plusDays(i);
      Double km = p.length > 1 ? Double.valueOf(p[1]) : null;
      Integer min = km == null ? null : (int) Math.round(km * 5);
      Target target = t == WorkoutType.REST ? Target.NONE : new Target(PlanGenerator.zone(t), 300);
      out.add(Workout.planned(idOf(d), d, Phase.BUILD, t, min, km, target));
    }
    return out;
  }

  static UUID idOf(LocalDate d) {
    return UUID.nameUUIDFromBytes(d.toString().getBytes());
  }

  /** Four weeks before MON whose longest run is {@code longestKm}. */
  static List<Workout> history(double longestKm) {
    List<Workout> h = new ArrayList<>();
    for (int wk = 4; wk >= 1; wk--) {
      h.addAll(week(MON.minusWeeks(wk), "REST", "EASY 8", "TEMPO 10", "EASY 8", "REST", "LONG " + longestKm, "EASY 6"));
    }
    return h;
  }

  static List<Workout> plan(double longestBefore, String... days) {
    List<Workout> p = new ArrayList<>(history(longestBefore));
    p.addAll(week(MON, days));
    return p;
  }

  static Map<LocalDate, Workout> byDate(List<Workout> ws) {
    return ws.stream().collect(Collectors.toMap(Workout::date, Function.identity(), (a, b) -> a));
  }

  static Readiness day(LocalDate d, Status cardio, Status muscular, Status skeletal, Status neural) {
    return new Readiness(d, cardio, muscular, skeletal, neural);
  }

  static final String[] STANDARD = {"TEMPO 10", "EASY 8", "EASY 8", "INTERVALS 9", "REST", "EASY 6", "LONG 20"};

  @Test
  void redCnsTurnsTodayIntoActiveRecoveryAndMovesTheKeyWorkoutToTheNextFreeDay() {
    Outcome o = ENGINE.onReadiness(plan(20, STANDARD), day(MON, GREEN, GREEN, GREEN, RED));
    Map<LocalDate, Workout> after = byDate(o.workouts());
    assertThat(after.get(MON).type()).isEqualTo(WorkoutType.RECOVERY);
    assertThat(after.get(MON).durationMin()).isEqualTo(25);
    assertThat(after.get(MON).target().hrZone()).isEqualTo(1);
    assertThat(after.get(MON.plusDays(1)).type()).isEqualTo(WorkoutType.TEMPO);
    assertThat(after.get(MON.plusDays(1)).id()).isEqualTo(idOf(MON));
    assertThat(o.changes()).extracting(Change::rule).containsExactly("adapt.red.recovery", "adapt.red.move");
    assertThat(o.changes().get(0).reason()).isEqualTo("Active recovery today due to CNS fatigue (neural Red).");
    assertThat(o.changes().get(1).reason()).contains("Tempo run moved from 2026-03-02 to 2026-03-03");
  }

  @ParameterizedTest(name = "cardio {0}, muscular {1}, skeletal {2}, neural {3} -> today {4}")
  @CsvSource({
      "GREEN, RED, GREEN, GREEN, REST, adapt.red.rest",
      "GREEN, GREEN, RED, GREEN, REST, adapt.red.rest",
      "RED, GREEN, GREEN, GREEN, RECOVERY, adapt.red.recovery",
      "GREEN, GREEN, GREEN, RED, RECOVERY, adapt.red.recovery",
      "RED, RED, GREEN, RED, REST, adapt.red.rest",
      "INSUFFICIENT_DATA, GREEN, INSUFFICIENT_DATA, RED, RECOVERY, adapt.red.recovery"})
  void aRedDayRestsForMusclesAndBonesAndRecoversActivelyForHeartAndNerves(Status c, Status m, Status s, Status n,
      WorkoutType today, String rule) {
    Outcome o = ENGINE.onReadiness(plan(20, "EASY 8", "EASY 8", "TEMPO 10", "EASY 8", "REST", "EASY 6", "LONG 20"),
        day(MON, c, m, s, n));
    assertThat(byDate(o.workouts()).get(MON).type()).isEqualTo(today);
    assertThat(o.changes()).singleElement().satisfies(ch -> assertThat(ch.rule()).isEqualTo(rule));
  }

  @Test
  void aKeyWorkoutWithNoFreeDayBeforeTheNextKeyWorkoutIsDroppedNeverStacked() {
    // Tuesday is next to Wednesday's intervals, and Wednesday is the next key workout: nowhere to go.
    Outcome o = ENGINE.onReadiness(plan(20, "TEMPO 10", "EASY 8", "INTERVALS 9", "EASY 8", "REST", "EASY 6", "LONG 20"),
        day(MON, GREEN, GREEN, GREEN, RED));
    Map<LocalDate, Workout> after = byDate(o.workouts());
    assertThat(after.get(MON).type()).isEqualTo(WorkoutType.RECOVERY);
    assertThat(after.get(MON.plusDays(1)).type()).isEqualTo(WorkoutType.EASY);
    assertThat(o.workouts().stream().filter(w -> w.type() == WorkoutType.TEMPO && !w.date().isBefore(MON))).isEmpty();
    assertThat(o.changes()).singleElement().satisfies(ch -> {
      assertThat(ch.rule()).isEqualTo("adapt.red.drop");
      assertThat(ch.reason()).contains("dropped, not stacked");
    });
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', value = {
      // the week from Monday (the Red day)                                   | where the tempo goes
      "TEMPO 10, EASY 8, EASY 8, REST, INTERVALS 9, EASY 6, LONG 20            | 1",
      "TEMPO 10, REST, EASY 8, EASY 8, INTERVALS 9, EASY 6, LONG 20            | 2",
      "TEMPO 10, REST, EASY 8, INTERVALS 9, REST, EASY 6, LONG 20              | dropped",
      "TEMPO 10, REST, REST, EASY 8, REST, LONG 20, EASY 6                     | 3",
      "TEMPO 10, INTERVALS 9, EASY 8, EASY 8, REST, EASY 6, LONG 20            | dropped",
      "TEMPO 10, REST, REST, REST, REST, REST, EASY 6                          | 6",
      "TEMPO 10, REST, REST, REST, REST, REST, REST                            | dropped"})
  void theKeyWorkoutGoesToTheFirstEasyDayBeforeTheNextKeyWorkoutAndNotNextToOne(String spec, String expected) {
    String[] days = spec.split(",\\s*");
    Outcome o = ENGINE.onReadiness(plan(20, days), day(MON, GREEN, GREEN, GREEN, RED));
    Map<LocalDate, Workout> after = byDate(o.workouts());
    if (expected.equals("dropped")) {
      assertThat(o.changes()).extracting(Change::rule).containsExactly("adapt.red.drop");
      assertThat(o.workouts()).filteredOn(w -> w.id().equals(idOf(MON)))
          .singleElement().satisfies(w -> assertThat(w.type()).isEqualTo(WorkoutType.RECOVERY));
    } else {
      LocalDate to = MON.plusDays(Integer.parseInt(expected));
      assertThat(after.get(to).type()).isEqualTo(WorkoutType.TEMPO);
      assertThat(after.get(to).id()).isEqualTo(idOf(MON));
      assertThat(o.workouts().stream().filter(w -> w.date().equals(to)).count()).isEqualTo(1);
    }
  }

  @ParameterizedTest(name = "long run {0} km after a longest run of {1} km -> {2}")
  @CsvSource({"22, 20, adapt.red.move", "22.1, 20, adapt.red.drop", "22, 19.9, adapt.red.drop", "15, 20, adapt.red.move"})
  void aMovedLongRunMustPassTheSessionSpikeGuard(double longRun, double longestBefore, String rule) {
    Outcome o = ENGINE.onReadiness(plan(longestBefore, "LONG " + longRun, "EASY 6", "EASY 8", "REST", "TEMPO 10", "REST", "EASY 6"),
        day(MON, GREEN, RED, GREEN, GREEN));
    assertThat(o.changes()).extracting(Change::rule).contains(rule);
    if (rule.equals("adapt.red.move")) {
      assertThat(byDate(o.workouts()).get(MON.plusDays(1)).type()).isEqualTo(WorkoutType.LONG);
    }
  }

  @ParameterizedTest(name = "cardio {0}, muscular {1}, skeletal {2}, neural {3} -> {4} min, {5} km, zone {6}, pace {7}")
  @CsvSource({
      "GREEN, GREEN, GREEN, YELLOW, 50, 10.0, 3, 353, adapt.yellow.intensity",
      "YELLOW, GREEN, GREEN, GREEN, 50, 10.0, 3, 353, adapt.yellow.intensity",
      "GREEN, YELLOW, GREEN, GREEN, 37, 7.5, 4, 300, adapt.yellow.volume",
      "GREEN, GREEN, YELLOW, GREEN, 37, 7.5, 4, 300, adapt.yellow.volume",
      "GREEN, YELLOW, GREEN, YELLOW, 37, 7.5, 3, 353, adapt.yellow.intensity+adapt.yellow.volume"})
  void aYellowDaySlowsTheSessionForHeartAndNervesAndShortensItForMusclesAndBones(Status c, Status m, Status s,
      Status n, int minutes, double km, int zone, int pace, String rule) {
    Outcome o = ENGINE.onReadiness(plan(20, STANDARD), day(MON, c, m, s, n));
    Workout today = byDate(o.workouts()).get(MON);
    assertThat(today.type()).isEqualTo(WorkoutType.TEMPO);
    assertThat(today.durationMin()).isEqualTo(minutes);
    assertThat(today.distanceKm()).isEqualTo(km);
    assertThat(today.target()).isEqualTo(new Target(zone, pace));
    assertThat(o.changes()).singleElement().satisfies(ch -> assertThat(ch.rule()).isEqualTo(rule));
  }

  @Test
  void theReasonSaysWhyInPlainWords() {
    Outcome o = ENGINE.onReadiness(plan(20, STANDARD), day(MON, GREEN, GREEN, GREEN, YELLOW));
    assertThat(o.changes().get(0).reason()).isEqualTo("Reduced intensity by 15 % due to CNS fatigue (neural Yellow).");
    o = ENGINE.onReadiness(plan(20, STANDARD), day(MON, GREEN, YELLOW, GREEN, GREEN));
    assertThat(o.changes().get(0).reason()).isEqualTo("Reduced volume by 25 % due to muscle fatigue (muscular Yellow).");
  }

  @Test
  void aGreenDayLeavesThePlanAlone() {
    List<Workout> p = plan(20, STANDARD);
    Outcome o = ENGINE.onReadiness(p, day(MON, GREEN, GREEN, GREEN, GREEN));
    assertThat(o.changes()).isEmpty();
    assertThat(o.toSave()).isEmpty();
    assertThat(ENGINE.onReadiness(p, day(MON, INSUFFICIENT_DATA, GREEN, INSUFFICIENT_DATA, GREEN)).changes()).isEmpty();
  }

  @Test
  void aLaterGreenStateOfTheSameDayUndoesTheRedChangesAndSaysSo() {
    List<Workout> original = plan(20, STANDARD);
    Outcome red = ENGINE.onReadiness(original, day(MON, GREEN, GREEN, GREEN, RED));
    Outcome green = ENGINE.onReadiness(red.workouts(), day(MON, GREEN, GREEN, GREEN, GREEN));
    assertThat(green.workouts()).usingElementComparator((a, b) -> a.sameAs(b) && a.id().equals(b.id()) ? 0 : 1)
        .containsExactlyInAnyOrderElementsOf(original);
    assertThat(green.workouts()).allSatisfy(w -> assertThat(w.hold()).isNull());
    assertThat(green.changes()).hasSize(2).allSatisfy(ch -> {
      assertThat(ch.rule()).isEqualTo("adapt.undo");
      assertThat(ch.reason()).contains("now Green");
    });
  }

  @Test
  void aSecondRedStateOfTheSameDayChangesNothingMore() {
    Outcome red = ENGINE.onReadiness(plan(20, STANDARD), day(MON, GREEN, GREEN, GREEN, RED));
    Outcome again = ENGINE.onReadiness(red.workouts(), day(MON, GREEN, GREEN, GREEN, RED));
    assertThat(again.changes()).isEmpty();
    assertThat(again.toSave()).isEmpty();
  }

  @Test
  void redThenYellowPutsTheKeyWorkoutBackWithLessIntensity() {
    Outcome red = ENGINE.onReadiness(plan(20, STANDARD), day(MON, GREEN, GREEN, GREEN, RED));
    Outcome yellow = ENGINE.onReadiness(red.workouts(), day(MON, GREEN, GREEN, GREEN, YELLOW));
    Map<LocalDate, Workout> after = byDate(yellow.workouts());
    assertThat(after.get(MON).type()).isEqualTo(WorkoutType.TEMPO);
    assertThat(after.get(MON).target().hrZone()).isEqualTo(3);
    assertThat(after.get(MON.plusDays(1)).type()).isEqualTo(WorkoutType.EASY);
    assertThat(yellow.changes()).extracting(Change::rule).containsExactly("adapt.yellow.intensity", "adapt.undo");
  }

  @Test
  void theAthletesOwnChangesAreNeitherAdaptedNorUndone() {
    List<Workout> p = plan(20, STANDARD);
    Workout tempo = byDate(p).get(MON);
    List<Workout> moved = apply(p, ENGINE.move(p, tempo, MON.plusDays(4), MON.minusWeeks(4), MON.plusDays(6)));
    assertThat(byDate(moved).get(MON.plusDays(4)).type()).isEqualTo(WorkoutType.TEMPO);
    assertThat(byDate(moved).get(MON).type()).isEqualTo(WorkoutType.REST);
    Outcome red = ENGINE.onReadiness(moved, day(MON.plusDays(4), GREEN, RED, GREEN, GREEN));
    assertThat(red.changes()).isEmpty();

    Outcome yellow = ENGINE.onReadiness(p, day(MON, GREEN, YELLOW, GREEN, GREEN));
    Workout cut = byDate(yellow.workouts()).get(MON);
    Change done = ENGINE.done(cut);
    List<Workout> afterDone = apply(yellow.workouts(), List.of(done));
    Outcome green = ENGINE.onReadiness(afterDone, day(MON, GREEN, GREEN, GREEN, GREEN));
    assertThat(green.changes()).isEmpty();
    assertThat(byDate(green.workouts()).get(MON).status()).isEqualTo(WorkoutStatus.DONE);
  }

  @Test
  void theAthleteCannotMoveAWorkoutOntoAnotherSessionOrOutsideThePlan() {
    List<Workout> p = plan(20, STANDARD);
    Workout tempo = byDate(p).get(MON);
    assertThatThrownBy(() -> ENGINE.move(p, tempo, MON.plusDays(1), MON.minusWeeks(4), MON.plusDays(6)))
        .isInstanceOfSatisfying(PlanException.class, e -> {
          assertThat(e.kind()).isEqualTo(PlanException.Kind.CONFLICT);
          assertThat(e.field()).isEqualTo("toDate");
        });
    assertThatThrownBy(() -> ENGINE.move(p, tempo, MON.plusDays(7), MON.minusWeeks(4), MON.plusDays(6)))
        .isInstanceOfSatisfying(PlanException.class, e -> assertThat(e.field()).isEqualTo("toDate"));
    assertThat(ENGINE.skip(tempo).after().status()).isEqualTo(WorkoutStatus.SKIPPED);
    assertThatThrownBy(() -> ENGINE.skip(ENGINE.done(tempo).after())).isInstanceOf(PlanException.class);
  }

  static List<Workout> apply(List<Workout> plan, List<Change> changes) {
    Map<UUID, Workout> updated = changes.stream().collect(Collectors.toMap(Change::workoutId, Change::after));
    return plan.stream().map(w -> updated.getOrDefault(w.id(), w)).toList();
  }

  // ---------------------------------------------------------------- life events

  @ParameterizedTest(name = "sick from MON, end {0}, below neck {1}, fever {2} -> no running to MON+{3}")
  @CsvSource({
      ", false, false, 2", "1, false, false, 2", "4, false, false, 4",
      ", true, false, 4", ", false, true, 4", "1, true, false, 3", "5, false, true, 7"})
  void sicknessClearsThreeDaysAtLeastAndLongerWithChestSymptomsOrFever(Integer endOffset, boolean belowNeck,
      boolean fever, int lastClearOffset) {
    LocalDate end = endOffset == null ? null : MON.plusDays(endOffset);
    assertThat(ENGINE.sickUntil(new LifeEvent(LifeEventType.SICK, MON, end, belowNeck, fever)))
        .isEqualTo(MON.plusDays(lastClearOffset));
  }

  @Test
  void afterSicknessFourEasyReturnRunsComeBeforeAnyKeyWorkoutAndTheFirstWeekIsCapped() {
    List<Workout> p = new ArrayList<>(plan(20, STANDARD));
    p.addAll(week(MON.plusWeeks(1), STANDARD));
    Outcome o = ENGINE.onLifeEvent(p, new LifeEvent(LifeEventType.SICK, MON, null, false, false));
    Map<LocalDate, Workout> after = byDate(o.workouts());
    for (int i = 0; i < 3; i++) {
      assertThat(after.get(MON.plusDays(i)).type()).as("day %d", i + 1).isEqualTo(WorkoutType.REST);
    }
    // Thu (intervals), Sat (easy), Sun (long), next Mon (tempo) become return-to-run 20/25/30/30 min
    assertThat(List.of(3, 5, 6, 7)).allSatisfy(i -> assertThat(after.get(MON.plusDays(i)).type())
        .isEqualTo(WorkoutType.RETURN_TO_RUN));
    assertThat(List.of(3, 5, 6, 7).stream().map(i -> after.get(MON.plusDays(i)).durationMin()))
        .containsExactly(20, 25, 30, 30);
    // the rest of the first week back (to day 10) is capped at 80 %
    assertThat(after.get(MON.plusDays(8)).distanceKm()).isEqualTo(6.4);
    assertThat(after.get(MON.plusDays(9)).distanceKm()).isEqualTo(6.4);
    assertThat(after.get(MON.plusDays(10)).type()).isEqualTo(WorkoutType.INTERVALS);
    assertThat(o.changes()).extracting(Change::rule).contains("life.sick.clear", "life.sick.return-to-run",
        "life.sick.load-cap");
  }

  @Test
  void travelTurnsEveryLongRunInTheWindowIntoMaintenanceIntervals() {
    List<Workout> p = new ArrayList<>(plan(20, STANDARD));
    p.addAll(week(MON.plusWeeks(1), STANDARD));
    p.addAll(week(MON.plusWeeks(2), STANDARD));
    Outcome o = ENGINE.onLifeEvent(p, new LifeEvent(LifeEventType.TRAVEL, MON.plusDays(5), MON.plusDays(13), false, false));
    Map<LocalDate, Workout> after = byDate(o.workouts());
    assertThat(after.get(MON.plusDays(6)).type()).isEqualTo(WorkoutType.MAINTENANCE_INTERVALS);
    assertThat(after.get(MON.plusDays(13)).type()).isEqualTo(WorkoutType.MAINTENANCE_INTERVALS);
    assertThat(after.get(MON.plusDays(13)).durationMin()).isEqualTo(40);
    assertThat(after.get(MON.plusDays(20)).type()).isEqualTo(WorkoutType.LONG);
    assertThat(o.changes()).hasSize(2).allSatisfy(ch -> assertThat(ch.rule()).isEqualTo("life.travel.maintenance"));
  }

  @Test
  void aWeekendTripTurnsSundaysLongRunIntoMaintenanceIntervalsAndLeavesTheRestAlone() {
    List<Workout> p = new ArrayList<>(plan(20, STANDARD));
    p.addAll(week(MON.plusWeeks(1), STANDARD));
    LocalDate friday = MON.plusDays(4);
    Outcome o = ENGINE.onLifeEvent(p, new LifeEvent(LifeEventType.TRAVEL, friday, friday.plusDays(2), false, false));
    Map<LocalDate, Workout> before = byDate(p);
    Map<LocalDate, Workout> after = byDate(o.workouts());
    Workout sunday = after.get(MON.plusDays(6));
    assertThat(sunday.type()).isEqualTo(WorkoutType.MAINTENANCE_INTERVALS);
    assertThat(sunday.durationMin()).isEqualTo(40);
    assertThat(sunday.distanceKm()).isNull();
    assertThat(sunday.id()).isEqualTo(before.get(MON.plusDays(6)).id());
    assertThat(after.get(MON.plusDays(5))).as("Saturday's easy run").isEqualTo(before.get(MON.plusDays(5)));
    assertThat(after.get(MON.plusDays(13))).as("next Sunday, home again").isEqualTo(before.get(MON.plusDays(13)));
    assertThat(o.changes()).singleElement().satisfies(ch -> {
      assertThat(ch.rule()).isEqualTo("life.travel.maintenance");
      assertThat(ch.reason()).startsWith("Travelling " + friday + " to " + friday.plusDays(2) + ": long run replaced by 40 min");
    });
  }

  @Test
  void aWorkoutTheAthleteMovedSurvivesEveryLaterAdaptation() {
    List<Workout> p = new ArrayList<>(plan(20, STANDARD));
    p.addAll(week(MON.plusWeeks(1), STANDARD));
    Workout tempo = byDate(p).get(MON);
    LocalDate friday = MON.plusDays(4);
    List<Workout> plan = apply(p, ENGINE.move(p, tempo, friday, MON.minusWeeks(4), MON.plusDays(13)));
    Workout moved = plan.stream().filter(w -> w.id().equals(tempo.id())).findFirst().orElseThrow();
    assertThat(moved.date()).isEqualTo(friday);

    // a Red day on it, a Yellow one, an illness and a trip over it, a Red day before it whose key session looks for a slot
    List<PlanInput> later = List.of(
        new PlanInput.DayState(day(friday, GREEN, RED, GREEN, GREEN), UUID.randomUUID()),
        new PlanInput.DayState(day(friday, YELLOW, YELLOW, GREEN, GREEN), UUID.randomUUID()),
        new PlanInput.DayState(day(MON.plusDays(3), GREEN, GREEN, GREEN, RED), UUID.randomUUID()),
        new PlanInput.Life(new LifeEvent(LifeEventType.SICK, MON.plusDays(3), null, true, true), UUID.randomUUID()),
        new PlanInput.Life(new LifeEvent(LifeEventType.INJURY, friday, friday.plusDays(3), false, false), UUID.randomUUID()),
        new PlanInput.DayState(day(friday, GREEN, GREEN, GREEN, GREEN), UUID.randomUUID()));
    for (PlanInput input : later) {
      Outcome o = ENGINE.apply(plan, input, MON.minusWeeks(4), MON.plusDays(13));
      assertThat(o.changes()).as("%s", input).noneMatch(c -> c.workoutId().equals(tempo.id()));
      plan = o.workouts();
    }
    assertThat(plan).filteredOn(w -> w.id().equals(tempo.id())).singleElement().isEqualTo(moved);
    assertThat(plan).filteredOn(w -> w.date().equals(friday)).extracting(Workout::id).containsExactly(tempo.id());
  }

  @Test
  void anInjuryMeansNoRunningUntilItsEndThenAGradedReturn() {
    List<Workout> p = new ArrayList<>(plan(20, STANDARD));
    p.addAll(week(MON.plusWeeks(1), STANDARD));
    Outcome o = ENGINE.onLifeEvent(p, new LifeEvent(LifeEventType.INJURY, MON, MON.plusDays(6), false, false));
    Map<LocalDate, Workout> after = byDate(o.workouts());
    for (int i = 0; i <= 6; i++) {
      Workout w = after.get(MON.plusDays(i));
      assertThat(w.type().running()).as("day %d", i).isFalse();
    }
    assertThat(after.get(MON).type()).isEqualTo(WorkoutType.CROSS_TRAINING);
    assertThat(after.get(MON).durationMin()).isEqualTo(50);
    assertThat(after.get(MON.plusDays(7)).type()).isEqualTo(WorkoutType.RETURN_TO_RUN);
    Outcome open = ENGINE.onLifeEvent(p, new LifeEvent(LifeEventType.INJURY, MON, null, false, false));
    assertThat(open.workouts().stream().filter(w -> !w.date().isBefore(MON) && w.date().isBefore(MON.plusDays(14))))
        .allSatisfy(w -> assertThat(w.type().running()).isFalse());
  }

  // ---------------------------------------------------------------- invariants

  /** Random Red, Yellow and Green days over generated plans (fixed seed): no stacking, no back-to-back key days. */
  @Test
  void adaptationsNeverStackSessionsOrPutKeyDaysBackToBack() {
    Random random = new Random(42);
    PlanGenerator generator = new PlanGenerator();
    Status[] statuses = {GREEN, GREEN, YELLOW, RED, INSUFFICIENT_DATA};
    for (int run = 0; run < 60; run++) {
      long[] n = {run * 10_000L};
      PlanRequest r = new PlanRequest(MON.plusWeeks(16), Distance.HALF, random.nextBoolean() ? 6300 : null,
          20 + random.nextInt(40), VolumeUnit.KM, EnumSet.of(DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY,
          DayOfWeek.THURSDAY, DayOfWeek.SATURDAY, DayOfWeek.SUNDAY), DayOfWeek.SUNDAY, MON);
      List<Workout> plan = generator.generate(r, () -> new UUID(0, ++n[0])).workouts();
      for (int step = 0; step < 40; step++) {
        LocalDate d = MON.plusDays(random.nextInt(100));
        Readiness state = day(d, statuses[random.nextInt(5)], statuses[random.nextInt(5)], statuses[random.nextInt(5)],
            statuses[random.nextInt(5)]);
        Outcome o = ENGINE.onReadiness(plan, state);
        plan = o.workouts();
        String where = "run " + run + " step " + step + " " + state;
        Map<LocalDate, Long> perDay = plan.stream().filter(w -> w.type() != WorkoutType.REST)
            .collect(Collectors.groupingBy(Workout::date, Collectors.counting()));
        assertThat(perDay.values()).as(where).allSatisfy(c -> assertThat(c).isEqualTo(1L));
        for (Workout w : plan) {
          if (w.plannedKey()) {
            assertThat(plan).as(where + " key next to " + w.date())
                .noneMatch(x -> x.plannedKey() && x.date().equals(w.date().plusDays(1)));
          }
        }
        assertThat(o.changes()).as(where).allSatisfy(ch -> {
          assertThat(ch.rule()).isNotBlank();
          assertThat(ch.reason()).isNotBlank();
        });
      }
    }
  }

  /**
   * No rule ever puts two key workouts on consecutive days or two sessions on one day: plans of every
   * distance and several weekday choices, each under a generated sequence of day states and life
   * events (fixed seed). The athlete's own moves are left out: the athlete may do what no rule does.
   */
  @Test
  void noRuleEverPutsTwoKeyWorkoutsOnConsecutiveDays() {
    Random random = new Random(1234);
    int keyMoves = 0;
    for (int run = 0; run < 120; run++) {
      GeneratedPlan p = PlanReplayTest.plan(random, new UUID(run, 3));
      LocalDate first = p.request().startDate();
      LocalDate last = p.request().raceDate().minusDays(1);
      List<Workout> plan = p.workouts();
      for (int step = 0; step < 40; step++) {
        PlanInput input = PlanReplayTest.input(random, plan, 100);
        if (input.byAthlete()) {
          continue;
        }
        Outcome o = ENGINE.apply(plan, input, first, last);
        plan = o.workouts();
        keyMoves += (int) o.changes().stream().filter(c -> c.rule().equals("adapt.red.move")).count();
        String where = "run " + run + " step " + step + " " + input;
        Map<LocalDate, Long> perDay = plan.stream().filter(w -> w.type() != WorkoutType.REST)
            .collect(Collectors.groupingBy(Workout::date, Collectors.counting()));
        assertThat(perDay.values()).as(where).allSatisfy(c -> assertThat(c).isEqualTo(1L));
        for (Workout w : plan) {
          if (w.plannedKey()) {
            assertThat(plan).as(where + ": key workouts on " + w.date() + " and the day after")
                .noneMatch(x -> x.plannedKey() && x.date().equals(w.date().plusDays(1)));
          }
        }
      }
    }
    assertThat(keyMoves).as("key workouts moved by Red days").isGreaterThan(50);
  }

  /** After any illness, no key session comes before four return-to-run sessions. */
  @Test
  void noKeyWorkoutBeforeFourEasyRunsAfterAnyIllness() {
    Random random = new Random(7);
    PlanGenerator generator = new PlanGenerator();
    for (int run = 0; run < 200; run++) {
      long[] n = {0};
      PlanRequest r = new PlanRequest(MON.plusWeeks(20), Distance.MARATHON, null, 30 + random.nextInt(30),
          VolumeUnit.KM, EnumSet.of(DayOfWeek.MONDAY, DayOfWeek.WEDNESDAY, DayOfWeek.FRIDAY, DayOfWeek.SUNDAY),
          DayOfWeek.SUNDAY, MON);
      List<Workout> plan = generator.generate(r, () -> new UUID(0, ++n[0])).workouts();
      LocalDate start = MON.plusDays(random.nextInt(100));
      LocalDate end = random.nextBoolean() ? null : start.plusDays(random.nextInt(8));
      LifeEvent sick = new LifeEvent(LifeEventType.SICK, start, end, random.nextBoolean(), random.nextBoolean());
      List<Workout> after = ENGINE.onLifeEvent(plan, sick).workouts();
      LocalDate until = ENGINE.sickUntil(sick);
      assertThat(after).as("%s", sick).filteredOn(w -> !w.date().isBefore(start) && !w.date().isAfter(until))
          .allSatisfy(w -> assertThat(w.type()).isEqualTo(WorkoutType.REST));
      int easyRuns = 0;
      for (Workout w : after.stream().filter(w -> w.date().isAfter(until)).toList()) {
        if (w.type() == WorkoutType.RETURN_TO_RUN) {
          easyRuns++;
        } else if (w.type().key()) {
          assertThat(easyRuns).as("%s: key workout on %s", sick, w.date()).isGreaterThanOrEqualTo(4);
          break;
        }
      }
    }
  }
}
