package org.runningcoach.scheduler.rest;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.LocalDate;
import java.util.List;
import org.runningcoach.scheduler.domain.PlanRequest;
import org.runningcoach.scheduler.domain.VolumeUnit;
import org.runningcoach.scheduler.rest.PlanViews.PlanView;
import org.runningcoach.scheduler.rest.PlanViews.ReplayCheckView;
import org.runningcoach.scheduler.rest.PlanViews.WorkoutView;
import org.runningcoach.scheduler.service.PlanService;
import org.runningcoach.scheduler.service.ReplayService;
import org.runningcoach.support.rest.ProblemException;
import org.runningcoach.support.security.CurrentAthlete;

/** The athlete's training plan: create one (it replaces the current one) and read it. */
@Path("/plans")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class PlanResource {

  private final PlanService plans;
  private final ReplayService replay;
  private final CurrentAthlete athlete;

  public PlanResource(PlanService plans, ReplayService replay, CurrentAthlete athlete) {
    this.plans = plans;
    this.replay = replay;
    this.athlete = athlete;
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  public Uni<Response> create(@Valid @NotNull(message = "a JSON plan request body is required") CreatePlanRequest r) {
    if ((r.currentWeeklyKm() == null) == (r.currentWeeklyMinutes() == null)) {
      throw ProblemException.invalid("currentWeeklyKm",
          "give exactly one of currentWeeklyKm and currentWeeklyMinutes (the volume you run now)");
    }
    LocalDate today = plans.today();
    LocalDate start = r.startDate() == null ? today : r.startDate();
    if (start.isBefore(today.minusDays(1))) {
      throw ProblemException.invalid("startDate", "is in the past (" + start + "); a plan starts today or later");
    }
    boolean km = r.currentWeeklyKm() != null;
    PlanRequest request = new PlanRequest(r.raceDate(), r.distance(), r.goalTimeSeconds(),
        km ? r.currentWeeklyKm() : r.currentWeeklyMinutes(), km ? VolumeUnit.KM : VolumeUnit.MINUTES,
        r.availableDays(), r.longRunDay(), start);
    return plans.create(athlete.id(), request)
        .map(plan -> Response.created(URI.create("/plans/current")).entity(plan).build());
  }

  @GET
  @Path("/current")
  public Uni<PlanView> current() {
    return plans.current(athlete.id())
        .onItem().ifNull().failWith(() -> ProblemException.notFound("You have no training plan yet; POST /plans creates one"));
  }

  /**
   * Rebuilds the current plan from its request and its inputs in their original order and says
   * whether that gives the stored workouts and log (the first difference otherwise). Stores nothing.
   */
  @POST
  @Path("/current/replay-check")
  public Uni<ReplayCheckView> replayCheck() {
    return replay.check(athlete.id())
        .onItem().ifNull().failWith(() -> ProblemException.notFound("You have no training plan yet; POST /plans creates one"));
  }

  /** The current plan's workouts from {@code from} to {@code to} (inclusive); by default the whole plan. */
  @GET
  @Path("/current/workouts")
  public Uni<List<WorkoutView>> workouts(@QueryParam("from") String from, @QueryParam("to") String to) {
    String id = athlete.id();
    return plans.current(id)
        .onItem().ifNull().failWith(() -> ProblemException.notFound("You have no training plan yet; POST /plans creates one"))
        .flatMap(plan -> {
          LocalDate f = Dates.parse("from", from, plan.startDate());
          LocalDate t = Dates.parse("to", to, plan.raceDate());
          Dates.checkRange(f, t);
          return plans.workouts(id, f, t);
        });
  }
}
