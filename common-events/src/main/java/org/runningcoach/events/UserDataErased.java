package org.runningcoach.events;

import java.time.Instant;

/** The athlete asked for their data to be deleted: every service deletes its rows on this event. */
public record UserDataErased(String athleteId, Instant requestedAt) {}
