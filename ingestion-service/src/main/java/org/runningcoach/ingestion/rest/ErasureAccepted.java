package org.runningcoach.ingestion.rest;

import java.time.Instant;
import java.util.UUID;

/**
 * The answer to DELETE /me: this service's rows are gone; the other services erase theirs when
 * they receive the UserDataErased event {@code eventId}, usually within a second. {@code account}
 * says what became of the login at the identity provider (DELETED, ALREADY_GONE, NOT_CONFIGURED
 * when this deployment does not manage it, FAILED: the data is erased all the same).
 */
public record ErasureAccepted(UUID eventId, Instant requestedAt, String account) {}
