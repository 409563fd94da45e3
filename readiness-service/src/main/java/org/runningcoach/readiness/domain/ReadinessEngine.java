package org.runningcoach.readiness.domain;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.Locale;
import java.util.UUID;
import org.runningcoach.events.BodyStateComputed;
import org.runningcoach.events.BodyStateComputed.Baseline;
import org.runningcoach.events.BodyStateComputed.Cardio;
import org.runningcoach.events.BodyStateComputed.Directive;
import org.runningcoach.events.BodyStateComputed.Explanation;
import org.runningcoach.events.BodyStateComputed.Input;
import org.runningcoach.events.BodyStateComputed.Muscular;
import org.runningcoach.events.BodyStateComputed.Neural;
import org.runningcoach.events.BodyStateComputed.Overall;
import org.runningcoach.events.BodyStateComputed.Skeletal;
import org.runningcoach.events.BodyStateComputed.Status;
import org.runningcoach.readiness.domain.Window.LoadFacts;
import org.runningcoach.readiness.domain.Window.Moments;
import org.runningcoach.readiness.domain.Window.RunsBefore;
import org.runningcoach.readiness.domain.Window.Volume;

/**
 * From an athlete's history to the BodyState of one local date: four systems judged against the
 * athlete's own baselines, each with the inputs, baselines, rule and threshold that decided it,
 * then a directive, a score and a coach note. Pure: no clock, no I/O, no configuration reads; the
 * same history always gives the same state. The rules and their sources: DESIGN §5.1 and
 * notes/science.md.
 */
public final class ReadinessEngine {

  public static final String ALGORITHM_VERSION = "readiness-1.0.0";

  static final int RECOVER_MAX = 39;
  static final int MAINTAIN_MIN = 40;
  static final int MAINTAIN_MAX = 69;
  static final int PUSH_MIN = 70;
  /** causedBy names the inputs of the acute window: the date and the six days before it. */
  static final int CAUSED_BY_DAYS = 7;

  private final Thresholds t;
  // The threshold texts depend on the thresholds only: written once, not once per date.
  private final String cardioThreshold;
  private final String muscularThreshold;
  private final String skeletalThreshold;
  private final String neuralThreshold;

  public ReadinessEngine(Thresholds thresholds) {
    this.t = thresholds;
    this.cardioThreshold = cardioThreshold(t.cardio());
    this.muscularThreshold = muscularThreshold(t.muscular());
    this.skeletalThreshold = skeletalThreshold(t.skeletal());
    this.neuralThreshold = neuralThreshold(t.neural());
  }

  /** The BodyState of one date, its facts read straight from the history (cost grows with the history). */
  public BodyStateComputed compute(History h, LocalDate date) {
    return state(h.athleteId(), h.profile(), new HistoryWindow(h, date, t));
  }

  /**
   * The BodyState of every date from {@code from} to {@code to} inclusive, in date order, equal to
   * {@link #compute} for each date but from one pass over the history: the load series, its
   * EWMAs and the baseline windows are carried from one date to the next.
   */
  public List<BodyStateComputed> computeRange(History h, LocalDate from, LocalDate to) {
    if (to.isBefore(from)) {
      throw new IllegalArgumentException("to " + to + " is before from " + from);
    }
    List<BodyStateComputed> out = new ArrayList<>((int) ChronoUnit.DAYS.between(from, to) + 1);
    new ReadinessTimeline(h, from, to, t).walk(from, to, w -> out.add(state(h.athleteId(), h.profile(), w)));
    return out;
  }

  /**
   * The BodyStates of the given dates (any order, any gaps), equal to {@link #compute} for each,
   * from one pass from the earliest to the latest of them.
   */
  public NavigableMap<LocalDate, BodyStateComputed> computeDates(History h, Collection<LocalDate> dates) {
    TreeMap<LocalDate, BodyStateComputed> out = new TreeMap<>();
    if (dates.isEmpty()) {
      return out;
    }
    TreeSet<LocalDate> wanted = new TreeSet<>(dates);
    new ReadinessTimeline(h, wanted.first(), wanted.last(), t).walk(wanted.first(), wanted.last(), w -> {
      if (wanted.contains(w.date())) {
        out.put(w.date(), state(h.athleteId(), h.profile(), w));
      }
    });
    return out;
  }

