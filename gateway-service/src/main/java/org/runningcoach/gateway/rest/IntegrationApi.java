package org.runningcoach.gateway.rest;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.runningcoach.gateway.forward.Forwarder;

/**
 * Wearable integrations, all owned by ingestion-service. The Garmin webhook is called by
 * Garmin's servers, which hold no user token: it is open here and ingestion authenticates the
 * sender (client id + HMAC signature headers, passed through unchanged with the raw body).
 * Everything else needs the athlete's token, like the rest of the API.
 */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public class IntegrationApi {

  /** The headers ingestion checks on a Garmin notification; the body is forwarded byte for byte. */
  static final List<String> GARMIN_HEADERS =
      List.of("garmin-client-id", "x-runningcoach-timestamp", "x-runningcoach-signature");

  private final Forwarder forwarder;

  public IntegrationApi(Forwarder forwarder) {
    this.forwarder = forwarder;
  }

  @POST
  @Path("webhooks/garmin")
  @PermitAll
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Garmin Health API notifications (server to server)",
      description = "Push or ping bodies {\"<summaryType>\":[...]}. No bearer token: the sender is authenticated by "
          + "the garmin-client-id header and an HMAC-SHA256 of timestamp + \".\" + body (x-runningcoach-timestamp, "
          + "x-runningcoach-signature), within 5 minutes.")
  @APIResponse(responseCode = "200", description = "Received (stored, and announced when the Garmin user is linked)")
  @APIResponse(responseCode = "401", description = "Sender not authenticated (problem+json)")
  public Uni<Response> garmin(byte[] body, @Context HttpHeaders headers) {
    String contentType = headers.getHeaderString(HttpHeaders.CONTENT_TYPE);
    return forwarder.call(HttpMethod.POST, forwarder.services().ingestion(), "/webhooks/garmin", headers, body,
            contentType == null ? MediaType.APPLICATION_JSON : contentType, GARMIN_HEADERS)
        .map(Forwarder::toResponse);
  }

  @POST
  @Path("webhooks/apple")
  @Authenticated
  @SecurityRequirement(name = "SecurityScheme")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Apple Health samples sent by the athlete's phone")
  public Uni<Response> apple(byte[] body, @Context HttpHeaders headers) {
    return forwarder.relay(HttpMethod.POST, forwarder.services().ingestion(), "/webhooks/apple", headers, body);
  }

  @POST
  @Path("device-links/garmin")
  @Authenticated
  @SecurityRequirement(name = "SecurityScheme")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Link the athlete's Garmin account",
      description = "{\"garminUserId\":\"...\"}. 201 linked, 200 already linked, 409 when either side is linked elsewhere.")
  public Uni<Response> linkGarmin(byte[] body, @Context HttpHeaders headers) {
    return forwarder.relay(HttpMethod.POST, forwarder.services().ingestion(), "/device-links/garmin", headers, body);
  }

  @POST
  @Path("device-links/garmin/backfill")
  @Authenticated
  @SecurityRequirement(name = "SecurityScheme")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Ask for the linked Garmin account's history again",
      description = "{\"from\":\"YYYY-MM-DD\",\"to\":\"YYYY-MM-DD\"}, at most 90 days. 202 with the recorded request; "
          + "it is sent to Garmin once the account's OAuth token exists. 409 without a Garmin link.")
  public Uni<Response> backfillGarmin(byte[] body, @Context HttpHeaders headers) {
    return forwarder.relay(HttpMethod.POST, forwarder.services().ingestion(), "/device-links/garmin/backfill", headers,
        body);
  }

  @GET
  @Path("device-links")
  @Authenticated
  @SecurityRequirement(name = "SecurityScheme")
  @Operation(summary = "The athlete's linked wearable accounts")
  public Uni<Response> links(@Context HttpHeaders headers) {
    return forwarder.relay(HttpMethod.GET, forwarder.services().ingestion(), "/device-links", headers, null);
  }

  @GET
  @Path("imports/{id}")
  @Authenticated
  @SecurityRequirement(name = "SecurityScheme")
  @Operation(summary = "Progress of one of the athlete's history imports",
      description = "state QUEUED, VALIDATING, IMPORTING, DONE or FAILED (with error); recordsRead, accepted, skipped "
          + "with skippedReasons, daysAffected, events, duplicateOf when the same file was imported before.")
  public Uni<Response> importProgress(@jakarta.ws.rs.PathParam("id") String id, @Context HttpHeaders headers) {
    return forwarder.relay(HttpMethod.GET, forwarder.services().ingestion(), "/imports/"
        + java.net.URLEncoder.encode(id, java.nio.charset.StandardCharsets.UTF_8), headers, null);
  }

  @DELETE
  @Path("device-links/garmin")
  @Authenticated
  @SecurityRequirement(name = "SecurityScheme")
  @Operation(summary = "Unlink the athlete's Garmin account")
  public Uni<Response> unlinkGarmin(@Context HttpHeaders headers) {
    return forwarder.relay(HttpMethod.DELETE, forwarder.services().ingestion(), "/device-links/garmin", headers, null);
  }
}
