package org.runningcoach.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.LocalDate;
import java.util.UUID;

/** The athlete reported being sick, travelling or injured. Free-text notes never travel in events. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LifeEventReported(
    String athleteId,
    UUID lifeEventId,
    LifeEventType type,
    LocalDate startDate,
    LocalDate endDate,
    Boolean belowNeckSymptoms,
    Boolean fever) {

  public enum LifeEventType { SICK, TRAVEL, INJURY }
}