  private BodyStateComputed state(String athleteId, AthleteProfile p, Window w) {
    DayInputs today = w.day(0);
    CardioResult cardio = cardio(p, w, today);
    Muscular muscular = muscular(w, today);
    SkeletalResult skeletal = skeletal(w, today);
    Neural neural = neural(w, today);

    List<Status> statuses = List.of(cardio.state.status(), muscular.status(), skeletal.state.status(), neural.status());
    Overall overall = overall(statuses, score(p, w, today, skeletal.acwr));
    String note = coachNote(overall.directive(), cardio, muscular, skeletal.state, neural, statuses);
    return new BodyStateComputed(athleteId, w.date(), cardio.state, muscular, skeletal.state, neural, overall, note,
        ALGORITHM_VERSION, causedBy(w));
  }

  // ---------------------------------------------------------------- cardio

  private record CardioResult(Cardio state, boolean possibleIllness) {}

  private CardioResult cardio(AthleteProfile p, Window win, DayInputs today) {
    Thresholds.Cardio c = t.cardio();
    List<Input> inputs = new ArrayList<>();
    List<Baseline> baselines = new ArrayList<>();
    List<String> missing = new ArrayList<>();
    List<String> findings = new ArrayList<>();

    Double z = null;
    String trend = null;
    DayInputs.HrvReading hrv = today.hrv();
    if (hrv == null) {
      missing.add("hrv");
    } else {
      String metric = hrv.metric().name();
      double ln = Math.log(hrv.valueMs());
      inputs.add(new Input("hrv" + capitalise(metric.toLowerCase(Locale.ROOT)), hrv.valueMs(), "ms", hrv.source(), today.date()));
      Moments own = win.hrvBaseline(hrv.metric());
      Double mean = null;
      Double sd = null;
      if (own.n() >= t.baselines().minDays() && own.sd() > 0) {
        mean = own.mean();
        sd = own.sd();
        baselines.add(new Baseline("ln" + metric, Stats.round(mean, 3), Stats.round(sd, 3), own.n(),
            "own " + t.baselines().windowDays() + "-day baseline, today, travel and sick days excluded"));
      } else if (p.hrvBaselineMs() != null && p.hrvBaselineMetric().name().equals(metric)) {
        mean = Math.log(p.hrvBaselineMs());
        sd = c.hrvPriorSdLn();
        baselines.add(new Baseline("ln" + metric, Stats.round(mean, 3), sd, own.n(),
            "profile prior (" + p.hrvBaselineMs() + " ms) with an assumed SD of " + sd + ": only " + own.n()
                + " of " + t.baselines().minDays() + " nights of own " + metric + " history"));
      } else {
        missing.add("hrv baseline (" + own.n() + " of " + t.baselines().minDays() + " nights of " + metric + ")");
      }
      if (mean != null) {
        z = (ln - mean) / sd;
        findings.add("ln(" + metric + ") " + Decimals.fixed(ln, 2) + " is " + Decimals.fixed(Math.abs(z), 1) + " SD "
            + (z < 0 ? "below" : "above") + " the baseline " + Decimals.fixed(mean, 2));
        Moments week = win.hrvWeek(hrv.metric());
        if (week.n() >= 3) {
          double diff = (week.mean() - mean) / sd;
          trend = diff < -c.trendSwcSd() ? "falling" : diff > c.trendSwcSd() ? "rising" : "stable";
          findings.add("7-day trend " + trend + " (" + week.n() + " nights, smallest worthwhile change ±"
              + num(c.trendSwcSd()) + " SD)");
        }
      }
    }

    Double delta = null;
    DayInputs.Reading rhr = today.restingHr();
    if (rhr == null) {
      missing.add("restingHr");
    } else {
      inputs.add(new Input("restingHr", rhr.value(), "bpm", rhr.source(), today.date()));
      Moments own = win.restingHrBaseline();
      Double mean = null;
      if (own.n() >= t.baselines().minDays()) {
        mean = own.mean();
        baselines.add(new Baseline("restingHr", Stats.round(mean, 1), Stats.round(own.sd(), 1), own.n(),
            "own " + t.baselines().windowDays() + "-day baseline, today, travel and sick days excluded"));
      } else if (p.restingHr() != null) {
        mean = p.restingHr().doubleValue();
        baselines.add(new Baseline("restingHr", mean, null, own.n(),
            "profile prior: only " + own.n() + " of " + t.baselines().minDays() + " days of own history"));
      } else {
        missing.add("restingHr baseline (" + own.n() + " of " + t.baselines().minDays() + " days)");
      }
      if (mean != null) {
        delta = rhr.value() - mean;
        findings.add("resting HR " + num(rhr.value()) + " bpm is " + Decimals.signed(delta, 1) + " bpm against the baseline "
            + Decimals.fixed(mean, 1));
      }
    }

    Status status;
    String rule;
    if (z == null && delta == null) {
      status = Status.INSUFFICIENT_DATA;
      rule = "cardio.hrv-rhr";
    } else if (z != null && (z < -c.hrvRedBelowSd() || (z < -c.hrvYellowBelowSd() && delta != null && delta >= c.rhrYellowAboveBpm()))) {
      status = Status.RED;
      rule = z < -c.hrvRedBelowSd() ? "cardio.hrv-below-2sd" : "cardio.hrv-below-1sd-with-rhr-up";
    } else if ((z != null && z < -c.hrvYellowBelowSd()) || (delta != null && delta >= c.rhrYellowAboveBpm())) {
      status = Status.YELLOW;
      rule = z != null && z < -c.hrvYellowBelowSd() ? "cardio.hrv-below-1sd" : "cardio.rhr-up";
    } else {
      status = Status.GREEN;
      rule = "cardio.hrv-rhr";
    }
    boolean illness = delta != null && delta >= c.rhrIllnessAboveBpm()
        && ((z != null && z < -c.hrvYellowBelowSd()) || "falling".equals(trend));
    String summary = status == Status.INSUFFICIENT_DATA
        ? "Not enough HRV or resting-HR data to judge the heart."
        : capitalise(String.join("; ", findings)) + ".";
    String threshold = cardioThreshold;
    return new CardioResult(new Cardio(status, z == null ? null : Stats.round(z, 2), delta == null ? null : Stats.round(delta, 1),
        new Explanation(rule, threshold, summary, inputs, baselines, missing)), illness);
  }

