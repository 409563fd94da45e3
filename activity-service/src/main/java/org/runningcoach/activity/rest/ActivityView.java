package org.runningcoach.activity.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A stored activity as the athlete sees it. {@code startTime} carries the athlete's offset when
 * the source told it ({@code timeNote} says when it did not). {@code duplicates} lists the other
 * copies of this workout that were received and not counted again: this activity is the one that won.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ActivityView(
    UUID id,
    String source,
    String format,
    String sport,
    OffsetDateTime startTime,
    LocalDate localDate,
    String timeNote,
    Integer rpe,
    String notes,
    MetricsView metrics,
    LoadsView loads,
    int sampleCount,
    Instant receivedAt,
    UUID eventId,
    List<DuplicateView> duplicates) {

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record MetricsView(
      long elapsedSeconds, long movingSeconds, long timerSeconds, Double distanceMeters, Integer avgHr, Integer maxHr,
      Double elevationGainMeters, Double elevationLossMeters, Double avgPaceSecondsPerKm, Double avgCadence,
      Double avgGroundContactMs, Double avgVerticalOscillationMm, Double avgPowerWatts, List<Integer> rrIntervalsMs,
      Double rmssdMs) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record LoadsView(Double srpeLoad, ExternalLoad external, double impactLoad, Map<Integer, Integer> hrSecondsByBpm) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record ExternalLoad(Double distanceMeters, Double avgPaceSecondsPerKm) {}

  /** A copy received later and not counted: why it was recognised, and what it was. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record DuplicateView(UUID id, String reason, String source, String format, Instant startTime, long elapsedSeconds,
      Instant receivedAt) {}
}
