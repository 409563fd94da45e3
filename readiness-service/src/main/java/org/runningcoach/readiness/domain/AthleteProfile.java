package org.runningcoach.readiness.domain;

/**
 * What the athlete told us about themselves. The baselines ({@code restingHr}, {@code hrvBaselineMs},
 * {@code maxHr}) and life context ({@code stressLevel}, {@code sleepAvgHours}) are priors: the
 * rules use them only until the athlete's own history is long enough, and say so.
 *
 * @param hrvBaselineMetric which HRV measure {@code hrvBaselineMs} is (RMSSD or SDNN); a prior is
 *     never used for the other measure
 */
public record AthleteProfile(
    Sex sex,
    Integer restingHr,
    Integer maxHr,
    Double hrvBaselineMs,
    HrvMetric hrvBaselineMetric,
    TravelFrequency travelFrequency,
    Integer stressLevel,
    Double sleepAvgHours) {

  public enum Sex { FEMALE, MALE }

  public enum HrvMetric { RMSSD, SDNN }

  public enum TravelFrequency { RARELY, MONTHLY, WEEKLY }

  public static AthleteProfile unknown() {
    return new AthleteProfile(null, null, null, null, null, null, null, null);
  }

  public AthleteProfile {
    if (restingHr != null && (restingHr < 25 || restingHr > 220)) {
      throw new IllegalArgumentException("restingHr must be between 25 and 220 bpm, was " + restingHr);
    }
    if (maxHr != null && (maxHr < 100 || maxHr > 250)) {
      throw new IllegalArgumentException("maxHr must be between 100 and 250 bpm, was " + maxHr);
    }
    if (restingHr != null && maxHr != null && maxHr <= restingHr) {
      throw new IllegalArgumentException("maxHr must be above restingHr");
    }
    if (hrvBaselineMs != null && (!(hrvBaselineMs > 0) || hrvBaselineMs > 300)) {
      throw new IllegalArgumentException("hrvBaselineMs must be above 0 and at most 300 ms, was " + hrvBaselineMs);
    }
    if (hrvBaselineMs != null && hrvBaselineMetric == null) {
      throw new IllegalArgumentException("hrvBaselineMetric is required with hrvBaselineMs (RMSSD or SDNN)");
    }
    if (stressLevel != null && (stressLevel < 1 || stressLevel > 10)) {
      throw new IllegalArgumentException("stressLevel must be between 1 and 10, was " + stressLevel);
    }
    if (sleepAvgHours != null && !(sleepAvgHours >= 0 && sleepAvgHours <= 24)) {
      throw new IllegalArgumentException("sleepAvgHours must be between 0 and 24, was " + sleepAvgHours);
    }
  }
}
