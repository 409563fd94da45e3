package org.runningcoach.activity.domain;

import java.time.Instant;

/** A span during which the recorder's timer was stopped (a manual or auto pause). */
public record Pause(Instant from, Instant to) {
  boolean covers(Instant a, Instant b) {
    // The interval counts as paused when most of it lies inside the pause.
    long overlap = Math.min(b.toEpochMilli(), to.toEpochMilli()) - Math.max(a.toEpochMilli(), from.toEpochMilli());
    return overlap > 0 && overlap * 2 >= b.toEpochMilli() - a.toEpochMilli();
  }
}
