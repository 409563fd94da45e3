package org.runningcoach.ingestion.rest;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.runningcoach.ingestion.service.EraseService;
import org.runningcoach.support.security.CurrentAthlete;

/** The athlete's own data as a whole; the athlete is the token's subject. */
@Path("/me")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class MeResource {

  private final EraseService erase;
  private final CurrentAthlete athlete;

  public MeResource(EraseService erase, CurrentAthlete athlete) {
    this.erase = erase;
    this.athlete = athlete;
  }

  /**
   * Delete My Data: ingestion's rows are gone when this answers; 202 because the other services
   * erase theirs on the UserDataErased event that was committed with it.
   */
  @DELETE
  public Uni<Response> erase() {
    return erase.erase(athlete.id()).map(accepted -> Response.accepted(accepted).build());
  }
}
