package org.runningcoach.readiness.rest;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.runningcoach.events.BodyStateComputed;
import org.runningcoach.readiness.domain.AthleteProfile;
import org.runningcoach.readiness.domain.DailyCheckin;
import org.runningcoach.readiness.domain.DayInputs;
import org.runningcoach.readiness.domain.History;
import org.runningcoach.readiness.service.ReadinessService;
import org.runningcoach.support.security.CurrentAthlete;

/**
 * "What if I sleep 7 h and skip today's run?": the BodyState of a date for the athlete's stored
 * history with some of that date's inputs replaced. Nothing is stored or announced.
 */
@Path("/what-if")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class WhatIfResource {

  public record Checkin(
      @NotNull @DecimalMin(value = "0", message = "must be between 0 and 24 hours") @DecimalMax(value = "24", message = "must be between 0 and 24 hours") Double sleepHours,
      @Min(1) @Max(10) Integer sleepQuality,
      @NotNull @Min(1) @Max(10) Integer soreness,
      @NotNull @Min(1) @Max(10) Integer stress,
      @Min(1) @Max(10) Integer fatigue,
      @Min(1) @Max(10) Integer mood) {}

  public record Workout(
      @NotBlank String sport,
      @NotNull @DecimalMin(value = "0", message = "must be between 0 and 1440 minutes") @DecimalMax(value = "1440", message = "must be between 0 and 1440 minutes") Double minutes,
      @DecimalMin(value = "0", message = "must be between 0 and 500 km") @DecimalMax(value = "500", message = "must be between 0 and 500 km") Double distanceKm,
      @Min(1) @Max(10) Integer rpe) {}

  /**
   * Each given part replaces that part of the date's stored inputs; {@code workouts} replaces the
   * date's workouts ([] = skip them).
   */
  public record WhatIfRequest(
      @NotNull LocalDate date,
      @Valid Checkin checkin,
      @DecimalMin(value = "0", inclusive = false, message = "must be above 0 and at most 300 ms") @DecimalMax(value = "300", message = "must be above 0 and at most 300 ms") Double hrvMs,
      AthleteProfile.HrvMetric hrvMetric,
      @Min(value = 25, message = "must be between 25 and 220 bpm") @Max(value = 220, message = "must be between 25 and 220 bpm") Integer restingHr,
      @DecimalMin(value = "0", message = "must be between 0 and 24 hours") @DecimalMax(value = "24", message = "must be between 0 and 24 hours") Double sleepHours,
      @Valid @Size(max = 20) List<@Valid @NotNull Workout> workouts) {}

  private final Pool pool;
  private final ReadinessService readiness;
  private final CurrentAthlete athlete;

  public WhatIfResource(Pool pool, ReadinessService readiness, CurrentAthlete athlete) {
    this.pool = pool;
    this.readiness = readiness;
    this.athlete = athlete;
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  public Uni<BodyStateComputed> whatIf(@Valid @NotNull(message = "a JSON what-if body is required") WhatIfRequest r) {
    if (r.hrvMs() != null && r.hrvMetric() == null) {
      throw org.runningcoach.support.rest.ProblemException.invalid("hrvMetric", "is required with hrvMs (RMSSD or SDNN)");
    }
    java.time.LocalDate tomorrow = java.time.LocalDate.now(java.time.ZoneOffset.UTC).plusDays(1);
    if (r.date().isAfter(tomorrow) || r.date().isBefore(java.time.LocalDate.of(2000, 1, 1))) {
      throw org.runningcoach.support.rest.ProblemException.invalid("date",
          "must be between 2000-01-01 and tomorrow (UTC), was " + r.date());
    }
    UUID hypothetical = new UUID(0, 0);
    return readiness.whatIf(pool, athlete.id(), r.date(), history -> {
      DayInputs day = history.day(r.date());
      if (r.checkin() != null) {
        var c = r.checkin();
        day = day.withCheckin(new DailyCheckin(r.date(), c.sleepHours(), c.sleepQuality(), c.soreness(), c.stress(),
            c.fatigue(), c.mood(), null, "WHAT_IF", hypothetical));
      }
      if (r.hrvMs() != null) {
        day = day.withHrv(new DayInputs.HrvReading(r.hrvMetric(), r.hrvMs(), "WHAT_IF", hypothetical));
      }
      if (r.restingHr() != null) {
        day = day.withRestingHr(new DayInputs.Reading(r.restingHr(), "WHAT_IF", hypothetical));
      }
      if (r.sleepHours() != null) {
        day = day.withWearableSleep(new DayInputs.Reading(r.sleepHours(), "WHAT_IF", hypothetical));
      }
      if (r.workouts() != null) {
        List<DayInputs.Workout> workouts = new ArrayList<>();
        for (Workout w : r.workouts()) {
          workouts.add(new DayInputs.Workout(UUID.nameUUIDFromBytes(w.toString().getBytes()), w.sport(),
              Math.round(w.minutes() * 60), w.distanceKm() == null ? null : w.distanceKm() * 1000, w.rpe(), Map.of(),
              null, hypothetical));
        }
        day = day.withWorkouts(workouts);
      }
      TreeMap<LocalDate, DayInputs> days = new TreeMap<>(history.days());
      days.put(r.date(), day);
      return new History(history.athleteId(), history.profile(), days);
    }).map(state -> new BodyStateComputed(state.athleteId(), state.date(), state.cardio(), state.muscular(),
        state.skeletal(), state.neural(), state.overall(), state.coachNote(), state.algorithmVersion(),
        state.causedBy().stream().filter(id -> !id.equals(hypothetical)).toList()));
  }
}
