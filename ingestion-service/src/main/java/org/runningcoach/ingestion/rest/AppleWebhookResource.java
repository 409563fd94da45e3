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
import org.runningcoach.ingestion.service.AppleService;
import org.runningcoach.support.security.CurrentAthlete;

/** The signed-in athlete's phone posts HealthKit samples here; the athlete is the token's subject. */
@Path("/webhooks/apple")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class AppleWebhookResource {

  private final AppleService apple;
  private final CurrentAthlete athlete;

  public AppleWebhookResource(AppleService apple, CurrentAthlete athlete) {
    this.apple = apple;
    this.athlete = athlete;
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  public Uni<AppleService.Receipt> receive(@Valid @NotNull(message = "a JSON body {\"samples\":[...]} is required")
      AppleSamplesRequest request) {
    return apple.receive(athlete.id(), request);
  }
}
