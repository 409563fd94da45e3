package org.runningcoach.gateway.rest;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.LocalDate;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.runningcoach.gateway.forward.Forwarder;

/** The athlete's profile, replays and what-ifs (readiness-service). */
@Path("/")
@Authenticated
@SecurityRequirement(name = "SecurityScheme")
@Produces(MediaType.APPLICATION_JSON)
public class ReadinessApi {

  private final Forwarder forwarder;

  public ReadinessApi(Forwarder forwarder) {
    this.forwarder = forwarder;
  }

  @GET
  @Path("profile")
  @Operation(summary = "The athlete's profile: physiology, baselines and life context")
  public Uni<Response> profile(@Context HttpHeaders headers) {
    return forwarder.relay(HttpMethod.GET, forwarder.services().readiness(), "/profile", headers, null);
  }

  @PUT
  @Path("profile")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Create or replace the profile",
      description = "All fields optional. restingHr, maxHr and hrvBaselineMs (with hrvBaselineMetric RMSSD or SDNN) and the "
          + "life context (travelFrequency, stressLevel, sleepAvgHours) are priors used until 14 days of own history exist.")
  @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "profile",
      value = "{\"sex\":\"FEMALE\",\"birthYear\":1990,\"weightKg\":58,\"heightCm\":167,\"restingHr\":50,\"maxHr\":188,"
          + "\"hrvBaselineMs\":62,\"hrvBaselineMetric\":\"RMSSD\",\"travelFrequency\":\"MONTHLY\",\"stressLevel\":4,"
          + "\"sleepAvgHours\":7.5}")))
  public Uni<Response> putProfile(byte[] body, @Context HttpHeaders headers) {
    return forwarder.relay(HttpMethod.PUT, forwarder.services().readiness(), "/profile", headers, body);
  }

  @POST
  @Path("body-states/{date}/replay")
  @Operation(summary = "Recompute a date's BodyState from the stored inputs with the current algorithm")
  public Uni<Response> replay(@PathParam("date") String date, @Context HttpHeaders headers) {
    return forwarder.relay(HttpMethod.POST, forwarder.services().readiness(),
        "/body-states/" + LocalDate.parse(date) + "/replay", headers, new byte[0]);
  }

  @POST
  @Path("what-if")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "The BodyState a date would have with some inputs replaced; nothing is stored",
      description = "checkin, hrvMs (+ hrvMetric), restingHr and sleepHours replace the date's inputs; workouts replaces "
          + "the date's workouts ([] = skip them).")
  @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "what-if",
      value = "{\"date\":\"2026-03-02\",\"checkin\":{\"sleepHours\":7,\"soreness\":3,\"stress\":3},\"workouts\":[]}")))
  public Uni<Response> whatIf(byte[] body, @Context HttpHeaders headers) {
    return forwarder.relay(HttpMethod.POST, forwarder.services().readiness(), "/what-if", headers, body);
  }
}
