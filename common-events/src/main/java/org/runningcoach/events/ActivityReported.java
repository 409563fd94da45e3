package org.runningcoach.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.UUID;

/**
 * A workout a wearable vendor reported for a linked athlete (a Garmin {@code activities} summary,
 * an Apple Health workout), handed from ingestion to activity-service, which stores it as a
 * summary activity and recognises it as the same run as a file upload of it. Only what a summary
 * has: no samples. Vendor fields a value is missing from are left out, never sent as zero.
 *
 * @param recordId the ingestion inbox row the workout came in (one row can hold several Apple workouts)
 * @param vendorId the vendor's own id of the workout when it has one (Garmin {@code summaryId})
 * @param sport lower-case sport name (Garmin {@code activityType} lower-cased, e.g. running, trail_running)
 * @param utcOffsetSeconds the athlete's offset at the start when the vendor says it; it decides the local date
 * @param device the recording device's name as the vendor gives it
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ActivityReported(
    String athleteId,
    UUID recordId,
    Source source,
    String vendorId,
    String sport,
    Instant startTime,
    Integer utcOffsetSeconds,
    long durationSeconds,
    Double distanceMeters,
    Integer avgHr,
    Integer maxHr,
    Double elevationGainMeters,
    String device,
    Instant recordedAt) {

  public enum Source { GARMIN, APPLE }
}
