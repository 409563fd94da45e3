package org.runningcoach.ingestion.rest;

import java.util.UUID;

/** The answer to an accepted life event; {@code eventId} is the LifeEventReported the plan adapts to. */
public record LifeEventAccepted(UUID id, UUID eventId) {}
