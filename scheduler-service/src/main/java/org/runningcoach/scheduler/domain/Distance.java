package org.runningcoach.scheduler.domain;

/**
 * Goal race distances with what a plan for each needs: taper length (Bosquet 2007: about two
 * weeks for the long races, one for the short ones), the fewest weeks a plan can have, the
 * least current volume to build from, and the longest long run worth doing.
 */
public enum Distance {
  FIVE_K(5.0, 1, 4, 5.0, 12.0),
  TEN_K(10.0, 1, 6, 8.0, 16.0),
  HALF(21.0975, 2, 8, 15.0, 22.0),
  MARATHON(42.195, 2, 12, 20.0, 35.0);

  /** Minutes per kilometre used to translate a volume given in minutes (easy running, 6:00/km). */
  public static final double EASY_MINUTES_PER_KM = 6.0;

  private final double km;
  private final int taperWeeks;
  private final int minWeeks;
  private final double minWeeklyKm;
  private final double maxLongRunKm;

  Distance(double km, int taperWeeks, int minWeeks, double minWeeklyKm, double maxLongRunKm) {
    this.km = km;
    this.taperWeeks = taperWeeks;
    this.minWeeks = minWeeks;
    this.minWeeklyKm = minWeeklyKm;
    this.maxLongRunKm = maxLongRunKm;
  }

  public double km() {
    return km;
  }

  public int taperWeeks() {
    return taperWeeks;
  }

  public int minWeeks() {
    return minWeeks;
  }

  public double minWeekly(VolumeUnit unit) {
    return unit == VolumeUnit.KM ? minWeeklyKm : minWeeklyKm * EASY_MINUTES_PER_KM;
  }

  public double maxLongRun(VolumeUnit unit) {
    return unit == VolumeUnit.KM ? maxLongRunKm : maxLongRunKm * EASY_MINUTES_PER_KM;
  }

  /** Peak weekly volume the plan builds towards at most (it may stop lower when time runs out). */
  public double peakCeiling(VolumeUnit unit) {
    double kmCeiling = switch (this) {
      case FIVE_K -> 50;
      case TEN_K -> 60;
      case HALF -> 75;
      case MARATHON -> 95;
    };
    return unit == VolumeUnit.KM ? kmCeiling : kmCeiling * EASY_MINUTES_PER_KM;
  }
}
