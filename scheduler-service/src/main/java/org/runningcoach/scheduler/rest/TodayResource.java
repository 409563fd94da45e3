package org.runningcoach.scheduler.rest;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.runningcoach.scheduler.rest.PlanViews.TodayView;
import org.runningcoach.scheduler.service.PlanService;
import org.runningcoach.support.rest.ProblemException;
import org.runningcoach.support.security.CurrentAthlete;

/**
 * "What do I run today?": the day's workouts of the current plan with the adaptations that changed
 * them. {@code date} is the athlete's local date (the server cannot know their time zone), by
 * default today in UTC, as for {@code /dashboard}.
 */
@Path("/plan/today")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class TodayResource {

  private final PlanService plans;
  private final CurrentAthlete athlete;

  public TodayResource(PlanService plans, CurrentAthlete athlete) {
    this.plans = plans;
    this.athlete = athlete;
  }

  @GET
  public Uni<TodayView> today(@QueryParam("date") String date) {
    return plans.day(athlete.id(), Dates.parse("date", date, plans.today()))
        .onItem().ifNull().failWith(() -> ProblemException.notFound("You have no training plan yet; POST /plans creates one"));
  }
}
