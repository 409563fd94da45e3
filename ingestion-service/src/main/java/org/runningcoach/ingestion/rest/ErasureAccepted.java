package org.runningcoach.ingestion.rest;

import java.time.Instant;
import java.util.UUID;

/**
 * The answer to DELETE /me: this service's rows are gone; the other services erase theirs when
 * they receive the UserDataErased event {@code eventId}, usually within a second.
 */
public record ErasureAccepted(UUID eventId, Instant requestedAt) {}
