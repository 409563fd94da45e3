package org.runningcoach.readiness.domain;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * The facts around one date read straight from the history's map: simple and obviously right,
 * the reference that {@link ReadinessTimeline} is proven equal to. It rebuilds the load series
 * from all history, so one date costs time proportional to the history's length.
 */
final class HistoryWindow implements Window {

  private final History h;
  private final LocalDate date;
  private final Thresholds t;
  private final List<DayInputs> prior;

  HistoryWindow(History h, LocalDate date, Thresholds t) {
    this.h = h;
    this.date = date;
    this.t = t;
    this.prior = h.days().subMap(date.minusDays(t.baselines().windowDays()), true, date, false).values().stream()
        .filter(d -> !d.excludedFromBaselines()).toList();
  }

  @Override
  public LocalDate date() {
    return date;
  }

  @Override
  public DayInputs day(int back) {
    return h.day(date.minusDays(back));
  }

  @Override
  public Moments hrvBaseline(AthleteProfile.HrvMetric metric) {
    return Moments.of(prior.stream().filter(d -> d.hrv() != null && d.hrv().metric() == metric)
        .map(d -> Math.log(d.hrv().valueMs())).toList());
  }

  @Override
  public Moments hrvWeek(AthleteProfile.HrvMetric metric) {
    List<Double> week = new ArrayList<>();
    for (int back = 0; back < 7; back++) {
      DayInputs d = day(back);
      if (d.hrv() != null && d.hrv().metric() == metric && !d.excludedFromBaselines()) {
        week.add(Math.log(d.hrv().valueMs()));
      }
    }
    return Moments.of(week);
  }

  @Override
  public Moments restingHrBaseline() {
    return Moments.of(prior.stream().filter(d -> d.restingHr() != null).map(d -> d.restingHr().value()).toList());
  }

  @Override
  public Moments sleepBaseline() {
    return Moments.of(prior.stream().map(ReadinessEngine::sleepHours).filter(v -> v != null).toList());
  }

  @Override
  public Moments checkinBaseline(CheckinItem item) {
    Function<DailyCheckin, Integer> answer = switch (item) {
      case SORENESS -> DailyCheckin::soreness;
      case STRESS -> DailyCheckin::stress;
      case FATIGUE -> DailyCheckin::fatigue;
      case MOOD -> DailyCheckin::mood;
      case SLEEP_QUALITY -> DailyCheckin::sleepQuality;
    };
    return Moments.of(prior.stream().map(DayInputs::checkin).filter(x -> x != null).map(answer)
        .filter(x -> x != null).map(x -> (double) x).toList());
  }

  @Override
  public Volume volume() {
    LocalDate first = h.firstWorkoutDate();
    if (first == null || first.isAfter(date.minusDays(34))) {
      return null;
    }
    return new Volume(minutes(date.minusDays(6), date), minutes(date.minusDays(34), date.minusDays(7)));
  }

  private double minutes(LocalDate from, LocalDate to) {
    double sum = 0;
    for (DayInputs d : h.days().subMap(from, true, to, true).values()) {
      for (DayInputs.Workout w : d.workouts()) {
        sum += w.minutes();
      }
    }
    return sum;
  }

  @Override
  public LoadFacts loads() {
    LocalDate first = h.firstWorkoutDate();
    if (first == null || first.isAfter(date)) {
      return null;
    }
    Thresholds.Skeletal s = t.skeletal();
    Loads.Series series = Loads.series(h, date, s.chronicDays());
    long days = ChronoUnit.DAYS.between(first, date) + 1;
    double[] daily = Loads.dailyArray(series, first, date);
    double[] lastWeek = Arrays.copyOfRange(daily, Math.max(0, daily.length - 7), daily.length);
    double weekLoad = Arrays.stream(lastWeek).sum();
    double chronicWindowLoad = Arrays.stream(daily, Math.max(0, daily.length - s.chronicDays()), daily.length).sum();
    Loads.Ratios ratios = null;
    double monotony = Double.NaN;
    if (days >= s.chronicDays() && chronicWindowLoad != 0) {
      ratios = Loads.ratios(daily, s.acuteDays(), s.chronicDays(), true);
      monotony = Loads.monotony(lastWeek.length == 7 ? lastWeek : daily, s.monotonyCap());
    }
    return new LoadFacts(series.unit(), series.substituted(), series.workouts(), days, weekLoad, chronicWindowLoad,
        ratios, monotony);
  }

  @Override
  public RunsBefore runsBefore() {
    int lookback = t.skeletal().spikeLookbackDays();
    List<DayInputs.Workout> before = new ArrayList<>();
    h.days().subMap(date.minusDays(lookback), true, date, false).values()
        .forEach(d -> d.workouts().stream().filter(DayInputs.Workout::isRun).forEach(before::add));
    boolean allHaveDistance = before.stream().allMatch(w -> w.distanceMeters() != null);
    return new RunsBefore(before.size(), allHaveDistance,
        allHaveDistance ? before.stream().mapToDouble(w -> w.distanceMeters() / 1000).max().orElse(0) : Double.NaN,
        before.stream().mapToDouble(DayInputs.Workout::minutes).max().orElse(0));
  }

  @Override
  public Double impact7d() {
    double impact = 0;
    boolean anyImpact = false;
    for (DayInputs d : h.days().subMap(date.minusDays(6), true, date, true).values()) {
      for (DayInputs.Workout w : d.workouts()) {
        if (w.impactLoad() != null) {
          impact += w.impactLoad();
          anyImpact = true;
        }
      }
    }
    return anyImpact ? impact : null;
  }
}