  // ---------------------------------------------------------------- muscular

  private Muscular muscular(Window win, DayInputs today) {
    Thresholds.Muscular m = t.muscular();
    List<Input> inputs = new ArrayList<>();
    List<Baseline> baselines = new ArrayList<>();
    List<String> missing = new ArrayList<>();
    List<String> findings = new ArrayList<>();
    LocalDate date = today.date();

    Integer soreness = today.checkin() == null ? null : today.checkin().soreness();
    if (soreness == null) {
      missing.add("soreness");
    } else {
      inputs.add(new Input("soreness", soreness, "1-10", today.checkin().source(), date));
      findings.add("soreness " + soreness + "/10");
    }
    // Volume: moving minutes of the last 7 days against the mean week of the 4 weeks before them.
    Double ratio = null;
    Volume volume = win.volume();
    if (volume != null) {
      double week = volume.week();
      double base = volume.fourWeeks() / 4;
      inputs.add(new Input("volume7d", Stats.round(week, 1), "min", "workouts", date));
      baselines.add(new Baseline("weeklyVolume", Stats.round(base, 1), null, 28, "mean week of the 4 weeks before the last 7 days"));
      if (base > 0) {
        ratio = Stats.round(week / base, 6);
        findings.add("7-day volume " + Decimals.fixed(week, 0) + " min is " + Decimals.fixed(ratio * 100, 0)
            + " % of the 4-week baseline " + Decimals.fixed(base, 0) + " min");
      } else {
        missing.add("volume7d (no training in the 4 baseline weeks)");
      }
    } else {
      missing.add("volume7d (needs 5 weeks of workouts)");
    }

    Status status;
    String rule;
    boolean soreY = soreness != null && soreness > m.sorenessYellowAbove();
    boolean volY = ratio != null && ratio > m.volumeYellowAbove();
    if (soreness == null && ratio == null) {
      status = Status.INSUFFICIENT_DATA;
      rule = "muscular.soreness-volume";
    } else if ((soreness != null && soreness >= m.sorenessRedFrom()) || (ratio != null && ratio > m.volumeRedAbove()) || (soreY && volY)) {
      status = Status.RED;
      rule = soreness != null && soreness >= m.sorenessRedFrom() ? "muscular.soreness-red"
          : ratio != null && ratio > m.volumeRedAbove() ? "muscular.volume-red" : "muscular.soreness-and-volume";
    } else if (soreY || volY) {
      status = Status.YELLOW;
      rule = soreY ? "muscular.soreness-yellow" : "muscular.volume-yellow";
    } else {
      status = Status.GREEN;
      rule = "muscular.soreness-volume";
    }
    String summary = status == Status.INSUFFICIENT_DATA ? "No soreness answer and not enough workout history."
        : capitalise(String.join("; ", findings)) + (ratio == null && soreness != null ? " (volume not known yet)." : ".");
    String threshold = muscularThreshold;
    return new Muscular(status, soreness == null ? null : Stats.round(100 * scale(soreness), 1),
        ratio == null ? null : Stats.round(ratio, 2), new Explanation(rule, threshold, summary, inputs, baselines, missing));
  }

