package org.runningcoach.ingestion.rest;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;

/**
 * The morning check-in a client may send: exactly these fields. Scales are 1–10, higher = more
 * of the thing (more sore, more stressed, more tired, better sleep, better mood).
 */
public record CheckinRequest(
    @NotNull LocalDate date,
    @NotNull @DecimalMin(value = "0", message = "must be between 0 and 24 hours")
        @DecimalMax(value = "24", message = "must be between 0 and 24 hours") Double sleepHours,
    @Min(value = 1, message = "must be between 1 and 10") @Max(value = 10, message = "must be between 1 and 10") Integer sleepQuality,
    @NotNull @Min(value = 1, message = "must be between 1 and 10") @Max(value = 10, message = "must be between 1 and 10") Integer soreness,
    @Size(max = 64) String sorenessArea,
    @NotNull @Min(value = 1, message = "must be between 1 and 10") @Max(value = 10, message = "must be between 1 and 10") Integer stress,
    @Min(value = 1, message = "must be between 1 and 10") @Max(value = 10, message = "must be between 1 and 10") Integer fatigue,
    @Min(value = 1, message = "must be between 1 and 10") @Max(value = 10, message = "must be between 1 and 10") Integer mood,
    @Min(value = 1, message = "must be between 1 and 10") @Max(value = 10, message = "must be between 1 and 10") Integer lastSessionRpe,
    @Size(max = 2000) String notes) {}
