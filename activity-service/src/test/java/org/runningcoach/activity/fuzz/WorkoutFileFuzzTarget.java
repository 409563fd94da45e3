package org.runningcoach.activity.fuzz;

import org.runningcoach.activity.domain.ActivityFiles;
import org.runningcoach.activity.domain.InvalidActivityFile;
import org.runningcoach.activity.domain.LoadCalculator;
import org.runningcoach.activity.domain.Metrics;
import org.runningcoach.activity.domain.MetricsCalculator;
import org.runningcoach.activity.domain.ParsedActivity;

/**
 * Coverage-guided fuzz target for Jazzer (com.code-intelligence:jazzer, run by hand, see the
 * module README): the upload pipeline on arbitrary bytes; a parse or InvalidActivityFile is fine,
 * any other exception is a finding (it would be a 500).
 */
public final class WorkoutFileFuzzTarget {

  private WorkoutFileFuzzTarget() {}

  public static void fuzzerTestOneInput(byte[] data) {
    try {
      ParsedActivity parsed = ActivityFiles.parse(data);
      Metrics m = MetricsCalculator.compute(parsed);
      LoadCalculator.compute(parsed, m, 5);
    } catch (InvalidActivityFile clean) {
      // refused with a reason: a 400
    }
  }
}