  // ---------------------------------------------------------------- skeletal

  private record SkeletalResult(Skeletal state, Double acwr) {}

  private SkeletalResult skeletal(Window win, DayInputs today) {
    LocalDate date = today.date();
    Thresholds.Skeletal s = t.skeletal();
    List<Input> inputs = new ArrayList<>();
    List<Baseline> baselines = new ArrayList<>();
    List<String> missing = new ArrayList<>();
    List<String> findings = new ArrayList<>();
    Status acwrStatus = null;
    Status spikeStatus = null;
    String rule = "skeletal.acwr-ewma";
    Double acwr = null;

    LoadFacts series = win.loads();
    if (series != null) {
      long days = series.days();
      double weekLoad = series.weekLoad();
      inputs.add(new Input("load7d", Stats.round(weekLoad, 1), series.unit().label, "workouts", date));
      String unitNote = "unit: " + series.unit().label
          + (series.substituted() > 0 ? "; " + series.substituted() + " of " + series.workouts()
              + " workouts lacked it and were scaled from their minutes" : "");
      double chronicWindowLoad = series.chronicWindowLoad();
      if (days >= s.chronicDays() && chronicWindowLoad == 0) {
        missing.add("acwr (no training in the last " + s.chronicDays() + " days)");
      } else if (days >= s.chronicDays()) {
        Loads.Ratios r = series.ratios();
        acwr = Stats.round(r.ewma(), 6);
        baselines.add(new Baseline("chronicLoadEwma", Stats.round(r.ewmaChronic(), 1), null, (int) days,
            "EWMA λ = 2/(" + s.chronicDays() + "+1), seeded with the first daily load; " + unitNote));
        findings.add("acute:chronic " + Decimals.fixed(r.ewma(), 2) + " by EWMA (rolling uncoupled "
            + Decimals.fixed(r.rollingUncoupled(), 2) + ", coupled " + Decimals.fixed(r.rollingCoupled(), 2) + ")");
        acwrStatus = acwr > s.acwrRedAbove() ? Status.RED : acwr > s.acwrYellowAbove() ? Status.YELLOW : Status.GREEN;
        double monotony = series.monotony();
        findings.add("monotony " + Decimals.fixed(monotony, 2)
            + (monotony >= s.monotonyCritical() ? " (critical)" : monotony >= s.monotonyWarning() ? " (warning)" : "")
            + ", strain " + Decimals.fixed(weekLoad * monotony, 0));
      } else {
        missing.add("acwr (" + days + " of " + s.chronicDays() + " days of load history)");
      }
    } else {
      missing.add("dailyLoad");
    }

    // Session spike (Garmin-RUNSAFE): today's longest run against the longest of the previous 30 days.
    List<DayInputs.Workout> runsToday = today.workouts().stream().filter(DayInputs.Workout::isRun).toList();
    if (!runsToday.isEmpty()) {
      RunsBefore before = win.runsBefore();
      if (before.count() == 0) {
        missing.add("session spike (no run in the previous " + s.spikeLookbackDays() + " days)");
      } else {
        boolean byDistance = runsToday.stream().allMatch(w -> w.distanceMeters() != null) && before.allHaveDistance();
        double longest = runsToday.stream().mapToDouble(w -> byDistance ? w.distanceMeters() / 1000 : w.minutes()).max().orElse(0);
        double previous = byDistance ? before.longestKm() : before.longestMinutes();
        String unit = byDistance ? "km" : "min";
        inputs.add(new Input("longestRunToday", Stats.round(longest, 2), unit, "workouts", date));
        baselines.add(new Baseline("longestRun" + s.spikeLookbackDays() + "d", Stats.round(previous, 2), null,
            s.spikeLookbackDays(), "longest run of the previous " + s.spikeLookbackDays() + " days (" + unit + ")"));
        if (previous > 0) {
          double over = Stats.round(longest / previous - 1, 6);
          findings.add("today's run is " + Decimals.signed(over * 100, 0) + " % against the longest of the last "
              + s.spikeLookbackDays() + " days");
          spikeStatus = over > s.spikeRedAbove() ? Status.RED : over > s.spikeYellowAbove() ? Status.YELLOW : Status.GREEN;
        }
      }
    }

    Double impact = win.impact7d();
    Status status;
    if (acwrStatus == null && spikeStatus == null) {
      status = Status.INSUFFICIENT_DATA;
    } else {
      status = worst(acwrStatus, spikeStatus);
      if (spikeStatus != null && spikeStatus == status && status != Status.GREEN) {
        rule = "skeletal.session-spike";
      }
    }
    String summary = status == Status.INSUFFICIENT_DATA
        ? "Not enough training history: the acute:chronic ratio needs " + s.chronicDays() + " days of load."
        : capitalise(String.join("; ", findings)) + ".";
    String threshold = skeletalThreshold;
    return new SkeletalResult(new Skeletal(status, acwr == null ? null : Stats.round(acwr, 2),
        impact != null ? Stats.round(impact, 1) : null, new Explanation(rule, threshold, summary, inputs, baselines, missing)), acwr);
  }

