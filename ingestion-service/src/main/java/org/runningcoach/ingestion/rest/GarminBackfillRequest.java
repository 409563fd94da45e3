package org.runningcoach.ingestion.rest;

import jakarta.validation.constraints.NotNull;
import java.time.LocalDate;

/** The days to ask Garmin to send again, both included: at most 90 (Garmin's limit for Health data). */
public record GarminBackfillRequest(
    @NotNull(message = "is required (YYYY-MM-DD)") LocalDate from,
    @NotNull(message = "is required (YYYY-MM-DD)") LocalDate to) {}
