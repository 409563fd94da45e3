package org.runningcoach.activity.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

/**
 * A workout file read into plain values.
 *
 * @param utcOffset the athlete's offset at the start, when the file tells it; null means unknown (UTC is used)
 * @param timeNote how the start time and local date were decided, when it was not straightforward
 * @param rrIntervalsMs beat-to-beat intervals in milliseconds, in order, when the file has them
 */
public record ParsedActivity(
    ActivityFormat format,
    String sport,
    Instant start,
    ZoneOffset utcOffset,
    String timeNote,
    List<Sample> samples,
    List<Pause> pauses,
    List<Integer> rrIntervalsMs,
    DeviceSummary summary) {

  public LocalDate localDate() {
    return start.atOffset(utcOffset == null ? ZoneOffset.UTC : utcOffset).toLocalDate();
  }
}
