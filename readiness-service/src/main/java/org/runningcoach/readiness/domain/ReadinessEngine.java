package org.runningcoach.readiness.domain;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
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

/**
 * From an athlete's inputs to the BodyState of one local date. Pure: no clock, no I/O, no
 * configuration reads; the same inputs always give the same state.
 *
 * <p>This version judges the Neural system (sleep and stress, PRD §5.1 plus the Yellow band of
 * notes/science.md) and the soreness half of the Muscular system from the morning check-in.
 * Cardio (HRV, resting HR) and Skeletal (training load) report INSUFFICIENT_DATA until their
 * inputs exist; with two systems unknown the directive is never Push.
 */
public final class ReadinessEngine {

  public static final String ALGORITHM_VERSION = "readiness-0.1.0";

  private static final int RECOVER_MAX = 39;
  private static final int MAINTAIN_MIN = 40;
  private static final int MAINTAIN_MAX = 69;
  private static final int PUSH_MIN = 70;

  private final Thresholds thresholds;

  public ReadinessEngine(Thresholds thresholds) {
    this.thresholds = thresholds;
  }

  /**
   * @param checkins the athlete's check-ins, one per date (any dates; the rules pick the ones
   *     they need: the date itself and the two nights before it)
   */
  public BodyStateComputed compute(String athleteId, LocalDate date, Collection<DailyCheckin> checkins) {
    Map<LocalDate, DailyCheckin> byDate = new TreeMap<>();
    for (DailyCheckin c : checkins) {
      if (byDate.put(c.date(), c) != null) {
        throw new IllegalArgumentException("two check-ins for " + c.date() + "; pass the one that counts");
      }
    }
    Optional<DailyCheckin> today = Optional.ofNullable(byDate.get(date));
    List<DailyCheckin> nights = new ArrayList<>();
    for (int back = 2; back >= 0; back--) {
      Optional.ofNullable(byDate.get(date.minusDays(back))).ifPresent(nights::add);
    }

    Cardio cardio = new Cardio(Status.INSUFFICIENT_DATA, null, null, new Explanation("cardio.hrv-rhr", null,
        "No HRV or resting heart rate yet, so the heart is not judged.", List.of(), List.of(), List.of("hrv", "restingHr")));
    Skeletal skeletal = new Skeletal(Status.INSUFFICIENT_DATA, null, null, new Explanation("skeletal.acwr-ewma", null,
        "Fewer than 28 days of training load, so the acute:chronic ratio is not computed.", List.of(), List.of(),
        List.of("dailyLoad")));
    Neural neural = today.map(c -> neural(c, nights)).orElseGet(() -> new Neural(Status.INSUFFICIENT_DATA, null, null,
        new Explanation("neural.sleep-stress", neuralThreshold(), "No check-in for " + date + ": sleep and stress unknown.",
            List.of(), List.of(), List.of("sleepHours", "stress"))));
    Muscular muscular = today.map(this::muscular).orElseGet(() -> new Muscular(Status.INSUFFICIENT_DATA, null, null,
        new Explanation("muscular.soreness-volume", muscularThreshold(), "No check-in for " + date + ": soreness unknown.",
            List.of(), List.of(), List.of("soreness", "volume7d"))));

    List<Status> statuses = List.of(cardio.status(), muscular.status(), skeletal.status(), neural.status());
    Overall overall = overall(statuses, today);
    String note = coachNote(overall.directive(), muscular, neural, statuses);

    LinkedHashSet<UUID> causedBy = new LinkedHashSet<>();
    nights.forEach(n -> causedBy.add(n.eventId()));
    return new BodyStateComputed(athleteId, date, cardio, muscular, skeletal, neural, overall, note,
        ALGORITHM_VERSION, List.copyOf(causedBy));
  }

