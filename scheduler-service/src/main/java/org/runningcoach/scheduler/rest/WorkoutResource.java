package org.runningcoach.scheduler.rest;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import org.runningcoach.scheduler.rest.PlanViews.WorkoutView;
import org.runningcoach.scheduler.service.PlanService;
import org.runningcoach.support.rest.ProblemException;
import org.runningcoach.support.security.CurrentAthlete;

/** The athlete stays in charge: skip, move or mark done a workout. The engine leaves such a workout alone afterwards. */
@Path("/workouts/{id}")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class WorkoutResource {

  private final PlanService plans;
  private final CurrentAthlete athlete;

  public WorkoutResource(PlanService plans, CurrentAthlete athlete) {
    this.plans = plans;
    this.athlete = athlete;
  }

  @POST
  @Path("/skip")
  public Uni<WorkoutView> skip(@PathParam("id") String id) {
    return plans.skip(athlete.id(), workoutId(id));
  }

  @POST
  @Path("/done")
  public Uni<WorkoutView> done(@PathParam("id") String id) {
    return plans.done(athlete.id(), workoutId(id));
  }

  @POST
  @Path("/move")
  @Consumes(MediaType.APPLICATION_JSON)
  public Uni<WorkoutView> move(@PathParam("id") String id,
      @Valid @NotNull(message = "a JSON body {\"toDate\":\"YYYY-MM-DD\"} is required") MoveRequest body) {
    return plans.move(athlete.id(), workoutId(id), body.toDate());
  }

  private static UUID workoutId(String id) {
    try {
      return UUID.fromString(id);
    } catch (IllegalArgumentException e) {
      throw ProblemException.notFound("No workout " + id + " in your current plan");
    }
  }
}
