package org.runningcoach.ingestion.rest;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.runningcoach.ingestion.service.DeviceLinkService;
import org.runningcoach.support.rest.ProblemException;
import org.runningcoach.support.security.CurrentAthlete;

/** The signed-in athlete's vendor accounts. Only the token's subject is ever linked or listed. */
@Path("/device-links")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class DeviceLinkResource {

  private static final String GARMIN = "GARMIN";

  private final DeviceLinkService links;
  private final CurrentAthlete athlete;

  public DeviceLinkResource(DeviceLinkService links, CurrentAthlete athlete) {
    this.links = links;
    this.athlete = athlete;
  }

  /** 201 when linked now, 200 when this exact link existed, 409 when either side is linked elsewhere. */
  @POST
  @Path("/garmin")
  @Consumes(MediaType.APPLICATION_JSON)
  public Uni<Response> linkGarmin(@Valid @NotNull(message = "a JSON body {\"garminUserId\":\"...\"} is required")
      GarminLinkRequest request) {
    return links.link(athlete.id(), GARMIN, request.garminUserId())
        .map(linked -> Response.status(linked.created() ? 201 : 200).entity(linked.link()).build());
  }

  @GET
  public Uni<List<DeviceLinkView>> list() {
    return links.links(athlete.id());
  }

  /**
   * Records a backfill request for the caller's linked Garmin account (202). Garmin's backfill
   * endpoint (GET /wellness-api/rest/backfill/{type}) needs the user's OAuth access token, which
   * only the OAuth flow can give: until it exists the request is kept as RECORDED, to be sent
   * then. 409 without a link, 400 for a range Garmin refuses (more than 90 days, in the future).
   */
  @POST
  @Path("/garmin/backfill")
  @Consumes(MediaType.APPLICATION_JSON)
  public Uni<Response> backfillGarmin(@Valid @NotNull(message = "a JSON body {\"from\":\"YYYY-MM-DD\",\"to\":\"YYYY-MM-DD\"} is required")
      GarminBackfillRequest request) {
    return links.backfill(athlete.id(), GARMIN, request.from(), request.to())
        .map(view -> Response.status(202).entity(view).build());
  }

  @DELETE
  @Path("/garmin")
  public Uni<Response> unlinkGarmin() {
    return links.unlink(athlete.id(), GARMIN).map(removed -> {
      if (!removed) {
        throw ProblemException.notFound("No Garmin account is linked");
      }
      return Response.noContent().build();
    });
  }
}