  private Neural neural(DailyCheckin today, List<DailyCheckin> nights) {
    Thresholds.Neural t = thresholds.neural();
    List<Input> inputs = new ArrayList<>();
    inputs.add(input("sleepHours", today.sleepHours(), "h", today));
    inputs.add(input("stress", today.stress(), "1-10", today));
    if (today.fatigue() != null) {
      inputs.add(input("fatigue", today.fatigue(), "1-10", today));
    }
    nights.stream().filter(n -> !n.date().equals(today.date()))
        .forEach(n -> inputs.add(input("sleepHours", n.sleepHours(), "h", n)));
    // The 3-night view needs at least two of the three nights; it says how many it used.
    Double mean = nights.size() >= 2 ? nights.stream().mapToDouble(DailyCheckin::sleepHours).average().orElseThrow() : null;
    List<Baseline> baselines = mean == null ? List.of()
        : List.of(new Baseline("sleepHoursNightlyMean", round1(mean), null, nights.size(),
            "mean of the last " + nights.size() + " nights"));
    List<String> missing = mean == null ? List.of("sleepHours of the two previous nights") : List.of();

    double sleep = today.sleepHours();
    int stress = today.stress();
    Status status;
    String summary;
    if (sleep < t.sleepRedBelowHours() || stress > t.stressRedAbove()) {
      status = Status.RED;
      summary = join(
          sleep < t.sleepRedBelowHours() ? "slept " + hours(sleep) + " (under " + hours(t.sleepRedBelowHours()) + ")" : null,
          stress > t.stressRedAbove() ? "stress " + stress + "/10 (above " + t.stressRedAbove() + ")" : null);
    } else if (sleep < t.sleepYellowBelowHours() || (mean != null && mean < t.sleepMeanYellowBelowHours())
        || stress >= t.stressYellowFrom()) {
      status = Status.YELLOW;
      summary = join(
          sleep < t.sleepYellowBelowHours() ? "slept " + hours(sleep) + " (under " + hours(t.sleepYellowBelowHours()) + ")" : null,
          mean != null && mean < t.sleepMeanYellowBelowHours()
              ? hours(mean) + " a night over the last " + nights.size() + " nights (under " + hours(t.sleepMeanYellowBelowHours()) + ")"
              : null,
          stress >= t.stressYellowFrom() ? "stress " + stress + "/10 (" + t.stressYellowFrom() + " or more)" : null);
    } else {
      status = Status.GREEN;
      summary = "slept " + hours(sleep) + " and stress " + stress + "/10: no neural warning";
    }
    double sleepScore = round1(100 * Math.min(1.0, sleep / t.sleepTargetHours()));
    double cnsFatigue = round1(100 * mean(scaleUp(stress), today.fatigue() == null ? null : scaleUp(today.fatigue())));
    return new Neural(status, cnsFatigue, sleepScore,
        new Explanation("neural.sleep-stress", neuralThreshold(), capitalise(summary) + ".", inputs, baselines, missing));
  }

  private Muscular muscular(DailyCheckin today) {
    Thresholds.Muscular t = thresholds.muscular();
    int soreness = today.soreness();
    Status status;
    String summary;
    if (soreness >= t.sorenessRedFrom()) {
      status = Status.RED;
      summary = "Soreness " + soreness + "/10 is at or above the Red threshold of " + t.sorenessRedFrom() + ".";
    } else if (soreness > t.sorenessYellowAbove()) {
      status = Status.YELLOW;
      summary = "Soreness " + soreness + "/10 is above the Yellow threshold of " + t.sorenessYellowAbove() + ".";
    } else {
      status = Status.GREEN;
      summary = "Soreness " + soreness + "/10 is at or below the Yellow threshold of " + t.sorenessYellowAbove()
          + "; 7-day volume is not known yet, so this rests on soreness alone.";
    }
    return new Muscular(status, round1(100 * scaleUp(soreness)), null,
        new Explanation("muscular.soreness-volume", muscularThreshold(), summary,
            List.of(input("soreness", soreness, "1-10", today)), List.of(), List.of("volume7d")));
  }