  // ---------------------------------------------------------------- neural

  private record SleepValue(double hours, String source, LocalDate date) {}

  /** Measured sleep when a wearable reported the night, else the check-in answer. */
  static Double sleepHours(DayInputs d) {
    SleepValue v = sleep(d);
    return v == null ? null : v.hours();
  }

  /** Measured sleep when a wearable reported the night, else the check-in answer. */
  private static SleepValue sleep(DayInputs d) {
    if (d.wearableSleepHours() != null) {
      return new SleepValue(d.wearableSleepHours().value(), d.wearableSleepHours().source(), d.date());
    }
    return d.checkin() == null ? null : new SleepValue(d.checkin().sleepHours(), d.checkin().source(), d.date());
  }

  private Neural neural(Window win, DayInputs today) {
    Thresholds.Neural n = t.neural();
    List<Input> inputs = new ArrayList<>();
    List<Baseline> baselines = new ArrayList<>();
    List<String> missing = new ArrayList<>();
    SleepValue last = sleep(today);
    Integer stress = today.checkin() == null ? null : today.checkin().stress();
    Integer fatigue = today.checkin() == null ? null : today.checkin().fatigue();
    if (last != null) {
      inputs.add(new Input("sleepHours", last.hours(), "h", last.source(), last.date()));
    } else {
      missing.add("sleepHours");
    }
    if (stress != null) {
      inputs.add(new Input("stress", stress, "1-10", today.checkin().source(), today.date()));
    } else {
      missing.add("stress");
    }
    if (fatigue != null) {
      inputs.add(new Input("fatigue", fatigue, "1-10", today.checkin().source(), today.date()));
    }
    List<SleepValue> nights = new ArrayList<>();
    for (int back = 2; back >= 0; back--) {
      SleepValue v = sleep(win.day(back));
      if (v != null) {
        nights.add(v);
        if (back > 0) {
          inputs.add(new Input("sleepHours", v.hours(), "h", v.source(), v.date()));
        }
      }
    }
    // The 3-night view needs at least two of the three nights, one of them last night.
    Double mean = last != null && nights.size() >= 2 ? nights.stream().mapToDouble(SleepValue::hours).average().orElseThrow() : null;
    if (mean != null) {
      baselines.add(new Baseline("sleepHoursNightlyMean", Stats.round(mean, 1), null, nights.size(),
          "mean of the last " + nights.size() + " nights"));
    } else if (last != null) {
      missing.add("sleepHours of the two previous nights");
    }

    String threshold = neuralThreshold;
    if (last == null && stress == null) {
      return new Neural(Status.INSUFFICIENT_DATA, null, null, new Explanation("neural.sleep-stress", threshold,
          "No sleep or stress for " + today.date() + ".", inputs, baselines, missing));
    }
    Double sleepH = last == null ? null : last.hours();
    Status status;
    String summary;
    if ((sleepH != null && sleepH < n.sleepRedBelowHours()) || (stress != null && stress > n.stressRedAbove())) {
      status = Status.RED;
      summary = join(
          sleepH != null && sleepH < n.sleepRedBelowHours() ? "slept " + hours(sleepH) + " (under " + hours(n.sleepRedBelowHours()) + ")" : null,
          stress != null && stress > n.stressRedAbove() ? "stress " + stress + "/10 (above " + n.stressRedAbove() + ")" : null);
    } else if ((sleepH != null && sleepH < n.sleepYellowBelowHours()) || (mean != null && mean < n.sleepMeanYellowBelowHours())
        || (stress != null && stress >= n.stressYellowFrom())) {
      status = Status.YELLOW;
      summary = join(
          sleepH != null && sleepH < n.sleepYellowBelowHours() ? "slept " + hours(sleepH) + " (under " + hours(n.sleepYellowBelowHours()) + ")" : null,
          mean != null && mean < n.sleepMeanYellowBelowHours()
              ? hours(mean) + " a night over the last " + nights.size() + " nights (under " + hours(n.sleepMeanYellowBelowHours()) + ")"
              : null,
          stress != null && stress >= n.stressYellowFrom() ? "stress " + stress + "/10 (" + n.stressYellowFrom() + " or more)" : null);
    } else {
      status = Status.GREEN;
      summary = join(sleepH == null ? null : "slept " + hours(sleepH), stress == null ? null : "stress " + stress + "/10")
          + ": no neural warning";
    }
    Double sleepScore = sleepH == null ? null : Stats.round(100 * Math.min(1.0, sleepH / n.sleepTargetHours()), 1);
    Double cnsFatigue = stress == null ? null
        : Stats.round(100 * (fatigue == null ? scale(stress) : (scale(stress) + scale(fatigue)) / 2), 1);
    return new Neural(status, cnsFatigue, sleepScore,
        new Explanation("neural.sleep-stress", threshold, capitalise(summary) + ".", inputs, baselines, missing));
  }

