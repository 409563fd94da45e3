package org.runningcoach.readiness.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.runningcoach.events.BodyStateComputed;

/**
 * A range recomputed in one pass gives, for every date, exactly the BodyState that computing that
 * date alone gives: the same statuses, scores, reasons, explanations and causes, compared field by
 * field with exact equality (doubles included), so a late input for an old date can recompute all
 * later states in one pass without any state changing.
 */
class ReadinessTimelineTest {

  static final ReadinessEngine ENGINE = new ReadinessEngine(Thresholds.defaults());

  @Test
  void everyDateOfTheInvariantHistoriesEqualsItsSingleDateComputation() {
    Random rnd = new Random(20260302L);
    int dates = 0;
    for (int i = 0; i < 3_000; i++) {
      HistoryBuilder b = ReadinessInvariantsTest.generate(rnd);
      if (rnd.nextInt(5) > 0) {
        b.day(ReadinessInvariantsTest.DAY, d -> d.withCheckin(ReadinessInvariantsTest.randomCheckin(rnd, b.nextId())));
      }
      if (rnd.nextBoolean()) {
        b.rmssd(ReadinessInvariantsTest.DAY, 20 + rnd.nextInt(80));
      }
      History h = b.build();
      // From before the first input to a few days past the last: empty days and rest-day tails too.
      LocalDate from = (h.days().isEmpty() ? ReadinessInvariantsTest.DAY : h.days().firstKey()).minusDays(3);
      LocalDate to = ReadinessInvariantsTest.DAY.plusDays(5);
      dates += assertRangeEqualsSingleDates(h, from, to);
    }
    assertThat(dates).isGreaterThan(3_000 * 8);
  }

  @Test
  void everyDateOfLongMixedHistoriesEqualsItsSingleDateComputation() {
    // Long histories where the load unit changes (RPE, heart rate, minutes), workouts lacking the
    // unit are scaled by a moving median, several workouts fall on one day, HRV comes as RMSSD and
    // SDNN, and travel and sick days leave the baselines.
    Random rnd = new Random(7L);
    for (int i = 0; i < 60; i++) {
      History h = mixed(rnd, 60 + rnd.nextInt(340));
      LocalDate first = h.days().firstKey();
      assertRangeEqualsSingleDates(h, first, h.days().lastKey().plusDays(3));
      LocalDate late = first.plusDays(rnd.nextInt(60));
      assertRangeEqualsSingleDates(h, late, late.plusDays(rnd.nextInt(40)));
    }
  }

  @Test
  void chosenDatesWithGapsEqualTheirSingleDateComputations() {
    Random rnd = new Random(11L);
    History h = mixed(rnd, 200);
    LocalDate first = h.days().firstKey();
    List<LocalDate> dates = List.of(first.plusDays(150), first.plusDays(3), first.plusDays(90), first.plusDays(91), first.plusDays(230));
    NavigableMap<LocalDate, BodyStateComputed> states = ENGINE.computeDates(h, dates);
    assertThat(states.keySet()).containsExactly(first.plusDays(3), first.plusDays(90), first.plusDays(91),
        first.plusDays(150), first.plusDays(230));
    states.forEach((date, state) -> assertThat(state).isEqualTo(ENGINE.compute(h, date)));
    assertThat(ENGINE.computeDates(h, List.of())).isEmpty();
  }

