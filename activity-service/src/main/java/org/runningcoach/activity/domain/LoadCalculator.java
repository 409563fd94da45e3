package org.runningcoach.activity.domain;

import java.util.List;

/**
 * Loads of a workout.
 * <ul>
 * <li><b>sRPE</b> (Foster 2001) = RPE (CR-10) × moving minutes.</li>
 * <li><b>External</b> = distance and average pace.</li>
 * <li><b>Impact</b>, in "flat kilometres at 3 m/s": for foot sports, every moving kilometre counts
 * × (speed / 3 m/s) — ground reaction forces grow with speed — × (1 + 3 × downhill grade),
 * downhill grade capped at 30 % — eccentric braking on descents loads bones and tendons more.
 * Uphill counts as flat. Without samples (a JSON summary) the average speed and no grade are used.
 * Cycling, swimming, rowing and other non-foot sports have no impact load (0).</li>
 * </ul>
 */
public final class LoadCalculator {

  public static final double REFERENCE_SPEED_MPS = 3.0;
  public static final double DOWNHILL_FACTOR = 3.0;
  public static final double MAX_GRADE = 0.30;
  /** Grades over less than this horizontal distance are GPS noise. */
  static final double MIN_GRADE_DISTANCE_M = 5;

  private LoadCalculator() {}

  public static Loads compute(ParsedActivity a, Metrics m, Integer rpe) {
    double impact = ActivityFiles.FOOT_SPORTS.contains(a.sport()) ? impactFromSamples(a.samples(), a.pauses(), m) : 0.0;
    return new Loads(srpe(rpe, m.movingSeconds()), m.distanceMeters(), m.avgPaceSecondsPerKm(), round2(impact),
        m.hrSecondsByBpm());
  }

  public static Double srpe(Integer rpe, long movingSeconds) {
    return rpe == null ? null : Math.round(rpe * movingSeconds / 60.0 * 10) / 10.0;
  }

  /** Impact load when only totals are known. */
  public static double impactFromTotals(String sport, Double distanceMeters, long movingSeconds) {
    if (!ActivityFiles.FOOT_SPORTS.contains(sport) || distanceMeters == null || distanceMeters <= 0 || movingSeconds <= 0) {
      return 0.0;
    }
    double speed = distanceMeters / movingSeconds;
    return round2(distanceMeters / 1000 * speed / REFERENCE_SPEED_MPS);
  }

  private static double impactFromSamples(List<Sample> s, List<Pause> pauses, Metrics m) {
    double total = 0;
    boolean anyDistance = false;
    for (int i = 0; i + 1 < s.size(); i++) {
      Sample x = s.get(i);
      Sample y = s.get(i + 1);
      double dt = (y.time().toEpochMilli() - x.time().toEpochMilli()) / 1000.0;
      if (dt <= 0 || pauses.stream().anyMatch(p -> p.covers(x.time(), y.time()))) {
        continue;
      }
      Double dd = MetricsCalculator.intervalDistance(x, y);
      if (dd == null) {
        continue;
      }
      anyDistance = true;
      double speed = dd / dt;
      if (speed < MetricsCalculator.MOVING_SPEED_MPS) {
        continue;
      }
      double downhill = 0;
      if (dd >= MIN_GRADE_DISTANCE_M && x.altitude() != null && y.altitude() != null) {
        downhill = Math.min(MAX_GRADE, Math.max(0, (x.altitude() - y.altitude()) / dd));
      }
      total += dd / 1000 * (speed / REFERENCE_SPEED_MPS) * (1 + DOWNHILL_FACTOR * downhill);
    }
    return anyDistance ? total : impactFromTotals("running", m.distanceMeters(), m.movingSeconds());
  }

  static double round2(double v) {
    return Math.round(v * 100) / 100.0;
  }
}
