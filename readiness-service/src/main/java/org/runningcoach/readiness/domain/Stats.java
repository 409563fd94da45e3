package org.runningcoach.readiness.domain;

import java.util.List;

/** Small statistics used by the rules; SDs are sample SDs (n − 1) unless named otherwise. */
final class Stats {
  private Stats() {}

  static double mean(List<Double> values) {
    double sum = 0;
    for (double v : values) {
      sum += v;
    }
    return sum / values.size();
  }

  static double sampleSd(List<Double> values) {
    if (values.size() < 2) {
      return 0;
    }
    double m = mean(values);
    double ss = 0;
    for (double v : values) {
      ss += (v - m) * (v - m);
    }
    return Math.sqrt(ss / (values.size() - 1));
  }

  static double populationSd(List<Double> values) {
    double m = mean(values);
    double ss = 0;
    for (double v : values) {
      ss += (v - m) * (v - m);
    }
    return Math.sqrt(ss / values.size());
  }

  /** {@link #mean(List)} of {@code values[from..to)}: the same sum in the same order. */
  static double mean(double[] values, int from, int to) {
    double sum = 0;
    for (int i = from; i < to; i++) {
      sum += values[i];
    }
    return sum / (to - from);
  }

  /** {@link #populationSd(List)} of {@code values[from..to)}: the same sums in the same order. */
  static double populationSd(double[] values, int from, int to) {
    double m = mean(values, from, to);
    double ss = 0;
    for (int i = from; i < to; i++) {
      ss += (values[i] - m) * (values[i] - m);
    }
    return Math.sqrt(ss / (to - from));
  }

  static double median(List<Double> values) {
    double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  static double round(double v, int decimals) {
    double f = Math.pow(10, decimals);
    return Math.round(v * f) / f;
  }
}
