package org.runningcoach.gateway.rest;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
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
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.StringJoiner;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.runningcoach.gateway.forward.Forwarder;

/**
 * Workouts: uploads and their metrics, loads and sample streams, owned by activity-service. The
 * upload body passes through unchanged with the caller's Content-Type (a multipart boundary must
 * survive), so activity-service alone decides what it accepts and answers in problem+json.
 */
@Path("/")
@Authenticated
@SecurityRequirement(name = "SecurityScheme")
@Produces(MediaType.APPLICATION_JSON)
public class ActivityApi {

  private final Forwarder forwarder;

  public ActivityApi(Forwarder forwarder) {
    this.forwarder = forwarder;
  }

  @POST
  @Path("activity")
  @Consumes(MediaType.WILDCARD)
  @Operation(summary = "Upload a workout",
      description = "multipart/form-data with a FIT, TCX or GPX file in part 'file' (recognised by content; optional parts "
          + "'rpe' 1-10 and 'notes'), or application/json with a summary. 201 with the new activity; 200 with the "
          + "activity already counted when this is the same file again or the same run from another source. "
          + "Files up to 25 MB.")
  @RequestBody(content = {
      @Content(mediaType = MediaType.MULTIPART_FORM_DATA),
      @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "summary",
          value = "{\"startTime\":\"2026-03-02T06:30:00+01:00\",\"sport\":\"running\",\"durationSeconds\":3000,"
              + "\"distanceMeters\":10000,\"avgHr\":150,\"maxHr\":172,\"elevationGainMeters\":40,\"rpe\":6,\"notes\":\"easy\"}"))})
  @APIResponse(responseCode = "201", description = "New activity with metrics and loads")
  @APIResponse(responseCode = "200", description = "A copy of an activity already counted; that activity is returned")
  @APIResponse(responseCode = "400", description = "Unreadable, damaged or hostile file, or an invalid summary (problem+json)")
  @APIResponse(responseCode = "415", description = "Neither multipart/form-data nor application/json")
  public Uni<Response> upload(byte[] body, @Context HttpHeaders headers) {
    String contentType = headers.getHeaderString(HttpHeaders.CONTENT_TYPE);
    return relay(forwarder.call(HttpMethod.POST, forwarder.services().activity(), "/activities", headers,
        body == null ? new byte[0] : body, contentType == null ? MediaType.APPLICATION_OCTET_STREAM : contentType));
  }

  @GET
  @Path("activities")
  @Operation(summary = "The athlete's activities, newest first", description = "page from 0, size 1-100 (default 20)")
  public Uni<Response> list(@QueryParam("page") @Parameter(example = "0") String page,
      @QueryParam("size") @Parameter(example = "20") String size, @Context HttpHeaders headers) {
    return relay(forwarder.call(HttpMethod.GET, forwarder.services().activity(),
        "/activities" + query("page", page, "size", size), headers, null, null));
  }

  @GET
  @Path("activities/{id}")
  @Operation(summary = "One activity: metrics, loads and the copies recognised as duplicates of it")
  public Uni<Response> get(@PathParam("id") String id, @Context HttpHeaders headers) {
    return relay(forwarder.call(HttpMethod.GET, forwarder.services().activity(), "/activities/" + uuid(id), headers, null, null));
  }

  @DELETE
  @Path("activities/{id}")
  @Operation(summary = "Delete an activity",
      description = "Removes the activity, its sample streams and the record of its copies; its load leaves the "
          + "BodyState of its date and of the later dates (recomputed asynchronously, like any new input).")
  @APIResponse(responseCode = "204", description = "Deleted")
  @APIResponse(responseCode = "404", description = "The caller has no such activity (problem+json)")
  public Uni<Response> delete(@PathParam("id") String id, @Context HttpHeaders headers) {
    return relay(forwarder.call(HttpMethod.DELETE, forwarder.services().activity(), "/activities/" + uuid(id), headers,
        null, null));
  }

  @GET
  @Path("activities/{id}/streams")
  @Operation(summary = "An activity's sample streams (time, HR, position, altitude, speed, cadence, power)",
      description = "maxPoints thins them evenly to at most that many samples, for a chart")
  public Uni<Response> streams(@PathParam("id") String id, @QueryParam("maxPoints") @Parameter(example = "500") String maxPoints,
      @Context HttpHeaders headers) {
    return relay(forwarder.call(HttpMethod.GET, forwarder.services().activity(),
        "/activities/" + uuid(id) + "/streams" + query("maxPoints", maxPoints), headers, null, null));
  }

  /** An id that is not a UUID names no activity: answered here, never spliced into the service's path. */
  private static UUID uuid(String id) {
    try {
      return UUID.fromString(id);
    } catch (IllegalArgumentException e) {
      throw new jakarta.ws.rs.NotFoundException();
    }
  }

  private static String query(String... namesAndValues) {
    StringJoiner q = new StringJoiner("&", "?", "").setEmptyValue("");
    for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
      if (namesAndValues[i + 1] != null) {
        q.add(namesAndValues[i] + "=" + URLEncoder.encode(namesAndValues[i + 1], StandardCharsets.UTF_8));
      }
    }
    return q.toString();
  }

  private static Uni<Response> relay(Uni<HttpResponse<Buffer>> call) {
    return call.map(Forwarder::toResponse);
  }
}
