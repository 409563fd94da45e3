package org.runningcoach.readiness.domain;

/**
 * Every threshold the rules use, passed in (the domain reads no configuration). Defaults are in
 * {@code ReadinessConfig} and match DESIGN §5.1 and notes/science.md.
 */
public record Thresholds(Neural neural, Muscular muscular) {

  /**
   * Neural: Red when last night's sleep is under {@code sleepRedBelowHours} or stress is above
   * {@code stressRedAbove}; Yellow when last night is under {@code sleepYellowBelowHours}, the
   * 3-night mean is under {@code sleepMeanYellowBelowHours}, or stress is at least {@code stressYellowFrom}.
   */
  public record Neural(double sleepRedBelowHours, int stressRedAbove, double sleepYellowBelowHours,
      double sleepMeanYellowBelowHours, int stressYellowFrom, double sleepTargetHours) {}

  /** Muscular: Yellow when soreness is above {@code sorenessYellowAbove}; Red from {@code sorenessRedFrom}. */
  public record Muscular(int sorenessYellowAbove, int sorenessRedFrom) {}

  public static Thresholds defaults() {
    return new Thresholds(new Neural(5.0, 7, 6.5, 6.5, 6, 8.0), new Muscular(5, 8));
  }
}