  // ---------------------------------------------------------------- synthesis

  /**
   * How good today is for this athlete, 0–1: each input's deviation from their own baseline of
   * the prior 30 days (z-score, clamped to ±3, oriented so that higher is better), averaged.
   * Until 7 days of own history exist, an input is compared with the profile's life context or
   * a population anchor instead.
   */
  /** The score's inputs, and which were compared with the athlete's own history or with a prior. */
  private record Score(double goodness, String basis) {}

  private static final class Basis {
    final List<String> own = new ArrayList<>();
    final List<String> prior = new ArrayList<>();
  }

  private Score score(AthleteProfile p, Window win, DayInputs today, Double acwr) {
    List<Double> parts = new ArrayList<>();
    Basis basis = new Basis();
    DailyCheckin c = today.checkin();
    SleepValue sleep = sleep(today);
    if (sleep != null) {
      parts.add(part(basis, "sleep", p.sleepAvgHours() == null ? "a typical 7.5 h" : "your usual " + num(p.sleepAvgHours()) + " h (profile)",
          sleep.hours(), win.sleepBaseline(),
          p.sleepAvgHours() == null ? 7.5 : p.sleepAvgHours(), 1.0, true));
    }
    if (c != null) {
      parts.add(part(basis, "soreness", "a typical 3/10", c.soreness(), win.checkinBaseline(Window.CheckinItem.SORENESS), 3, 2, false));
      parts.add(part(basis, "stress", p.stressLevel() == null ? "a typical 5/10" : "your usual " + p.stressLevel() + "/10 (profile)",
          c.stress(), win.checkinBaseline(Window.CheckinItem.STRESS),
          p.stressLevel() == null ? 5 : p.stressLevel(), 2, false));
      if (c.fatigue() != null) {
        parts.add(part(basis, "fatigue", "a typical 5/10", c.fatigue(), win.checkinBaseline(Window.CheckinItem.FATIGUE), 5, 2, false));
      }
      if (c.mood() != null) {
        parts.add(part(basis, "mood", "a typical 6/10", c.mood(), win.checkinBaseline(Window.CheckinItem.MOOD), 6, 2, true));
      }
      if (c.sleepQuality() != null) {
        parts.add(part(basis, "sleep quality", "a typical 6/10", c.sleepQuality(),
            win.checkinBaseline(Window.CheckinItem.SLEEP_QUALITY), 6, 2, true));
      }
    }
    if (today.hrv() != null) {
      var metric = today.hrv().metric();
      Moments own = win.hrvBaseline(metric);
      boolean prior0 = p.hrvBaselineMs() != null && p.hrvBaselineMetric() == metric;
      if (own.n() >= t.baselines().minScoreDays() || prior0) {
        parts.add(part(basis, "HRV", prior0 ? "your HRV baseline (profile)" : "your recent nights",
            Math.log(today.hrv().valueMs()), own, prior0 ? Math.log(p.hrvBaselineMs()) : own.mean(),
            t.cardio().hrvPriorSdLn(), true));
      }
    }
    if (today.restingHr() != null) {
      Moments own = win.restingHrBaseline();
      if (own.n() >= t.baselines().minScoreDays() || p.restingHr() != null) {
        parts.add(part(basis, "resting HR", p.restingHr() != null ? "your resting HR (profile)" : "your recent days",
            today.restingHr().value(), own, p.restingHr() != null ? p.restingHr() : own.mean(), 3, false));
      }
    }
    if (acwr != null) {
      parts.add(toUnit(-(acwr - 1.0) / 0.25));
      basis.own.add("load ratio");
    }
    double goodness = parts.isEmpty() ? 0.5 : parts.stream().mapToDouble(Double::doubleValue).average().orElse(0.5);
    List<String> said = new ArrayList<>();
    if (!basis.own.isEmpty()) {
      said.add(String.join(", ", basis.own) + " against your own last " + t.baselines().windowDays() + " days");
    }
    if (!basis.prior.isEmpty()) {
      said.add(String.join(", ", basis.prior) + " until " + t.baselines().minScoreDays() + " days of your own history exist");
    }
    return new Score(goodness, said.isEmpty() ? "" : " Score: " + String.join("; ", said) + ".");
  }

