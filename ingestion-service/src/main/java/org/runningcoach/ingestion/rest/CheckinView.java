package org.runningcoach.ingestion.rest;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** A stored check-in as the athlete sees it. */
public record CheckinView(
    UUID id, LocalDate date, double sleepHours, Integer sleepQuality, int soreness, String sorenessArea,
    int stress, Integer fatigue, Integer mood, Integer lastSessionRpe, String notes, Instant receivedAt, UUID eventId) {}