  /**
   * Statuses decide the directive; within its band the score follows how good the inputs are
   * (each scaled to 0–1, higher = better), so a worse input never raises it.
   */
  private Overall overall(List<Status> statuses, Optional<DailyCheckin> today) {
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
      reason = "Every system with data is Green.";
      low = PUSH_MIN;
      high = 100;
    }
    double goodness = today.map(this::goodness).orElse(0.5);
    int score = low + (int) Math.round(goodness * (high - low));
    return new Overall(score, directive, confidence, reason);
  }

  private double goodness(DailyCheckin c) {
    List<Double> parts = new ArrayList<>();
    parts.add(Math.min(1.0, c.sleepHours() / thresholds.neural().sleepTargetHours()));
    parts.add(1 - scaleUp(c.soreness()));
    parts.add(1 - scaleUp(c.stress()));
    if (c.sleepQuality() != null) {
      parts.add(scaleUp(c.sleepQuality()));
    }
    if (c.fatigue() != null) {
      parts.add(1 - scaleUp(c.fatigue()));
    }
    if (c.mood() != null) {
      parts.add(scaleUp(c.mood()));
    }
    return parts.stream().mapToDouble(Double::doubleValue).average().orElse(0.5);
  }

  private static String coachNote(Directive directive, Muscular muscular, Neural neural, List<Status> statuses) {
    List<String> fine = new ArrayList<>();
    List<String> notFine = new ArrayList<>();
    switch (muscular.status()) {
      case GREEN -> fine.add("legs are good");
      case YELLOW -> notFine.add("legs are sore");
      case RED -> notFine.add("legs are very sore");
      default -> { }
    }
    switch (neural.status()) {
      case GREEN -> fine.add("head is clear");
      case YELLOW -> notFine.add("CNS is tired");
      case RED -> notFine.add("CNS is fried");
      default -> { }
    }
    String state;
    if (fine.isEmpty() && notFine.isEmpty()) {
      state = "No check-in yet, so there is little to go on";
    } else if (notFine.isEmpty()) {
      state = capitalise(String.join(" and ", fine));
    } else if (fine.isEmpty()) {
      state = capitalise(String.join(" and ", notFine));
    } else {
      state = capitalise(String.join(" and ", fine)) + ", but " + String.join(" and ", notFine);
    }
    String advice = switch (directive) {
      case RECOVER -> "Rest or an easy 20–30 minutes only.";
      case MAINTAIN -> statuses.contains(Status.YELLOW)
          ? "Keep it easy today; skip anything hard."
          : "Not enough heart-rate and training-load data yet to say Push: run as planned, nothing harder.";
      case PUSH -> "Good day for the key session.";
    };
    return state + ". " + advice;
  }

  private String neuralThreshold() {
    Thresholds.Neural t = thresholds.neural();
    return String.format(Locale.ROOT,
        "Red: sleep < %s h or stress > %d; Yellow: sleep < %s h, nightly mean < %s h or stress >= %d",
        num(t.sleepRedBelowHours()), t.stressRedAbove(), num(t.sleepYellowBelowHours()),
        num(t.sleepMeanYellowBelowHours()), t.stressYellowFrom());
  }

  private String muscularThreshold() {
    Thresholds.Muscular t = thresholds.muscular();
    return "Red: soreness >= " + t.sorenessRedFrom() + "; Yellow: soreness > " + t.sorenessYellowAbove()
        + " (sorenessScore = soreness on 0-100, higher = more sore)";
  }

  private static Input input(String name, double value, String unit, DailyCheckin from) {
    return new Input(name, value, unit, from.source(), from.date());
  }

  /** 1–10 scale to 0–1. */
  private static double scaleUp(int value) {
    return (value - 1) / 9.0;
  }

  private static double mean(Double a, Double b) {
    return b == null ? a : (a + b) / 2;
  }

  private static double round1(double v) {
    return Math.round(v * 10) / 10.0;
  }

  private static String hours(double h) {
    return num(round1(h)) + " h";
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
