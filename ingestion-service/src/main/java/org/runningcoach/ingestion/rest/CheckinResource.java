package org.runningcoach.ingestion.rest;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.LocalDate;
import org.runningcoach.ingestion.service.CheckinService;
import org.runningcoach.support.rest.ProblemException;
import org.runningcoach.support.security.CurrentAthlete;

@Path("/checkins")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class CheckinResource {

  private final CheckinService checkins;
  private final CurrentAthlete athlete;

  public CheckinResource(CheckinService checkins, CurrentAthlete athlete) {
    this.checkins = checkins;
    this.athlete = athlete;
  }

  /** Stores the check-in and emits HealthDataReceived in the same transaction; 202 with the event id. */
  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  public Uni<Response> submit(@Valid @NotNull(message = "a JSON check-in body is required") CheckinRequest request) {
    return checkins.submit(athlete.id(), request)
        .map(accepted -> Response.accepted(accepted).build());
  }

  /** The check-in that counts for a date: the latest one submitted. */
  @GET
  @Path("/{date}")
  public Uni<CheckinView> latest(@PathParam("date") LocalDate date) {
    return checkins.latest(athlete.id(), date)
        .onItem().ifNull().failWith(() -> ProblemException.notFound("No check-in for " + date));
  }
}
