package org.runningcoach.activity.domain;

import java.time.Duration;
import java.time.Instant;

/**
 * The same run recorded twice (a watch file and a phone export, or a file and a typed summary):
 * starts within {@value #START_TOLERANCE_SECONDS} s and durations within
 * {@value #DURATION_TOLERANCE} × the longer one — elapsed or moving, since a typed summary gives
 * one duration that may be either.
 */
public final class Duplicates {

  public static final long START_TOLERANCE_SECONDS = 60;
  public static final double DURATION_TOLERANCE = 0.05;

  private Duplicates() {}

  public static boolean sameRun(Instant startA, long elapsedA, long movingA, Instant startB, long elapsedB, long movingB) {
    if (Math.abs(Duration.between(startA, startB).getSeconds()) > START_TOLERANCE_SECONDS) {
      return false;
    }
    return close(elapsedA, elapsedB) || close(movingA, movingB);
  }

  static boolean close(long a, long b) {
    long longer = Math.max(a, b);
    return longer == 0 || Math.abs(a - b) <= DURATION_TOLERANCE * longer;
  }
}
