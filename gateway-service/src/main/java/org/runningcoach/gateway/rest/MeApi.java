package org.runningcoach.gateway.rest;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.runningcoach.gateway.forward.Forwarder;

/** The athlete's data as a whole: erase it everywhere, or take a copy of it. */
@Path("/me")
@Authenticated
@SecurityRequirement(name = "SecurityScheme")
@Produces(MediaType.APPLICATION_JSON)
public class MeApi {

  private final Forwarder forwarder;
  private final JsonWebToken token;

  public MeApi(Forwarder forwarder, JsonWebToken token) {
    this.forwarder = forwarder;
    this.token = token;
  }

  @DELETE
  @Operation(summary = "Delete My Data",
      description = "Erases every check-in, life event, activity and sample stream, the profile, every BodyState, "
          + "plan, workout and adaptation log entry of the caller. Ingestion deletes its rows before answering 202; "
          + "the other services delete theirs on the UserDataErased event it emits, usually within a second. "
          + "The athlete's data keys are destroyed with their rows, so encrypted copies (backups) cannot be read; "
          + "the login at the identity provider is deleted when the deployment is configured to, and every token "
          + "issued before the erasure answers 401 from then on.")
  @APIResponse(responseCode = "202", description = "Accepted: {eventId, requestedAt, account}")
  public Uni<Response> erase(@Context HttpHeaders headers, @Context io.vertx.core.http.HttpServerRequest request) {
    return forwarder.relay(HttpMethod.DELETE, forwarder.services().ingestion(), "/me", headers, null)
        .invoke(r -> Audit.dataRequest("erasure", token.getSubject(), request, r.getStatus()));
  }

  @GET
  @Path("export")
  @Operation(summary = "Export all my data as one JSON document",
      description = "{athleteId, exportedAt, ingestion: {checkins, lifeEvents}, readiness: {profile, bodyStates, inputs}, "
          + "activities: {activities}, scheduler: {plans, workouts, adaptations}}. Activities come without their "
          + "sample streams; each names the streams link (GET /activities/{id}/streams).")
  @APIResponse(responseCode = "200", description = "The export")
  public Uni<Response> export(@Context HttpHeaders headers, @Context io.vertx.core.http.HttpServerRequest request) {
    return assemble(headers).invoke(r -> Audit.dataRequest("export", token.getSubject(), request, r.getStatus()));
  }

  private Uni<Response> assemble(HttpHeaders headers) {
    var services = forwarder.services();
    Uni<HttpResponse<Buffer>> ingestion = part(services.ingestion(), headers);
    Uni<HttpResponse<Buffer>> readiness = part(services.readiness(), headers);
    Uni<HttpResponse<Buffer>> activity = part(services.activity(), headers);
    Uni<HttpResponse<Buffer>> scheduler = part(services.scheduler(), headers);
    return Uni.combine().all().unis(ingestion, readiness, activity, scheduler).asTuple().map(parts -> {
      List<HttpResponse<Buffer>> all = List.of(parts.getItem1(), parts.getItem2(), parts.getItem3(), parts.getItem4());
      for (HttpResponse<Buffer> r : all) {
        if (r.statusCode() != 200) {
          // An incomplete export would look complete to the athlete: answer the first failure instead.
          return Forwarder.toResponse(r);
        }
      }
      // Each part is a JSON object its service wrote: spliced in as it came, not parsed again, so an
      // export holding large payloads (Garmin Activity Details) costs its bytes once here.
      Buffer export = Buffer.buffer("{\"athleteId\":").appendString(io.vertx.core.json.Json.encode(token.getSubject()))
          .appendString(",\"exportedAt\":").appendString(io.vertx.core.json.Json.encode(Instant.now().toString()))
          .appendString(",\"ingestion\":").appendBuffer(parts.getItem1().body())
          .appendString(",\"readiness\":").appendBuffer(parts.getItem2().body())
          .appendString(",\"activities\":").appendBuffer(parts.getItem3().body())
          .appendString(",\"scheduler\":").appendBuffer(parts.getItem4().body())
          .appendString("}");
      return Response.ok(export.getBytes(), MediaType.APPLICATION_JSON)
          .header("Content-Disposition", "attachment; filename=\"runningcoach-export.json\"").build();
    });
  }

  private Uni<HttpResponse<Buffer>> part(java.net.URI service, HttpHeaders headers) {
    return forwarder.call(HttpMethod.GET, service, "/me/export", headers, null, null);
  }
}
