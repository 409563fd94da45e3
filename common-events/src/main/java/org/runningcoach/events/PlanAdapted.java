package org.runningcoach.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** The training plan changed; one entry per changed workout, each with the rule and the reason. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PlanAdapted(String athleteId, UUID planId, LocalDate date, List<Change> changes, List<UUID> causedBy) {

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Change(UUID workoutId, LocalDate workoutDate, String before, String after, String rule, String reason) {}
}
