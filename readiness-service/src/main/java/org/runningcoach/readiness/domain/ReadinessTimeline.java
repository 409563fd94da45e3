package org.runningcoach.readiness.domain;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * The facts of many consecutive dates of one athlete from a single walk: the inputs are laid out
 * once in primitive arrays indexed by day, the load series is extended by one day per step with
 * its EWMAs carried (rebuilt only when the unit or the substitute rate of the chronic window
 * changes), and each window (baselines, 7- and 28-day sums, runs before, impact) is summed from
 * the arrays over the same values in the same order as {@link HistoryWindow}, so every number is
 * bit for bit the one a single-date {@link ReadinessEngine#compute} gives. Not thread-safe: one
 * walk at a time.
 */
final class ReadinessTimeline implements Window {

  private static final AthleteProfile.HrvMetric[] METRICS = AthleteProfile.HrvMetric.values();

  private final Thresholds t;
  private final AthleteProfile profile;
  private final long base;
  private final int length;
  private final DayInputs[] days;
  /** ln(HRV) by metric, NaN when absent or on a travel or sick day; likewise the other baseline series. */
  private final double[][] lnHrv;
  private final double[] restingHr;
  private final double[] sleep;
  private final double[][] answers;
  /** Workouts of day i are [workoutStart[i], workoutStart[i + 1]) in the flat per-workout arrays. */
  private final int[] workoutStart;
  private final double[] minutes;
  private final double[] impact;
  private final double[] srpe;
  private final double[] trimp;
  private final int[] runs;
  private final int[] runsWithoutDistance;
  private final double[] longestRunKm;
  private final double[] longestRunMinutes;
  private final int firstWorkout;
  private final boolean trimpPossible;

  // The load series as of the cursor, in the current unit.
  private final double[] load;
  private Loads.Unit unit;
  private double rate;
  private int substitutedBefore;
  private double acute;
  private double chronic;
  private int windowWorkouts;
  private int windowWithoutRpe;
  private int windowWithoutHr;
  private int allWorkouts;
  private int allWithoutRpe;
  private int allWithoutHr;
  private final SortedDoubles srpePerMinute = new SortedDoubles();
  private final SortedDoubles trimpPerMinute = new SortedDoubles();

  private int cursor;
  private LoadFacts loadFacts;
  private Moments hrvBaseline;
  private AthleteProfile.HrvMetric hrvBaselineMetric;
  private Moments restingHrBaseline;

  ReadinessTimeline(History h, LocalDate from, LocalDate to, Thresholds t) {
    this.t = t;
    this.profile = h.profile();
    Thresholds.Skeletal s = t.skeletal();
    int lookback = Math.max(Math.max(t.baselines().windowDays(), s.spikeLookbackDays()), Math.max(s.chronicDays(), 35)) + 7;
    LocalDate start = h.days().isEmpty() ? from : h.days().firstKey().isBefore(from) ? h.days().firstKey() : from;
    this.base = start.toEpochDay() - lookback;
    this.length = (int) (to.toEpochDay() - base) + 1;
    days = new DayInputs[length];
    lnHrv = new double[METRICS.length][length];
    restingHr = nanArray(length);
    sleep = nanArray(length);
    answers = new double[Window.CheckinItem.values().length][];
    for (int k = 0; k < answers.length; k++) {
      answers[k] = nanArray(length);
    }
    for (double[] a : lnHrv) {
      Arrays.fill(a, Double.NaN);
    }
    workoutStart = new int[length + 1];
    runs = new int[length];
    runsWithoutDistance = new int[length];
    longestRunKm = new double[length];
    longestRunMinutes = new double[length];
    int workoutCount = 0;
    for (DayInputs d : h.days().headMap(to, true).values()) {
      workoutCount += d.workouts().size();
    }
    minutes = new double[workoutCount];
    impact = new double[workoutCount];
    srpe = new double[workoutCount];
    trimp = new double[workoutCount];
    trimpPossible = profile.restingHr() != null && profile.maxHr() != null;
    int w = 0;
    int first = -1;
    for (int i = 0; i < length; i++) {
      LocalDate date = LocalDate.ofEpochDay(base + i);
      DayInputs d = h.days().get(date);
      days[i] = d == null ? DayInputs.empty(date) : d;
      workoutStart[i] = w;
      if (d == null) {
        continue;
      }
      if (!d.excludedFromBaselines()) {
        if (d.hrv() != null) {
          lnHrv[d.hrv().metric().ordinal()][i] = Math.log(d.hrv().valueMs());
        }
        if (d.restingHr() != null) {
          restingHr[i] = d.restingHr().value();
        }
        Double hours = ReadinessEngine.sleepHours(d);
        if (hours != null) {
          sleep[i] = hours;
        }
        DailyCheckin c = d.checkin();
        if (c != null) {
          answers[Window.CheckinItem.SORENESS.ordinal()][i] = c.soreness();
          answers[Window.CheckinItem.STRESS.ordinal()][i] = c.stress();
          answers[Window.CheckinItem.FATIGUE.ordinal()][i] = c.fatigue() == null ? Double.NaN : c.fatigue();
          answers[Window.CheckinItem.MOOD.ordinal()][i] = c.mood() == null ? Double.NaN : c.mood();
          answers[Window.CheckinItem.SLEEP_QUALITY.ordinal()][i] = c.sleepQuality() == null ? Double.NaN : c.sleepQuality();
        }
      }
      if (!d.workouts().isEmpty() && first < 0) {
        first = i;
      }
      longestRunKm[i] = Double.NEGATIVE_INFINITY;
      longestRunMinutes[i] = Double.NEGATIVE_INFINITY;
      for (DayInputs.Workout x : d.workouts()) {
        minutes[w] = x.minutes();
        impact[w] = x.impactLoad() == null ? Double.NaN : x.impactLoad();
        srpe[w] = x.rpe() == null ? Double.NaN : Loads.srpe(x.rpe(), x.minutes());
        trimp[w] = !trimpPossible || x.hrSecondsByBpm().isEmpty() ? Double.NaN
            : Loads.trimp(x.hrSecondsByBpm(), profile.restingHr(), profile.maxHr(), profile.sex());
        if (x.isRun()) {
          runs[i]++;
          if (x.distanceMeters() == null) {
            runsWithoutDistance[i]++;
          } else {
            longestRunKm[i] = Math.max(longestRunKm[i], x.distanceMeters() / 1000);
          }
          longestRunMinutes[i] = Math.max(longestRunMinutes[i], x.minutes());
        }
        w++;
      }
    }
    workoutStart[length] = w;
    firstWorkout = first;
    load = new double[length];
  }

  private static double[] nanArray(int n) {
    double[] a = new double[n];
    Arrays.fill(a, Double.NaN);
    return a;
  }

  /** Steps from the first workout (the load series starts there) to {@code to}, handing each date from {@code from} on. */
  void walk(LocalDate from, LocalDate to, Consumer<Window> each) {
    int fromIndex = (int) (from.toEpochDay() - base);
    int toIndex = (int) (to.toEpochDay() - base);
    int start = firstWorkout >= 0 && firstWorkout < fromIndex ? firstWorkout : fromIndex;
    for (int i = start; i <= toIndex; i++) {
      cursor = i;
      hrvBaseline = null;
      restingHrBaseline = null;
      loadFacts = firstWorkout >= 0 && i >= firstWorkout ? stepLoads(i, i >= fromIndex) : null;
      if (i >= fromIndex) {
        each.accept(this);
      }
    }
  }

  // ---------------------------------------------------------------- Window

  @Override
  public LocalDate date() {
    return days[cursor].date();
  }

  @Override
  public DayInputs day(int back) {
    return days[cursor - back];
  }

  @Override
  public Moments hrvBaseline(AthleteProfile.HrvMetric metric) {
    // Cardio and the score both ask for it: summed once per date.
    if (hrvBaseline == null || hrvBaselineMetric != metric) {
      hrvBaseline = moments(lnHrv[metric.ordinal()], cursor - t.baselines().windowDays(), cursor);
      hrvBaselineMetric = metric;
    }
    return hrvBaseline;
  }

  @Override
  public Moments hrvWeek(AthleteProfile.HrvMetric metric) {
    // The date first, then back: the order HistoryWindow adds them in.
    double[] v = lnHrv[metric.ordinal()];
    int n = 0;
    double sum = 0;
    for (int j = cursor; j > cursor - 7; j--) {
      if (v[j] == v[j]) {
        sum += v[j];
        n++;
      }
    }
    double mean = sum / n;
    double sd = 0;
    if (n >= 2) {
      double ss = 0;
      for (int j = cursor; j > cursor - 7; j--) {
        if (v[j] == v[j]) {
          ss += (v[j] - mean) * (v[j] - mean);
        }
      }
      sd = Math.sqrt(ss / (n - 1));
    }
    return new Moments(n, mean, sd);
  }

  @Override
  public Moments restingHrBaseline() {
    if (restingHrBaseline == null) {
      restingHrBaseline = moments(restingHr, cursor - t.baselines().windowDays(), cursor);
    }
    return restingHrBaseline;
  }

  @Override
  public Moments sleepBaseline() {
    return moments(sleep, cursor - t.baselines().windowDays(), cursor);
  }

  @Override
  public Moments checkinBaseline(CheckinItem item) {
    return moments(answers[item.ordinal()], cursor - t.baselines().windowDays(), cursor);
  }

  /** Stats.mean and Stats.sampleSd of the present (not NaN) values of {@code v[from..to)}, in index order. */
  private static Moments moments(double[] v, int from, int to) {
    int n = 0;
    double sum = 0;
    for (int j = from; j < to; j++) {
      double x = v[j];
      if (x == x) {
        sum += x;
        n++;
      }
    }
    double mean = sum / n;
    double sd = 0;
    if (n >= 2) {
      double ss = 0;
      for (int j = from; j < to; j++) {
        double x = v[j];
        if (x == x) {
          ss += (x - mean) * (x - mean);
        }
      }
      sd = Math.sqrt(ss / (n - 1));
    }
    return new Moments(n, mean, sd);
  }

  @Override
  public Volume volume() {
    int i = cursor;
    if (firstWorkout < 0 || firstWorkout > i - 34) {
      return null;
    }
    return new Volume(sum(minutes, workoutStart[i - 6], workoutStart[i + 1]),
        sum(minutes, workoutStart[i - 34], workoutStart[i - 6]));
  }

  private static double sum(double[] v, int from, int to) {
    double sum = 0;
    for (int j = from; j < to; j++) {
      sum += v[j];
    }
    return sum;
  }

  @Override
  public LoadFacts loads() {
    return loadFacts;
  }

  @Override
  public RunsBefore runsBefore() {
    int count = 0;
    int withoutDistance = 0;
    double km = Double.NEGATIVE_INFINITY;
    double min = Double.NEGATIVE_INFINITY;
    for (int j = cursor - t.skeletal().spikeLookbackDays(); j < cursor; j++) {
      if (runs[j] > 0) {
        count += runs[j];
        withoutDistance += runsWithoutDistance[j];
        km = Math.max(km, longestRunKm[j]);
        min = Math.max(min, longestRunMinutes[j]);
      }
    }
    return count == 0 ? new RunsBefore(0, true, 0, 0)
        : new RunsBefore(count, withoutDistance == 0, withoutDistance == 0 ? km : Double.NaN, min);
  }

  @Override
  public Double impact7d() {
    double sum = 0;
    boolean any = false;
    for (int j = workoutStart[cursor - 6]; j < workoutStart[cursor + 1]; j++) {
      if (impact[j] == impact[j]) {
        sum += impact[j];
        any = true;
      }
    }
    return any ? sum : null;
  }

  // ---------------------------------------------------------------- the load series

  /**
   * Takes day {@code i}'s workouts into the chronic-window and all-time counts, chooses the unit
   * as {@link Loads#series} does, and extends the series by one day when the earlier days keep
   * their values (same unit, and the same substitute rate if any of them was substituted);
   * otherwise rebuilds it from the first workout. Returns the date's facts when {@code wanted}.
   */
  private LoadFacts stepLoads(int i, boolean wanted) {
    Thresholds.Skeletal s = t.skeletal();
    for (int j = workoutStart[i]; j < workoutStart[i + 1]; j++) {
      windowWorkouts++;
      allWorkouts++;
      if (srpe[j] != srpe[j]) {
        windowWithoutRpe++;
        allWithoutRpe++;
      } else if (minutes[j] > 0) {
        srpePerMinute.add(srpe[j] / minutes[j]);
      }
      if (trimp[j] != trimp[j]) {
        windowWithoutHr++;
        allWithoutHr++;
      } else if (minutes[j] > 0) {
        trimpPerMinute.add(trimp[j] / minutes[j]);
      }
    }
    int leaving = i - s.chronicDays();
    if (leaving >= 0) {
      for (int j = workoutStart[leaving]; j < workoutStart[leaving + 1]; j++) {
        windowWorkouts--;
        if (srpe[j] != srpe[j]) {
          windowWithoutRpe--;
        }
        if (trimp[j] != trimp[j]) {
          windowWithoutHr--;
        }
      }
    }
    Loads.Unit today;
    if (windowWorkouts > 0 && windowWithoutRpe == 0) {
      today = Loads.Unit.SRPE;
    } else if (trimpPossible && windowWorkouts > 0 && windowWithoutHr == 0) {
      today = Loads.Unit.TRIMP;
    } else {
      today = Loads.Unit.MINUTES;
    }
    int substituted = switch (today) {
      case SRPE -> allWithoutRpe;
      case TRIMP -> allWithoutHr;
      case MINUTES -> 0;
    };
    double todayRate = switch (today) {
      case SRPE -> srpePerMinute.medianOr(1.0);
      case TRIMP -> trimpPerMinute.medianOr(1.0);
      case MINUTES -> 1.0;
    };
    boolean extend = i > firstWorkout && today == unit
        && (substitutedBefore == 0 || Double.compare(todayRate, rate) == 0);
    unit = today;
    rate = todayRate;
    substitutedBefore = substituted;
    double la = 2.0 / (s.acuteDays() + 1);
    double lc = 2.0 / (s.chronicDays() + 1);
    if (extend) {
      load[i] = dayLoad(i);
      acute = la * load[i] + (1 - la) * acute;
      chronic = lc * load[i] + (1 - lc) * chronic;
    } else {
      for (int k = firstWorkout; k <= i; k++) {
        load[k] = dayLoad(k);
      }
      acute = load[firstWorkout];
      chronic = acute;
      for (int k = firstWorkout + 1; k <= i; k++) {
        acute = la * load[k] + (1 - la) * acute;
        chronic = lc * load[k] + (1 - lc) * chronic;
      }
    }
    if (!wanted) {
      return null;
    }
    long span = i - firstWorkout + 1;
    double weekLoad = Arrays.stream(load, Math.max(firstWorkout, i - 6), i + 1).sum();
    double chronicWindowLoad = Arrays.stream(load, Math.max(firstWorkout, i + 1 - s.chronicDays()), i + 1).sum();
    Loads.Ratios ratios = null;
    double monotony = Double.NaN;
    if (span >= s.chronicDays() && chronicWindowLoad != 0) {
      int n = (int) span;
      double acuteMean = meanOf(n - s.acuteDays(), n);
      double chronicMean = meanOf(n - s.chronicDays(), n);
      double beforeAcuteMean = meanOf(n - s.chronicDays(), n - s.acuteDays());
      ratios = new Loads.Ratios(chronic == 0 ? 0 : acute / chronic, acute, chronic,
          chronicMean == 0 ? 0 : acuteMean / chronicMean, beforeAcuteMean == 0 ? 0 : acuteMean / beforeAcuteMean);
      monotony = Loads.monotony(load, Math.max(firstWorkout, i - 6), i + 1, s.monotonyCap());
    }
    return new LoadFacts(unit, substituted, allWorkouts, span, weekLoad, chronicWindowLoad, ratios, monotony);
  }

  /** The day's load in the current unit, a workout lacking it scaled from its minutes by the current rate. */
  private double dayLoad(int i) {
    double[] inUnit = unit == Loads.Unit.SRPE ? srpe : unit == Loads.Unit.TRIMP ? trimp : minutes;
    double sum = 0;
    for (int j = workoutStart[i]; j < workoutStart[i + 1]; j++) {
      double x = inUnit[j];
      sum += x == x ? x : minutes[j] * rate;
    }
    return sum;
  }

  /** Loads.ratios' meanOf over the series positions [from, to) counted from the first workout. */
  private double meanOf(int from, int to) {
    double sum = 0;
    for (int k = Math.max(0, from); k < to; k++) {
      sum += load[firstWorkout + k];
    }
    return sum / Math.max(1, to - from);
  }

  /** A growing multiset of doubles kept sorted (Double.compare order, as a sorted stream) for its median. */
  private static final class SortedDoubles {
    private double[] values = new double[16];
    private int size;

    void add(double v) {
      if (size == values.length) {
        values = Arrays.copyOf(values, size * 2);
      }
      int at = size;
      while (at > 0 && Double.compare(values[at - 1], v) > 0) {
        values[at] = values[at - 1];
        at--;
      }
      values[at] = v;
      size++;
    }

    double medianOr(double none) {
      if (size == 0) {
        return none;
      }
      return size % 2 == 1 ? values[size / 2] : (values[size / 2 - 1] + values[size / 2]) / 2;
    }
  }
}