  private double part(Basis basis, String name, String anchorLabel, double value, Moments own, double anchor,
      double spread, boolean higherIsBetter) {
    double z;
    if (own.n() >= t.baselines().minScoreDays()) {
      // An answer that never varied has no SD of its own: the typical spread stands in for it.
      double sd = own.sd() > 0 ? own.sd() : spread;
      z = (value - own.mean()) / sd;
      basis.own.add(name);
    } else {
      z = (value - anchor) / spread;
      basis.prior.add(name + " against " + anchorLabel);
    }
    return toUnit(higherIsBetter ? z : -z);
  }

  private static double toUnit(double z) {
    return (Math.max(-3, Math.min(3, z)) + 3) / 6;
  }

  private static Overall overall(List<Status> statuses, Score scored) {
    double goodness = scored.goodness();
    long insufficient = statuses.stream().filter(s -> s == Status.INSUFFICIENT_DATA).count();
    double confidence = (statuses.size() - insufficient) / (double) statuses.size();
    Directive directive;
    String reason;
    int low;
    int high;
    if (statuses.contains(Status.RED)) {
      directive = Directive.RECOVER;
      reason = "At least one system is Red.";
      low = 0;
      high = RECOVER_MAX;
    } else if (statuses.contains(Status.YELLOW)) {
      directive = Directive.MAINTAIN;
      reason = "At least one system is Yellow.";
      low = MAINTAIN_MIN;
      high = MAINTAIN_MAX;
    } else if (insufficient >= 2) {
      directive = Directive.MAINTAIN;
      reason = insufficient + " of 4 systems have insufficient data, so not Push.";
      low = MAINTAIN_MIN;
      high = MAINTAIN_MAX;
    } else {
      directive = Directive.PUSH;
      reason = insufficient == 0 ? "Every system is Green." : "Every system with data is Green.";
      low = PUSH_MIN;
      high = 100;
    }
    int score = low + (int) Math.round(goodness * (high - low));
    return new Overall(score, directive, confidence, reason + scored.basis());
  }

  private static String coachNote(Directive directive, CardioResult cardio, Muscular muscular, Skeletal skeletal,
      Neural neural, List<Status> statuses) {
    List<String> fine = new ArrayList<>();
    List<String> notFine = new ArrayList<>();
    describe(muscular.status(), "legs are good",
        muscular.explanation().rule().contains("volume") ? "legs carry a lot of recent volume" : "legs are sore",
        muscular.explanation().rule().contains("volume") ? "legs are overloaded" : "legs are very sore", fine, notFine);
    describe(cardio.state().status(), "heart is recovered", "heart shows fatigue", "heart is under strain", fine, notFine);
    describe(skeletal.status(), "load is in a safe range", "load is climbing fast", "load is spiking", fine, notFine);
    describe(neural.status(), "head is clear", "CNS is tired", "CNS is fried", fine, notFine);
    String state;
    if (fine.isEmpty() && notFine.isEmpty()) {
      state = "No data for today yet, so there is little to go on";
    } else if (notFine.isEmpty()) {
      state = capitalise(String.join(" and ", fine));
    } else if (fine.isEmpty()) {
      state = capitalise(String.join(" and ", notFine));
    } else {
      state = capitalise(String.join(" and ", fine)) + ", but " + String.join(" and ", notFine);
    }
    boolean bodyLoad = muscular.status() == Status.RED || skeletal.status() == Status.RED;
    boolean bodyTired = muscular.status() == Status.YELLOW || skeletal.status() == Status.YELLOW;
    String advice = switch (directive) {
      case RECOVER -> bodyLoad ? "Rest, or gentle cross-training with no running impact." : "Rest or an easy 20–30 minutes only.";
      case MAINTAIN -> statuses.contains(Status.YELLOW)
          ? (bodyTired ? "Run easy and shorter than planned." : "Easy run only; keep the intensity down.")
          : "Not enough heart-rate and training-load data yet to say Push: run as planned, nothing harder.";
      case PUSH -> "Good day for the key session.";
    };
    String illness = cardio.possibleIllness()
        ? " Resting HR is up and HRV is down together: you may be coming down with something, so watch for symptoms."
        : "";
    return state + "." + illness + " " + advice;
  }

