package org.runningcoach.scheduler.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PlanGeneratorTest {

  static final LocalDate START = LocalDate.of(2026, 3, 2); // a Monday
  static final Set<DayOfWeek> FIVE_DAYS = EnumSet.of(DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY,
      DayOfWeek.SATURDAY, DayOfWeek.SUNDAY);
  static final PlanGenerator GENERATOR = new PlanGenerator();

  static Supplier<UUID> ids() {
    long[] n = {0};
    return () -> new UUID(0, ++n[0]);
  }

  static PlanRequest request(Distance d, int weeks, double volume) {
    return new PlanRequest(START.plusWeeks(weeks), d, null, volume, VolumeUnit.KM, FIVE_DAYS, DayOfWeek.SUNDAY, START);
  }

  static GeneratedPlan plan(PlanRequest r) {
    return GENERATOR.generate(r, ids());
  }

  @ParameterizedTest(name = "{0}, {1} weeks -> base {2}, build {3}, peak {4}, taper {5}")
  @CsvSource({
      "FIVE_K, 4, 1, 1, 1, 1", "FIVE_K, 8, 4, 2, 1, 1", "TEN_K, 6, 2, 2, 1, 1", "TEN_K, 12, 5, 4, 2, 1",
      "HALF, 8, 3, 2, 1, 2", "HALF, 12, 4, 4, 2, 2", "HALF, 16, 6, 5, 3, 2",
      "MARATHON, 12, 4, 4, 2, 2", "MARATHON, 18, 7, 6, 3, 2", "MARATHON, 24, 11, 8, 3, 2", "MARATHON, 52, 29, 18, 3, 2"})
  void phasesAreSizedToTheWeeksAvailableWithATaperThatFitsTheDistance(Distance d, int weeks, int base, int build,
      int peak, int taper) {
    GeneratedPlan p = plan(request(d, weeks, 40));
    assertThat(p.phases()).extracting(GeneratedPlan.PhaseSpan::weeks).containsExactly(base, build, peak, taper);
    assertThat(p.phases()).extracting(GeneratedPlan.PhaseSpan::phase)
        .containsExactly(Phase.BASE, Phase.BUILD, Phase.PEAK, Phase.TAPER);
    assertThat(p.weeks()).hasSize(weeks);
    assertThat(p.workouts().get(p.workouts().size() - 1).date()).isEqualTo(START.plusWeeks(weeks).minusDays(1));
  }

  @ParameterizedTest(name = "{0}: {1} weeks is too short")
  @CsvSource({"FIVE_K, 3", "TEN_K, 5", "HALF, 7", "MARATHON, 11"})
  void aPlanTooShortForItsDistanceIsRefusedNamingRaceDate(Distance d, int weeks) {
    assertThatThrownBy(() -> plan(request(d, weeks, 40)))
        .isInstanceOfSatisfying(PlanException.class, e -> {
          assertThat(e.field()).isEqualTo("raceDate");
          assertThat(e.getMessage()).contains("needs at least " + d.minWeeks() + " weeks");
        });
  }

  record Bad(String name, PlanRequest request, String field) {}

  @Test
  void impossibleRequestsNameTheFieldToFix() {
    List<Bad> cases = List.of(
        new Bad("race before start", new PlanRequest(START.minusDays(1), Distance.HALF, null, 30, VolumeUnit.KM, FIVE_DAYS,
            DayOfWeek.SUNDAY, START), "raceDate"),
        new Bad("more than a year away", request(Distance.MARATHON, 53, 40), "raceDate"),
        new Bad("no volume", request(Distance.HALF, 12, 0), "currentWeeklyKm"),
        new Bad("300 km a week", request(Distance.HALF, 12, 300), "currentWeeklyKm"),
        new Bad("too little for a marathon", request(Distance.MARATHON, 20, 10), "currentWeeklyKm"),
        new Bad("too little, in minutes", new PlanRequest(START.plusWeeks(20), Distance.MARATHON, null, 60,
            VolumeUnit.MINUTES, FIVE_DAYS, DayOfWeek.SUNDAY, START), "currentWeeklyMinutes"),
        new Bad("two days a week", new PlanRequest(START.plusWeeks(12), Distance.HALF, null, 30, VolumeUnit.KM,
            EnumSet.of(DayOfWeek.TUESDAY, DayOfWeek.SUNDAY), DayOfWeek.SUNDAY, START), "availableDays"),
        new Bad("long run on a day off", new PlanRequest(START.plusWeeks(12), Distance.HALF, null, 30, VolumeUnit.KM,
            FIVE_DAYS, DayOfWeek.MONDAY, START), "longRunDay"),
        new Bad("no room for a key day", new PlanRequest(START.plusWeeks(12), Distance.HALF, null, 30, VolumeUnit.KM,
            EnumSet.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY, DayOfWeek.MONDAY), DayOfWeek.SUNDAY, START), "availableDays"),
        new Bad("a 1:00 marathon", new PlanRequest(START.plusWeeks(20), Distance.MARATHON, 3600, 40, VolumeUnit.KM,
            FIVE_DAYS, DayOfWeek.SUNDAY, START), "goalTime"));
    for (Bad c : cases) {
      assertThatThrownBy(() -> plan(c.request())).as(c.name())
          .isInstanceOfSatisfying(PlanException.class, e -> assertThat(e.field()).as(c.name()).isEqualTo(c.field()));
    }
  }

  @Test
  void weeklyVolumeGrowsAtMostTenPercentWithACutbackEveryFourthWeekAndATaperOf41To60Percent() {
    GeneratedPlan p = plan(request(Distance.MARATHON, 18, 40));
    List<Double> volumes = p.weeks().stream().map(PlanWeek::volume).toList();
    assertThat(volumes.subList(0, 4)).containsExactly(40.0, 44.0, 48.4, 36.3);
    assertThat(p.weeks()).filteredOn(PlanWeek::cutback).extracting(PlanWeek::index).containsExactly(4, 8, 12);
    double peak = p.weeks().stream().filter(w -> w.phase() != Phase.TAPER).mapToDouble(PlanWeek::volume).max().orElseThrow();
    List<PlanWeek> taper = p.weeks().stream().filter(w -> w.phase() == Phase.TAPER).toList();
    assertThat(taper).hasSize(2).allSatisfy(w -> assertThat(w.volume()).isBetween(peak * 0.40, peak * 0.59));
  }

  @Test
  void keyDaysAreNeverNextToTheLongRunOrEachOther() {
    assertThat(PlanGenerator.keyDays(FIVE_DAYS, DayOfWeek.SUNDAY)).containsExactly(DayOfWeek.TUESDAY, DayOfWeek.THURSDAY);
    assertThat(PlanGenerator.keyDays(EnumSet.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY),
        DayOfWeek.WEDNESDAY)).containsExactly(DayOfWeek.MONDAY);
    assertThat(PlanGenerator.keyDays(EnumSet.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY, DayOfWeek.MONDAY),
        DayOfWeek.SUNDAY)).isEmpty();
  }

  @Test
  void aGoalTimeGivesPacesAndMinutesBesideTheZones() {
    GeneratedPlan p = plan(new PlanRequest(START.plusWeeks(12), Distance.HALF, 6300, 30, VolumeUnit.KM, FIVE_DAYS,
        DayOfWeek.SUNDAY, START));
    Workout tempo = p.workouts().stream().filter(w -> w.type() == WorkoutType.TEMPO).findFirst().orElseThrow();
    assertThat(tempo.target().hrZone()).isEqualTo(4);
    assertThat(tempo.target().paceSecondsPerKm()).isEqualTo(293); // 4:59/km race pace x 0.98
    assertThat(tempo.durationMin()).isNotNull();
    Workout easy = p.workouts().stream().filter(w -> w.type() == WorkoutType.EASY).findFirst().orElseThrow();
    assertThat(easy.target().paceSecondsPerKm()).isGreaterThan(tempo.target().paceSecondsPerKm());
  }

  @Test
  void aPlanInMinutesSchedulesMinutes() {
    GeneratedPlan p = plan(new PlanRequest(START.plusWeeks(10), Distance.TEN_K, null, 180, VolumeUnit.MINUTES,
        FIVE_DAYS, DayOfWeek.SATURDAY, START));
    assertThat(p.workouts()).filteredOn(w -> w.type().running())
        .allSatisfy(w -> {
          assertThat(w.durationMin()).isPositive();
          assertThat(w.distanceKm()).isNull();
        });
  }

  /** Invariants over many generated requests (fixed seed, so a failure is reproducible). */
  @Test
  void everyGeneratedPlanKeepsTheRules() {
    Random random = new Random(20260302L);
    int checked = 0;
    for (int i = 0; i < 400; i++) {
      Distance d = Distance.values()[random.nextInt(4)];
      int weeks = d.minWeeks() + random.nextInt(PlanGenerator.MAX_WEEKS - d.minWeeks());
      Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
      int count = 3 + random.nextInt(5);
      while (days.size() < count) {
        days.add(DayOfWeek.of(1 + random.nextInt(7)));
      }
      DayOfWeek longRun = new ArrayList<>(days).get(random.nextInt(days.size()));
      if (PlanGenerator.keyDays(days, longRun).isEmpty()) {
        continue;
      }
      VolumeUnit unit = random.nextBoolean() ? VolumeUnit.KM : VolumeUnit.MINUTES;
      double volume = d.minWeekly(unit) + random.nextInt(60) * (unit == VolumeUnit.KM ? 1 : 6);
      LocalDate start = START.plusDays(random.nextInt(7));
      PlanRequest r = new PlanRequest(start.plusWeeks(weeks).plusDays(random.nextInt(7)), d, null, volume, unit, days,
          longRun, start);
      GeneratedPlan p = plan(r);
      String name = r.toString();
      checkInvariants(p, name);
      checked++;
    }
    assertThat(checked).isGreaterThan(300);
  }

  static void checkInvariants(GeneratedPlan p, String name) {
    PlanRequest r = p.request();
    // one workout a day from the start to the day before the race
    assertThat(p.workouts()).as(name).hasSize((int) ChronoUnit.DAYS.between(r.startDate(), r.raceDate()));
    // phases in order, taper of the distance's length
    assertThat(p.weeks().stream().filter(w -> w.phase() == Phase.TAPER).count()).as(name).isEqualTo(r.distance().taperWeeks());
    double largest = r.currentWeeklyVolume();
    int sinceLighter = 0;
    for (PlanWeek w : p.weeks()) {
      assertThat(w.volume()).as(name + " week " + w.index()).isLessThanOrEqualTo(largest * 1.10 + 1e-6);
      largest = Math.max(largest, w.volume());
      sinceLighter = w.cutback() || w.phase() == Phase.TAPER ? 0 : sinceLighter + 1;
      assertThat(sinceLighter).as(name + " weeks without a cutback at week " + w.index()).isLessThanOrEqualTo(4);
    }
    List<Workout> ws = p.workouts();
    for (int i = 0; i < ws.size(); i++) {
      Workout w = ws.get(i);
      if (i > 0) {
        assertThat(w.type().key() && ws.get(i - 1).type().key()).as(name + " key sessions on " + ws.get(i - 1).date()
            + " and " + w.date()).isFalse();
      }
      if (!r.availableDays().contains(w.date().getDayOfWeek())) {
        assertThat(w.type()).as(name + " " + w.date()).isEqualTo(WorkoutType.REST);
      }
      if (w.type().running()) {
        assertThat(w.length(r.unit() == VolumeUnit.KM)).as(name + " " + w.date()).isPositive();
        assertThat(w.target().hrZone()).isBetween(1, 5);
        double longest = RunHistory.longest(ws, w.date(), r.unit() == VolumeUnit.KM);
        if (longest > 0) {
          assertThat(w.length(r.unit() == VolumeUnit.KM)).as(name + " spike on " + w.date())
              .isLessThanOrEqualTo(longest * 1.10 + 1e-6);
        }
      }
    }
    // each full week: one long run and one or two key sessions
    for (PlanWeek week : p.weeks()) {
      if (ChronoUnit.DAYS.between(week.start(), week.end()) < 6 || week.index() == p.weeks().size()) {
        continue;
      }
      List<Workout> in = ws.stream().filter(w -> !w.date().isBefore(week.start()) && !w.date().isAfter(week.end())).toList();
      assertThat(in.stream().filter(w -> w.type() == WorkoutType.LONG).count()).as(name + " long runs in week " + week.index())
          .isEqualTo(1);
      assertThat(in.stream().filter(w -> w.type() == WorkoutType.TEMPO || w.type() == WorkoutType.INTERVALS).count())
          .as(name + " key sessions in week " + week.index()).isBetween(1L, 2L);
    }
  }
}
