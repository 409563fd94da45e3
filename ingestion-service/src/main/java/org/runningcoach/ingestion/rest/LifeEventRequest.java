package org.runningcoach.ingestion.rest;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import org.runningcoach.events.LifeEventReported.LifeEventType;

/**
 * A life event a client may report: exactly these fields. {@code endDate} is open while it lasts;
 * {@code belowNeckSymptoms} (chest, lungs, stomach) and {@code fever} lengthen a sickness break.
 */
public record LifeEventRequest(
    @NotNull LifeEventType type,
    @NotNull LocalDate startDate,
    LocalDate endDate,
    Boolean belowNeckSymptoms,
    Boolean fever,
    @Size(max = 2000) String notes) {}
