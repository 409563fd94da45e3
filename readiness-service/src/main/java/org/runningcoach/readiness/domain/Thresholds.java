package org.runningcoach.readiness.domain;

/**
 * Every threshold and window the rules use, passed in (the domain reads no configuration).
 * Defaults are in {@code ReadinessConfig} and match DESIGN §5.1 and notes/science.md.
 */
public record Thresholds(Neural neural, Muscular muscular, Cardio cardio, Skeletal skeletal, Baselines baselines) {

  /**
   * Neural: Red when last night's sleep is under {@code sleepRedBelowHours} or stress is above
   * {@code stressRedAbove}; Yellow when last night is under {@code sleepYellowBelowHours}, the
   * 3-night mean is under {@code sleepMeanYellowBelowHours}, or stress is at least {@code stressYellowFrom}.
   */
  public record Neural(double sleepRedBelowHours, int stressRedAbove, double sleepYellowBelowHours,
      double sleepMeanYellowBelowHours, int stressYellowFrom, double sleepTargetHours) {}

  /**
   * Muscular: Yellow when soreness is above {@code sorenessYellowAbove} or the 7-day volume is
   * above {@code volumeYellowAbove} × its 4-week baseline; Red from {@code sorenessRedFrom},
   * above {@code volumeRedAbove} × baseline, or both Yellow conditions at once.
   */
  public record Muscular(int sorenessYellowAbove, int sorenessRedFrom, double volumeYellowAbove, double volumeRedAbove) {}

  /**
   * Cardio: ln(HRV) below baseline mean − {@code hrvYellowBelowSd} SD → Yellow; below − {@code
   * hrvRedBelowSd} SD, or below − {@code hrvYellowBelowSd} SD with resting HR at least {@code
   * rhrYellowAboveBpm} over baseline → Red; resting HR at least {@code rhrYellowAboveBpm} over
   * baseline → Yellow. {@code hrvPriorSdLn} is the SD assumed around a profile prior.
   */
  public record Cardio(double hrvYellowBelowSd, double hrvRedBelowSd, double rhrYellowAboveBpm,
      double rhrIllnessAboveBpm, double hrvPriorSdLn, double trendSwcSd) {}

  /**
   * Skeletal: EWMA acute:chronic ratio above {@code acwrYellowAbove} → Yellow, above {@code
   * acwrRedAbove} → Red (needs {@code chronicDays} of load history); a run longer than the longest
   * of the previous {@code spikeLookbackDays} days by more than {@code spikeYellowAbove} →
   * Yellow, by more than {@code spikeRedAbove} → Red.
   */
  public record Skeletal(double acwrYellowAbove, double acwrRedAbove, int acuteDays, int chronicDays,
      double spikeYellowAbove, double spikeRedAbove, int spikeLookbackDays, double monotonyWarning,
      double monotonyCritical, double monotonyCap) {}

  /** Personal baselines: the prior {@code windowDays} days, valid from {@code minDays} values. */
  public record Baselines(int windowDays, int minDays, int minScoreDays) {}

  public static Thresholds defaults() {
    return new Thresholds(
        new Neural(5.0, 7, 6.5, 6.5, 6, 8.0),
        new Muscular(5, 8, 1.2, 1.5),
        new Cardio(1.0, 2.0, 5.0, 3.0, 0.25, 0.5),
        new Skeletal(1.3, 1.5, 7, 28, 0.10, 0.30, 30, 1.5, 2.0, 10.0),
        new Baselines(30, 14, 7));
  }
}
