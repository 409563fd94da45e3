package org.runningcoach.ingestion.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** A recorded backfill request; {@code state} RECORDED, REQUESTED (Garmin answered 202) or FAILED. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GarminBackfillView(UUID id, String garminUserId, LocalDate from, LocalDate to, String state,
    String detail, Instant requestedAt) {}
