package org.runningcoach.activity.domain;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Derives a workout's metrics from its samples. Between two consecutive samples the values of the
 * first hold (a step function), the way devices record "smart" (on change) samples.
 * <ul>
 * <li>An interval is <em>active</em> unless the timer was paused over most of it or it is a gap
 * longer than {@value #MAX_GAP_SECONDS} s over which the athlete did not cover ground (smart recording
 * may write a steady run sparsely; a silent watch at a standstill is not training).</li>
 * <li>An active interval is <em>moving</em> when its speed is at least {@value #MOVING_SPEED_MPS} m/s
 * (from distance, else the recorded speed); with neither, every active interval counts.</li>
 * <li>Device totals (elapsed, timer, distance, ascent, descent) win when the file has them; heart
 * rate is always computed from the samples, so average and histogram agree.</li>
 * <li>Elevation from samples uses a {@value #ELEVATION_HYSTERESIS_M} m hysteresis, so GPS noise on
 * the flat does not add up to a climb.</li>
 * </ul>
 */
public final class MetricsCalculator {

  public static final double MAX_GAP_SECONDS = 60;
  public static final double MOVING_SPEED_MPS = 0.5;
  public static final double ELEVATION_HYSTERESIS_M = 5;
  /**
   * The longest workout a file may cover: 48 h, the same as a typed summary. A 100-mile trail race
   * (cut-offs 30–46.5 h) fits; anything longer is a watch left recording, whose load would be wrong.
   */
  public static final long MAX_ELAPSED_SECONDS = 172_800;

  private MetricsCalculator() {}

  public static Metrics compute(ParsedActivity a) {
    List<Sample> s = a.samples();
    int n = s.size();
    DeviceSummary sum = a.summary();
    double active = 0;
    double moving = 0;
    double movingDistance = 0;
    Map<Integer, Double> hrSeconds = new TreeMap<>();
    double cadenceSum = 0;
    double cadenceTime = 0;
    double powerSum = 0;
    double powerTime = 0;
    double gctSum = 0;
    double gctTime = 0;
    double voSum = 0;
    double voTime = 0;
    for (int i = 0; i + 1 < n; i++) {
      Sample x = s.get(i);
      Sample y = s.get(i + 1);
      double dt = Duration.between(x.time(), y.time()).toMillis() / 1000.0;
      if (dt <= 0 || paused(a.pauses(), x, y)) {
        continue;
      }
      Double dd = intervalDistance(x, y);
      boolean isMoving = dd != null ? dd / dt >= MOVING_SPEED_MPS
          : x.speed() == null || x.speed() >= MOVING_SPEED_MPS;
      if (dt > MAX_GAP_SECONDS && (dd == null || !isMoving)) {
        continue; // a long silence without covered ground: the recording stopped, not the athlete
      }
      active += dt;
      if (x.hr() != null) {
        hrSeconds.merge(x.hr(), dt, Double::sum);
      }
      if (!isMoving) {
        continue;
      }
      moving += dt;
      movingDistance += dd == null ? 0 : dd;
      if (x.cadence() != null && x.cadence() > 0) {
        cadenceSum += x.cadence() * dt;
        cadenceTime += dt;
      }
      if (x.power() != null && x.power() > 0) {
        powerSum += x.power() * dt;
        powerTime += dt;
      }
      if (x.groundContactMs() != null) {
        gctSum += x.groundContactMs() * dt;
        gctTime += dt;
      }
      if (x.verticalOscillationMm() != null) {
        voSum += x.verticalOscillationMm() * dt;
        voTime += dt;
      }
    }

    long elapsed = sum.elapsedSeconds() != null ? Math.round(sum.elapsedSeconds())
        : n >= 2 ? Math.round(Duration.between(s.get(0).time(), s.get(n - 1).time()).toMillis() / 1000.0) : 0;
    long timer = sum.timerSeconds() != null ? Math.round(sum.timerSeconds()) : Math.round(active);
    if (sum.elapsedSeconds() == null) {
      elapsed = Math.max(elapsed, timer); // samples end when the last one was written, the timer a moment later
    }
    if (elapsed > MAX_ELAPSED_SECONDS) {
      throw new InvalidActivityFile(String.format("The file covers %.1f hours; a workout is at most %d hours (a 100-mile "
          + "race fits). A longer recording is usually a watch left running: trim or split it, or send a summary",
          elapsed / 3600.0, MAX_ELAPSED_SECONDS / 3600));
    }
    long movingSeconds = n >= 2 ? Math.min(Math.round(moving), timer) : timer;

    Double distance = sum.distanceMeters();
    if (distance == null) {
      Double last = null;
      for (int i = n - 1; i >= 0 && last == null; i--) {
        last = s.get(i).distance();
      }
      distance = last != null ? last : (movingDistance > 0 ? movingDistance : null);
    }

    SortedMap<Integer, Integer> histogram = new TreeMap<>();
    double weighted = 0;
    double seconds = 0;
    for (var e : hrSeconds.entrySet()) {
      weighted += e.getKey() * e.getValue();
      seconds += e.getValue();
      int whole = (int) Math.round(e.getValue());
      if (whole > 0) {
        histogram.put(e.getKey(), whole);
      }
    }
    Integer avgHr = seconds > 0 ? Integer.valueOf((int) Math.round(weighted / seconds)) : sum.avgHr();
    Integer maxHr = s.stream().map(Sample::hr).filter(h -> h != null).max(Integer::compare).orElse(sum.maxHr());

    double[] elevation = elevation(s);
    Double gain = sum.ascentMeters() != null ? sum.ascentMeters() : (Double.isNaN(elevation[0]) ? null : elevation[0]);
    Double loss = sum.descentMeters() != null ? sum.descentMeters() : (Double.isNaN(elevation[1]) ? null : elevation[1]);

    Double pace = distance != null && distance >= 10 && movingSeconds > 0 ? round1(movingSeconds / (distance / 1000)) : null;
    return new Metrics(elapsed, movingSeconds, timer, distance == null ? null : round1(distance), avgHr, maxHr,
        gain == null ? null : round1(gain), loss == null ? null : round1(loss), pace,
        cadenceTime > 0 ? round1(cadenceSum / cadenceTime) : null,
        gctTime > 0 ? round1(gctSum / gctTime) : null,
        voTime > 0 ? round1(voSum / voTime) : null,
        powerTime > 0 ? round1(powerSum / powerTime) : null,
        histogram, a.rrIntervalsMs(), Hrv.rmssd(a.rrIntervalsMs()), n);
  }

  /** Distance covered between two samples: from cumulative distance, else from GPS; null if neither. */
  static Double intervalDistance(Sample x, Sample y) {
    if (x.distance() != null && y.distance() != null) {
      return Math.max(0, y.distance() - x.distance());
    }
    if (x.hasPosition() && y.hasPosition()) {
      return Geo.metersBetween(x.lat(), x.lon(), y.lat(), y.lon());
    }
    return null;
  }

  private static boolean paused(List<Pause> pauses, Sample x, Sample y) {
    for (Pause p : pauses) {
      if (p.covers(x.time(), y.time())) {
        return true;
      }
    }
    return false;
  }

  /** Total gain and loss with hysteresis; NaN when the samples have no altitude. */
  static double[] elevation(List<Sample> samples) {
    Double reference = null;
    double gain = 0;
    double loss = 0;
    for (Sample s : samples) {
      if (s.altitude() == null) {
        continue;
      }
      if (reference == null) {
        reference = s.altitude();
      } else if (s.altitude() - reference >= ELEVATION_HYSTERESIS_M) {
        gain += s.altitude() - reference;
        reference = s.altitude();
      } else if (reference - s.altitude() >= ELEVATION_HYSTERESIS_M) {
        loss += reference - s.altitude();
        reference = s.altitude();
      }
    }
    return reference == null ? new double[] {Double.NaN, Double.NaN} : new double[] {gain, loss};
  }

  static double round1(double v) {
    return Math.round(v * 10) / 10.0;
  }

  /** Metrics of a typed summary: one duration (moving = elapsed = timer), no samples, no histogram. */
  public static Metrics fromSummary(long durationSeconds, Double distanceMeters, Integer avgHr, Integer maxHr,
      Double elevationGainMeters) {
    Double pace = distanceMeters != null && distanceMeters >= 10 && durationSeconds > 0
        ? round1(durationSeconds / (distanceMeters / 1000)) : null;
    return new Metrics(durationSeconds, durationSeconds, durationSeconds, distanceMeters, avgHr, maxHr,
        elevationGainMeters, null, pace, null, null, null, null, new TreeMap<>(), List.of(), null, 0);
  }
}
