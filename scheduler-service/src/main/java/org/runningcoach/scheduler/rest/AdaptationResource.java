package org.runningcoach.scheduler.rest;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.LocalDate;
import java.util.List;
import org.runningcoach.scheduler.rest.PlanViews.AdaptationView;
import org.runningcoach.scheduler.service.PlanService;
import org.runningcoach.support.security.CurrentAthlete;

/** Why the plan changed: the adaptation log, by the UTC date of the change (default: the last 30 days), oldest first. */
@Path("/adaptations")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class AdaptationResource {

  private final PlanService plans;
  private final CurrentAthlete athlete;

  public AdaptationResource(PlanService plans, CurrentAthlete athlete) {
    this.plans = plans;
    this.athlete = athlete;
  }

  @GET
  public Uni<List<AdaptationView>> log(@QueryParam("from") String from, @QueryParam("to") String to) {
    LocalDate t = Dates.parse("to", to, plans.today());
    LocalDate f = Dates.parse("from", from, t.minusDays(30));
    Dates.checkRange(f, t);
    return plans.adaptations(athlete.id(), f, t);
  }
}