  @Test
  void aRangeEndingBeforeItStartsIsRefused() {
    History h = HistoryBuilder.athlete().build();
    assertThatThrownBy(() -> ENGINE.computeRange(h, ReadinessInvariantsTest.DAY, ReadinessInvariantsTest.DAY.minusDays(1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  static int assertRangeEqualsSingleDates(History h, LocalDate from, LocalDate to) {
    assertFactsEqualBitForBit(h, from, to);
    List<BodyStateComputed> range = ENGINE.computeRange(h, from, to);
    assertThat(range).hasSize((int) (to.toEpochDay() - from.toEpochDay()) + 1);
    for (int k = 0; k < range.size(); k++) {
      LocalDate date = from.plusDays(k);
      BodyStateComputed one = ENGINE.compute(h, date);
      BodyStateComputed got = range.get(k);
      String where = h.athleteId() + " " + date + " of " + h.days().size() + " days";
      assertThat(got.date()).as(where).isEqualTo(date);
      assertThat(got.cardio()).as("cardio, " + where).isEqualTo(one.cardio());
      assertThat(got.muscular()).as("muscular, " + where).isEqualTo(one.muscular());
      assertThat(got.skeletal()).as("skeletal, " + where).isEqualTo(one.skeletal());
      assertThat(got.neural()).as("neural, " + where).isEqualTo(one.neural());
      assertThat(got.overall()).as("overall, " + where).isEqualTo(one.overall());
      assertThat(got.coachNote()).as("coach note, " + where).isEqualTo(one.coachNote());
      assertThat(got.causedBy()).as("causedBy, " + where).isEqualTo(one.causedBy());
      assertThat(got).as(where).isEqualTo(one);
    }
    return range.size();
  }

  /**
   * Below the rounding of the displayed values: every fact the rules read (means, SDs, sums,
   * EWMAs, ratios, monotony) is the same double, compared with Double.compare by the records'
   * equals, so no threshold can fall differently by a last-bit difference.
   */
  static void assertFactsEqualBitForBit(History h, LocalDate from, LocalDate to) {
    Thresholds t = Thresholds.defaults();
    new ReadinessTimeline(h, from, to, t).walk(from, to, w -> {
      HistoryWindow ref = new HistoryWindow(h, w.date(), t);
      String where = h.athleteId() + " " + w.date();
      for (int back = 0; back < 7; back++) {
        assertThat(w.day(back)).as("day -%d, %s", back, where).isEqualTo(ref.day(back));
      }
      for (AthleteProfile.HrvMetric m : AthleteProfile.HrvMetric.values()) {
        assertThat(w.hrvBaseline(m)).as("hrv baseline %s, %s", m, where).isEqualTo(ref.hrvBaseline(m));
        assertThat(w.hrvWeek(m)).as("hrv week %s, %s", m, where).isEqualTo(ref.hrvWeek(m));
      }
      assertThat(w.restingHrBaseline()).as("resting HR baseline, " + where).isEqualTo(ref.restingHrBaseline());
      assertThat(w.sleepBaseline()).as("sleep baseline, " + where).isEqualTo(ref.sleepBaseline());
      for (Window.CheckinItem item : Window.CheckinItem.values()) {
        assertThat(w.checkinBaseline(item)).as("%s baseline, %s", item, where).isEqualTo(ref.checkinBaseline(item));
      }
      assertThat(w.volume()).as("volume, " + where).isEqualTo(ref.volume());
      assertThat(w.loads()).as("loads, " + where).isEqualTo(ref.loads());
      assertThat(w.runsBefore()).as("runs before, " + where).isEqualTo(ref.runsBefore());
      assertThat(w.impact7d()).as("impact, " + where).isEqualTo(ref.impact7d());
      if (w.loads() != null) {
        UNITS_SEEN.add(w.loads().unit() + (w.loads().substituted() > 0 ? " substituted" : ""));
      }
    });
  }

  static final java.util.Set<String> UNITS_SEEN = java.util.concurrent.ConcurrentHashMap.newKeySet();

  @org.junit.jupiter.api.AfterAll
  static void theHistoriesReachedEveryLoadUnitAndSubstitution() {
    assertThat(UNITS_SEEN).contains("SRPE", "SRPE substituted", "TRIMP", "TRIMP substituted", "MINUTES");
  }

  /** A long history with every kind of input the load and baseline rules distinguish. */
  static History mixed(Random rnd, int length) {
    AthleteProfile profile = new AthleteProfile(rnd.nextBoolean() ? AthleteProfile.Sex.FEMALE : AthleteProfile.Sex.MALE,
        rnd.nextInt(4) == 0 ? null : 45 + rnd.nextInt(15), rnd.nextInt(4) == 0 ? null : 180 + rnd.nextInt(15),
        rnd.nextBoolean() ? 40.0 + rnd.nextInt(40) : null, AthleteProfile.HrvMetric.RMSSD, null,
        rnd.nextBoolean() ? 1 + rnd.nextInt(10) : null, rnd.nextBoolean() ? 6.0 + rnd.nextInt(3) : null);
    if (profile.hrvBaselineMs() == null) {
      profile = new AthleteProfile(profile.sex(), profile.restingHr(), profile.maxHr(), null, null, null,
          profile.stressLevel(), profile.sleepAvgHours());
    }
    LocalDate first = LocalDate.of(2025, 1, 1).plusDays(rnd.nextInt(30));
    // Phases of how workouts are recorded: with RPE, with heart rate, with neither, or a mix.
    int phase = rnd.nextInt(4);
    TreeMap<LocalDate, DayInputs> days = new TreeMap<>();
    long id = 0;
    for (int i = 0; i < length; i++) {
      if (rnd.nextInt(40) == 0) {
        phase = rnd.nextInt(4);
      }
      LocalDate d = first.plusDays(i);
      if (i > 0 && rnd.nextInt(12) == 0) {
        continue;
      }
      DayInputs day = DayInputs.empty(d);
      if (rnd.nextInt(5) > 0) {
        day = day.withCheckin(new DailyCheckin(d, Math.round(rnd.nextDouble() * 110) / 10.0,
            rnd.nextBoolean() ? null : 1 + rnd.nextInt(10), 1 + rnd.nextInt(10), 1 + rnd.nextInt(10),
            rnd.nextBoolean() ? null : 1 + rnd.nextInt(10), rnd.nextBoolean() ? null : 1 + rnd.nextInt(10), null,
            "MANUAL", new UUID(7, ++id)));
      }
      if (rnd.nextInt(4) > 0) {
        AthleteProfile.HrvMetric metric = rnd.nextInt(6) == 0 ? AthleteProfile.HrvMetric.SDNN : AthleteProfile.HrvMetric.RMSSD;
        day = day.withHrv(new DayInputs.HrvReading(metric, 20 + rnd.nextInt(80) + rnd.nextInt(10) / 10.0, "GARMIN", new UUID(7, ++id)));
      }
      if (rnd.nextInt(4) > 0) {
        day = day.withRestingHr(new DayInputs.Reading(42 + rnd.nextInt(20), "GARMIN", new UUID(7, ++id)));
      }
      if (rnd.nextInt(3) == 0) {
        day = day.withWearableSleep(new DayInputs.Reading(4 + rnd.nextInt(50) / 10.0, "GARMIN", new UUID(7, ++id)));
      }
      List<DayInputs.Workout> workouts = new ArrayList<>();
      int count = rnd.nextInt(10) < 6 ? 1 : rnd.nextInt(10) < 7 ? 0 : 2;
      for (int k = 0; k < count; k++) {
        int minutes = 15 + rnd.nextInt(120);
        boolean rpe = phase == 0 || (phase == 3 && rnd.nextInt(3) > 0);
        boolean hr = phase == 1 || (phase == 3 && rnd.nextBoolean());
        UUID eventId = new UUID(7, ++id);
        workouts.add(new DayInputs.Workout(eventId, rnd.nextInt(5) == 0 ? "cycling" : "running",
            minutes * 60L + rnd.nextInt(60), rnd.nextInt(6) == 0 ? null : minutes * (150.0 + rnd.nextInt(80)),
            rpe ? 1 + rnd.nextInt(10) : null,
            hr ? Map.of(120 + rnd.nextInt(20), minutes * 30, 150 + rnd.nextInt(30), minutes * 30) : null,
            rnd.nextBoolean() ? minutes / (5.0 + rnd.nextInt(10)) : null, eventId));
      }
      day = day.withWorkouts(workouts);
      if (rnd.nextInt(25) == 0) {
        day = day.withLifeContext(rnd.nextBoolean(), rnd.nextBoolean());
      }
      days.put(d, day);
    }
    return new History("athlete-mixed-" + length, profile, days);
  }
}
