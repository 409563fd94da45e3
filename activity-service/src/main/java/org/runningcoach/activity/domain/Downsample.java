package org.runningcoach.activity.domain;

import java.util.ArrayList;
import java.util.List;

/**
 * Thins a stream to at most {@code maxPoints} real samples, evenly spaced in index, always keeping
 * the first and the last: the shape of a chart survives and no value is invented.
 */
public final class Downsample {

  private Downsample() {}

  public static <T> List<T> evenly(List<T> items, int maxPoints) {
    int n = items.size();
    if (maxPoints <= 0 || n <= maxPoints) {
      return items;
    }
    if (maxPoints == 1) {
      return List.of(items.get(0));
    }
    List<T> out = new ArrayList<>(maxPoints);
    for (int k = 0; k < maxPoints; k++) {
      out.add(items.get((int) Math.round((double) k * (n - 1) / (maxPoints - 1))));
    }
    return out;
  }
}
