package org.runningcoach.readiness.domain;

import java.time.LocalDate;

/**
 * What the rules read around one date: the day and the few days before it, the athlete's own
 * baselines over the prior window, and the training-load facts. {@link ReadinessEngine#compute}
 * answers it from the history's map for one date; {@link ReadinessTimeline} answers it from
 * primitive arrays it walks once for a range of dates. Both must give the same numbers bit for
 * bit (the same values summed in the same order), so the rules that turn these facts into a
 * BodyState exist once.
 */
interface Window {

  LocalDate date();

  /** The inputs of {@code back} days before the date (0 = the date itself); empty when none. */
  DayInputs day(int back);

  /** ln(HRV) of the given metric over the prior baseline window, travel and sick days out. */
  Moments hrvBaseline(AthleteProfile.HrvMetric metric);

  /** ln(HRV) of the given metric on the date and the six days before it, travel and sick days out, the date first. */
  Moments hrvWeek(AthleteProfile.HrvMetric metric);

  Moments restingHrBaseline();

  /** Sleep hours (the wearable's night, else the check-in answer) over the prior baseline window. */
  Moments sleepBaseline();

  Moments checkinBaseline(CheckinItem item);

  /** Moving minutes of the last 7 days and of the 4 weeks before them; null before 5 weeks of workouts. */
  Volume volume();

  /** The load facts of the date; null when no workout happened on or before it. */
  LoadFacts loads();

  /** The runs of the previous {@code spikeLookbackDays} days (the date excluded). */
  RunsBefore runsBefore();

  /** The impact load of the last 7 days' workouts; null when none of them had one. */
  Double impact7d();

  /** A check-in answer with a personal baseline. */
  enum CheckinItem { SORENESS, STRESS, FATIGUE, MOOD, SLEEP_QUALITY }

  /** Count, mean and sample SD of a series, as {@link Stats#mean} and {@link Stats#sampleSd} give them. */
  record Moments(int n, double mean, double sd) {
    static Moments of(java.util.List<Double> values) {
      return new Moments(values.size(), Stats.mean(values), Stats.sampleSd(values));
    }
  }

  /** Sum of the moving minutes of the last 7 days and of the 28 days before them. */
  record Volume(double week, double fourWeeks) {}

  /**
   * The daily load series up to the date in one unit: how many days it spans, the sums of its
   * last 7 and last chronic-window days, the ratios and monotony (null / NaN until the chronic
   * window is full and holds some load).
   */
  record LoadFacts(Loads.Unit unit, int substituted, int workouts, long days, double weekLoad,
      double chronicWindowLoad, Loads.Ratios ratios, double monotony) {}

  /** How many runs, whether all had a distance, the longest by distance (km) and by minutes. */
  record RunsBefore(int count, boolean allHaveDistance, double longestKm, double longestMinutes) {}
}
