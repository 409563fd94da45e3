package org.runningcoach.ingestion.rest;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.runningcoach.ingestion.service.LifeEventService;
import org.runningcoach.support.security.CurrentAthlete;

@Path("/life-events")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class LifeEventResource {

  private final LifeEventService lifeEvents;
  private final CurrentAthlete athlete;

  public LifeEventResource(LifeEventService lifeEvents, CurrentAthlete athlete) {
    this.lifeEvents = lifeEvents;
    this.athlete = athlete;
  }

  /** Stores the life event and emits LifeEventReported in the same transaction; 202 with the event id. */
  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  public Uni<Response> report(@Valid @NotNull(message = "a JSON life-event body is required") LifeEventRequest request) {
    return lifeEvents.report(athlete.id(), request).map(accepted -> Response.accepted(accepted).build());
  }
}
