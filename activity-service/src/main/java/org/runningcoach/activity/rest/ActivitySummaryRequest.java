package org.runningcoach.activity.rest;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * A workout typed in (or sent by an app) as a summary. {@code startTime} is ISO-8601 with the
 * athlete's offset (e.g. 2026-03-02T06:30:00+01:00): the offset decides the local date. It is kept
 * as text here because a JSON date mapper would silently convert it to UTC.
 */
public record ActivitySummaryRequest(
    @NotNull String startTime,
    @NotNull @Pattern(regexp = "[a-z_]{2,32}", message = "must be a lower-case sport name such as running") String sport,
    @NotNull @Min(value = 1, message = "must be at least 1 second") @Max(value = 172_800, message = "must be at most 48 hours")
        Long durationSeconds,
    @DecimalMin(value = "0", message = "must not be negative") @DecimalMax(value = "1000000", message = "must be at most 1000 km")
        Double distanceMeters,
    @Min(value = 25, message = "must be between 25 and 250") @Max(value = 250, message = "must be between 25 and 250") Integer avgHr,
    @Min(value = 25, message = "must be between 25 and 250") @Max(value = 250, message = "must be between 25 and 250") Integer maxHr,
    @DecimalMin(value = "0", message = "must not be negative") @DecimalMax(value = "20000", message = "must be at most 20000 m")
        Double elevationGainMeters,
    @Min(value = 1, message = "must be between 1 and 10") @Max(value = 10, message = "must be between 1 and 10") Integer rpe,
    @Size(max = 2000) String notes) {}
