package org.runningcoach.ingestion.rest;

import java.time.LocalDate;
import java.util.UUID;

/**
 * The answer to an accepted write. {@code eventId} appears in the BodyState's {@code causedBy}
 * once readiness has taken the input into account, which is how a client knows it is reflected.
 */
public record Accepted(UUID id, UUID eventId, LocalDate date) {}
