package org.runningcoach.readiness.domain;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Training load: session RPE (Foster 2001), Banister TRIMP summed per sample, the daily load
 * series in one unit per athlete, the EWMA and rolling acute:chronic ratios, and monotony.
 */
public final class Loads {

  private Loads() {}

  /** The unit every ratio of an athlete uses, chosen over the chronic window. */
  public enum Unit {
    SRPE("AU (session RPE × minutes)"),
    TRIMP("Banister TRIMP"),
    MINUTES("minutes of training");

    public final String label;

    Unit(String label) {
      this.label = label;
    }
  }

  /** Session RPE load: CR-10 RPE × minutes. */
  public static double srpe(int rpe, double minutes) {
    return rpe * minutes;
  }

  /**
   * Banister TRIMP summed over the seconds spent at each heart rate: minutes × ΔHR × k·e^(b·ΔHR),
   * ΔHR = (HR − rest)/(max − rest) clamped to [0, 1]; k, b = 0.64, 1.92 (men) or 0.86, 1.67
   * (women; we pin 0.86). Unknown sex uses Banister's original (men's) coefficients.
   */
  public static double trimp(Map<Integer, Integer> secondsByBpm, int restHr, int maxHr, AthleteProfile.Sex sex) {
    boolean female = sex == AthleteProfile.Sex.FEMALE;
    double k = female ? 0.86 : 0.64;
    double b = female ? 1.67 : 1.92;
    double sum = 0;
    for (var e : secondsByBpm.entrySet()) {
      double delta = Math.max(0, Math.min(1, (e.getKey() - restHr) / (double) (maxHr - restHr)));
      sum += (e.getValue() / 60.0) * delta * k * Math.exp(b * delta);
    }
    return sum;
  }

  /** The daily loads of a history in one unit, with how many workouts needed a substitute. */
  public record Series(Unit unit, NavigableMap<LocalDate, Double> daily, int substituted, int workouts) {
    public double on(LocalDate date) {
      return daily.getOrDefault(date, 0.0);
    }
  }

  /**
   * One unit for all of an athlete's ratios: session RPE when every workout in the chronic window
   * (ending on {@code date}) has an RPE; else TRIMP when every one has heart rate and the profile
   * gives resting and maximum HR; else minutes. Older workouts lacking the unit's data are
   * substituted by their minutes × the median unit-per-minute of the workouts that have it.
   */
  public static Series series(History history, LocalDate date, int chronicDays) {
    AthleteProfile p = history.profile();
    List<DayInputs.Workout> window = new ArrayList<>();
    List<DayInputs.Workout> all = new ArrayList<>();
    for (DayInputs day : history.days().headMap(date, true).values()) {
      all.addAll(day.workouts());
      if (!day.date().isBefore(date.minusDays(chronicDays - 1L))) {
        window.addAll(day.workouts());
      }
    }
    boolean trimpPossible = p.restingHr() != null && p.maxHr() != null;
    Unit unit;
    if (!window.isEmpty() && window.stream().allMatch(w -> w.rpe() != null)) {
      unit = Unit.SRPE;
    } else if (trimpPossible && !window.isEmpty() && window.stream().allMatch(w -> !w.hrSecondsByBpm().isEmpty())) {
      unit = Unit.TRIMP;
    } else {
      unit = Unit.MINUTES;
    }
    List<Double> perMinute = new ArrayList<>();
    for (DayInputs.Workout w : all) {
      Double load = load(w, unit, p);
      if (load != null && w.minutes() > 0) {
        perMinute.add(load / w.minutes());
      }
    }
    double substituteRate = perMinute.isEmpty() ? 1.0 : Stats.median(perMinute);
    TreeMap<LocalDate, Double> daily = new TreeMap<>();
    int substituted = 0;
    for (DayInputs day : history.days().headMap(date, true).values()) {
      double sum = 0;
      for (DayInputs.Workout w : day.workouts()) {
        Double load = load(w, unit, p);
        if (load == null) {
          load = w.minutes() * substituteRate;
          substituted++;
        }
        sum += load;
      }
      if (!day.workouts().isEmpty()) {
        daily.put(day.date(), sum);
      }
    }
    return new Series(unit, daily, substituted, all.size());
  }