  private static void describe(Status status, String green, String yellow, String red, List<String> fine, List<String> notFine) {
    switch (status) {
      case GREEN -> fine.add(green);
      case YELLOW -> notFine.add(yellow);
      case RED -> notFine.add(red);
      default -> { }
    }
  }

  // ---------------------------------------------------------------- threshold texts

  private static String cardioThreshold(Thresholds.Cardio c) {
    return String.format(Locale.ROOT,
        "Red: ln(HRV) < mean − %s SD, or < mean − %s SD with resting HR ≥ baseline + %s bpm; "
            + "Yellow: ln(HRV) < mean − %s SD or resting HR ≥ baseline + %s bpm (hrvScore = SD from baseline, rhrScore = bpm over baseline)",
        num(c.hrvRedBelowSd()), num(c.hrvYellowBelowSd()), num(c.rhrYellowAboveBpm()), num(c.hrvYellowBelowSd()),
        num(c.rhrYellowAboveBpm()));
  }

  private static String muscularThreshold(Thresholds.Muscular m) {
    return "Red: soreness ≥ " + m.sorenessRedFrom() + ", volume > " + pct(m.volumeRedAbove())
        + " of baseline, or both Yellow conditions; Yellow: soreness > " + m.sorenessYellowAbove() + " or volume > "
        + pct(m.volumeYellowAbove()) + " (sorenessScore = soreness on 0–100, volumeFatigue = 7-day volume ÷ baseline)";
  }

  private static String skeletalThreshold(Thresholds.Skeletal s) {
    return "Red: EWMA acute:chronic > " + num(s.acwrRedAbove()) + " or a run > " + pct(1 + s.spikeRedAbove())
        + " of the longest in " + s.spikeLookbackDays() + " days; Yellow: > " + num(s.acwrYellowAbove()) + " or > "
        + pct(1 + s.spikeYellowAbove()) + " (acwrScore = EWMA ratio, impactLoad = 7-day sum)";
  }

  private static String neuralThreshold(Thresholds.Neural n) {
    return String.format(Locale.ROOT,
        "Red: sleep < %s h or stress > %d; Yellow: sleep < %s h, nightly mean < %s h or stress ≥ %d"
            + " (sleepScore = sleep ÷ %s h on 0–100, cnsFatigue = stress and fatigue on 0–100)",
        num(n.sleepRedBelowHours()), n.stressRedAbove(), num(n.sleepYellowBelowHours()),
        num(n.sleepMeanYellowBelowHours()), n.stressYellowFrom(), num(n.sleepTargetHours()));
  }

  // ---------------------------------------------------------------- helpers

  private static List<UUID> causedBy(Window win) {
    List<UUID> ids = new ArrayList<>();
    for (int back = CAUSED_BY_DAYS - 1; back >= 0; back--) {
      DayInputs d = win.day(back);
      if (d.checkin() != null) {
        addOnce(ids, d.checkin().eventId());
      }
      if (d.hrv() != null) {
        addOnce(ids, d.hrv().eventId());
      }
      if (d.restingHr() != null) {
        addOnce(ids, d.restingHr().eventId());
      }
      if (d.wearableSleepHours() != null) {
        addOnce(ids, d.wearableSleepHours().eventId());
      }
      for (DayInputs.Workout w : d.workouts()) {
        addOnce(ids, w.eventId());
      }
    }
    return List.copyOf(ids);
  }

  /** First occurrences in order, no nulls: what a LinkedHashSet gives, without hashing a week's few dozen ids. */
  private static void addOnce(List<UUID> ids, UUID id) {
    if (id != null && !ids.contains(id)) {
      ids.add(id);
    }
  }

  private static Status worst(Status a, Status b) {
    if (a == null) {
      return b;
    }
    if (b == null) {
      return a;
    }
    return rank(a) >= rank(b) ? a : b;
  }

  private static int rank(Status s) {
    return switch (s) {
      case RED -> 3;
      case YELLOW -> 2;
      case GREEN -> 1;
      case INSUFFICIENT_DATA -> 0;
    };
  }

  /** 1–10 scale to 0–1. */
  private static double scale(int value) {
    return (value - 1) / 9.0;
  }

  private static String hours(double h) {
    return num(Stats.round(h, 1)) + " h";
  }

  private static String pct(double ratio) {
    return Math.round(ratio * 100) + " %";
  }

  private static String num(double v) {
    return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
  }

  private static String join(String... parts) {
    List<String> present = new ArrayList<>();
    for (String p : parts) {
      if (p != null) {
        present.add(p);
      }
    }
    return String.join(" and ", present);
  }

  private static String capitalise(String s) {
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }
}
