package org.runningcoach.gateway.rest;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.runningcoach.gateway.forward.Forwarder;

/** Sick, travelling or injured: reported to ingestion-service, which announces it so the plan adapts. */
@Path("/")
@Authenticated
@SecurityRequirement(name = "SecurityScheme")
@Produces(MediaType.APPLICATION_JSON)
public class LifeEventApi {

  private final Forwarder forwarder;

  public LifeEventApi(Forwarder forwarder) {
    this.forwarder = forwarder;
  }

  @POST
  @Path("life-event")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Report a sickness, trip or injury",
      description = "type SICK, TRAVEL or INJURY and startDate are required; endDate (open while it lasts), "
          + "belowNeckSymptoms, fever and notes are optional. Sick: the next 3 days at least are cleared, then a "
          + "graded return to running. Travel: long runs in the window become maintenance intervals. Injury: "
          + "cross-training or rest until endDate. Answers 202 with the eventId that the adaptation log names.")
  @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "sick",
      value = "{\"type\":\"SICK\",\"startDate\":\"2026-03-05\",\"belowNeckSymptoms\":true,\"fever\":false,"
          + "\"notes\":\"chest cold\"}")))
  @APIResponse(responseCode = "202", description = "Accepted: {id, eventId}")
  @APIResponse(responseCode = "400", description = "Invalid life event (problem+json naming each field)")
  public Uni<Response> report(byte[] body, @Context HttpHeaders headers) {
    return forwarder.call(HttpMethod.POST, forwarder.services().ingestion(), "/life-events", headers, body,
        MediaType.APPLICATION_JSON).map(Forwarder::toResponse);
  }
}