  private static Double load(DayInputs.Workout w, Unit unit, AthleteProfile p) {
    return switch (unit) {
      case SRPE -> w.rpe() == null ? null : srpe(w.rpe(), w.minutes());
      case TRIMP -> w.hrSecondsByBpm().isEmpty() || p.restingHr() == null || p.maxHr() == null
          ? null : trimp(w.hrSecondsByBpm(), p.restingHr(), p.maxHr(), p.sex());
      case MINUTES -> w.minutes();
    };
  }

  /** The acute:chronic ratios on a date, from the daily loads since {@code start} (rest days count as 0). */
  public record Ratios(double ewma, double ewmaAcute, double ewmaChronic, double rollingCoupled, double rollingUncoupled) {}

  /**
   * EWMA (Williams et al. 2017): λ = 2/(N+1), seeded with the first daily load (or 0 when {@code
   * seedWithFirst} is false); rolling: the acute-window mean over the chronic-window mean
   * (coupled) or over the days before the acute window (uncoupled).
   */
  public static Ratios ratios(double[] dailyLoads, int acuteDays, int chronicDays, boolean seedWithFirst) {
    double la = 2.0 / (acuteDays + 1);
    double lc = 2.0 / (chronicDays + 1);
    double acute = seedWithFirst ? dailyLoads[0] : 0;
    double chronic = acute;
    for (int i = seedWithFirst ? 1 : 0; i < dailyLoads.length; i++) {
      acute = la * dailyLoads[i] + (1 - la) * acute;
      chronic = lc * dailyLoads[i] + (1 - lc) * chronic;
    }
    int n = dailyLoads.length;
    double acuteMean = meanOf(dailyLoads, n - acuteDays, n);
    double chronicMean = meanOf(dailyLoads, n - chronicDays, n);
    double beforeAcuteMean = meanOf(dailyLoads, n - chronicDays, n - acuteDays);
    return new Ratios(chronic == 0 ? 0 : acute / chronic, acute, chronic,
        chronicMean == 0 ? 0 : acuteMean / chronicMean, beforeAcuteMean == 0 ? 0 : acuteMean / beforeAcuteMean);
  }

  /** Daily loads from {@code start} to {@code end} inclusive, 0 on days without training. */
  public static double[] dailyArray(Series series, LocalDate start, LocalDate end) {
    int n = (int) (end.toEpochDay() - start.toEpochDay()) + 1;
    double[] out = new double[n];
    for (var e : series.daily().subMap(start, true, end, true).entrySet()) {
      out[(int) (e.getKey().toEpochDay() - start.toEpochDay())] = e.getValue();
    }
    return out;
  }

  /**
   * Monotony (Foster 1998) = mean daily load / population SD over the last 7 days, rest days as
   * 0; an SD of 0 with training caps it at {@code cap}; no training gives 0.
   */
  public static double monotony(double[] lastSevenDays, double cap) {
    return monotony(lastSevenDays, 0, lastSevenDays.length, cap);
  }

  /** {@link #monotony(double[], double)} of {@code loads[from..to)}, without copying them. */
  static double monotony(double[] loads, int from, int to, double cap) {
    double mean = Stats.mean(loads, from, to);
    double sd = Stats.populationSd(loads, from, to);
    if (mean == 0) {
      return 0;
    }
    return sd == 0 ? cap : Math.min(cap, mean / sd);
  }

  private static double meanOf(double[] values, int from, int to) {
    double sum = 0;
    for (int i = Math.max(0, from); i < to; i++) {
      sum += values[i];
    }
    return sum / Math.max(1, to - from);
  }
}
