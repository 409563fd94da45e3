package org.runningcoach.activity.domain;

import java.util.List;

/**
 * RMSSD from beat-to-beat intervals. Beats outside 300–2000 ms (200–30 bpm) are artefacts and
 * dropped; a successive difference is used only between two kept, adjacent beats that differ by
 * at most 20 % (a larger jump is an ectopic or missed beat, not variability).
 */
public final class Hrv {

  public static final int MIN_RR_MS = 300;
  public static final int MAX_RR_MS = 2000;
  public static final double MAX_RELATIVE_CHANGE = 0.20;
  /** Fewer successive differences than this give no RMSSD. */
  public static final int MIN_DIFFERENCES = 2;

  private Hrv() {}

  public static Double rmssd(List<Integer> rrMs) {
    if (rrMs == null || rrMs.size() < MIN_DIFFERENCES + 1) {
      return null;
    }
    double sumSquares = 0;
    int count = 0;
    Integer previous = null;
    for (Integer rr : rrMs) {
      if (rr == null || rr < MIN_RR_MS || rr > MAX_RR_MS) {
        previous = null;
        continue;
      }
      if (previous != null && Math.abs(rr - previous) <= MAX_RELATIVE_CHANGE * previous) {
        double d = rr - previous;
        sumSquares += d * d;
        count++;
      }
      previous = rr;
    }
    return count < MIN_DIFFERENCES ? null : Math.round(Math.sqrt(sumSquares / count) * 10) / 10.0;
  }
}
