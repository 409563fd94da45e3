package org.runningcoach.gateway.rest;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.runningcoach.gateway.forward.Forwarder;

/**
 * The mobile client's API. The athlete is whoever the access token says; no path, query or body
 * parameter names an athlete. Each call is forwarded with the caller's token to the service that
 * owns the data; the services' answers (including their problem+json errors) pass through.
 */
@Path("/")
@Authenticated
@SecurityRequirement(name = "SecurityScheme")
@Produces(MediaType.APPLICATION_JSON)
public class ClientApi {

  private final Forwarder forwarder;

  public ClientApi(Forwarder forwarder) {
    this.forwarder = forwarder;
  }

  @POST
  @Path("checkin")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Submit the morning check-in",
      description = "Scales are 1-10, higher = more of the thing. Required: date, sleepHours, soreness, stress. "
          + "Answers 202 with the eventId that appears in the BodyState's causedBy once it reflects this check-in.")
  @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "checkin",
      value = "{\"date\":\"2026-03-02\",\"sleepHours\":7.5,\"sleepQuality\":7,\"soreness\":3,\"sorenessArea\":\"calves\","
          + "\"stress\":4,\"fatigue\":5,\"mood\":6,\"lastSessionRpe\":6,\"notes\":\"easy week\"}")))
  @APIResponse(responseCode = "202", description = "Accepted: {id, eventId, date}")
  @APIResponse(responseCode = "400", description = "Invalid check-in (problem+json naming each field)")
  public Uni<Response> checkin(byte[] body, @Context HttpHeaders headers) {
    return forward(HttpMethod.POST, services().ingestion(), "/checkins", headers, body);
  }

  @GET
  @Path("checkins/{date}")
  @Operation(summary = "The check-in that counts for a date (the latest submitted)")
  public Uni<Response> checkinOf(@PathParam("date") String date, @Context HttpHeaders headers) {
    return forward(HttpMethod.GET, services().ingestion(), "/checkins/" + LocalDate.parse(date), headers, null);
  }

  @GET
  @Path("body-states/{date}")
  @Operation(summary = "The BodyState of a date, with every system's explanation")
  public Uni<Response> bodyState(@PathParam("date") String date, @Context HttpHeaders headers) {
    return forward(HttpMethod.GET, services().readiness(), "/body-states/" + LocalDate.parse(date), headers, null);
  }

  @GET
  @Path("body-states")
  @Operation(summary = "BodyState history over a date range (at most a year), oldest first")
  public Uni<Response> bodyStates(@QueryParam("from") @Parameter(example = "2026-03-01") String from,
      @QueryParam("to") @Parameter(example = "2026-03-31") String to, @Context HttpHeaders headers) {
    String query = "?from=" + (from == null ? "" : LocalDate.parse(from)) + "&to=" + (to == null ? "" : LocalDate.parse(to));
    return forward(HttpMethod.GET, services().readiness(), "/body-states" + query, headers, null);
  }

  @GET
  @Path("dashboard")
  @Operation(summary = "Today's BodyState and scheduled workout",
      description = "date is the athlete's local date (YYYY-MM-DD); without it, today's date in UTC. "
          + "bodyState is null until the first input for that date has been processed; "
          + "scheduledWorkout is null while there is no training plan.")
  public Uni<Response> dashboard(@QueryParam("date") String date, @Context HttpHeaders headers) {
    LocalDate day = date == null ? LocalDate.now(ZoneOffset.UTC) : LocalDate.parse(date);
    Uni<HttpResponse<Buffer>> state = forwarder.call(HttpMethod.GET, services().readiness(), "/body-states/" + day, headers, null, null);
    Uni<HttpResponse<Buffer>> plan = forwarder.call(HttpMethod.GET, services().scheduler(), "/days/" + day, headers, null, null);
    return Uni.combine().all().unis(state, plan).asTuple().map(both -> {
      HttpResponse<Buffer> s = both.getItem1();
      HttpResponse<Buffer> p = both.getItem2();
      for (HttpResponse<Buffer> r : java.util.List.of(s, p)) {
        if (r.statusCode() != 200 && r.statusCode() != 404) {
          return Forwarder.toResponse(r);
        }
      }
      JsonObject dashboard = new JsonObject()
          .put("date", day.toString())
          .put("bodyState", s.statusCode() == 200 ? s.bodyAsJsonObject() : null)
          .put("scheduledWorkout", p.statusCode() == 200 ? p.bodyAsJsonObject().getValue("scheduledWorkout") : null);
      return Response.ok(dashboard.encode(), MediaType.APPLICATION_JSON).build();
    });
  }

  private Uni<Response> forward(HttpMethod method, URI service, String path, HttpHeaders headers, byte[] body) {
    return forwarder.relay(method, service, path, headers, body);
  }

  private org.runningcoach.gateway.config.ServicesConfig services() {
    return forwarder.services();
  }
}
