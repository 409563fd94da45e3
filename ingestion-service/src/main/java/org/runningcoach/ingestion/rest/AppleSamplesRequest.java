package org.runningcoach.ingestion.rest;

import com.fasterxml.jackson.annotation.JsonFormat;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.OffsetDateTime;
import java.util.List;
import org.runningcoach.ingestion.domain.AppleSamples.Stage;
import org.runningcoach.ingestion.domain.AppleSamples.Type;

/**
 * What our iPhone app posts from HealthKit. Times carry the phone's UTC offset
 * (2026-03-02T06:45:00+09:00); {@code value}+{@code unit} for HRV_SDNN (ms or s) and RESTING_HR
 * (count/min or bpm); {@code stage} for SLEEP_STAGE; {@code source} is HealthKit's source name.
 */
public record AppleSamplesRequest(
    @NotNull(message = "is required") @Size(max = 20000, message = "has at most 20000 samples per request")
    List<@Valid @NotNull(message = "must be a sample object") Sample> samples) {

  public record Sample(
      @NotNull(message = "is required (HRV_SDNN, RESTING_HR, SLEEP_STAGE or WORKOUT)") Type type,
      // Keep the offset the phone sent: it decides the athlete's local date.
      @JsonFormat(without = JsonFormat.Feature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
      @NotNull(message = "is required (ISO-8601 with offset)") OffsetDateTime start,
      @JsonFormat(without = JsonFormat.Feature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
      @NotNull(message = "is required (ISO-8601 with offset)") OffsetDateTime end,
      // A reading no phone can report (negative, or beyond any unit's range) is refused, not stored.
      @jakarta.validation.constraints.DecimalMin(value = "0", message = "must not be negative")
      @jakarta.validation.constraints.DecimalMax(value = "100000", message = "must be at most 100000")
      Double value,
      @Size(max = 20, message = "is at most 20 characters") String unit,
      Stage stage,
      @Size(max = 200, message = "is at most 200 characters") String source) {}
}
