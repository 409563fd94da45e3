package org.runningcoach.ingestion.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import org.runningcoach.ingestion.config.GarminConfig;
import org.runningcoach.ingestion.domain.GarminNotification;
import org.runningcoach.ingestion.domain.GarminNotification.Summary;
import org.runningcoach.ingestion.domain.WebhookSignature;
import org.runningcoach.ingestion.service.GarminCallbackFetcher;
import org.runningcoach.ingestion.service.GarminInboxService;
import org.runningcoach.support.rest.Problem;
import org.runningcoach.support.rest.ProblemException;

/**
 * Garmin's server posts here, without a user token: the sender is authenticated by its client
 * id and an HMAC signature instead (see {@link WebhookSignature}). Push data is stored and
 * announced before the 200; ping callbacks are fetched after the 200 has been sent.
 */
@Path("/webhooks/garmin")
@PermitAll
@Produces(MediaType.APPLICATION_JSON)
public class GarminWebhookResource {

  private final GarminInboxService inbox;
  private final GarminCallbackFetcher callbacks;
  private final WebhookSignature signature;
  private final Clock clock = Clock.systemUTC();

  public GarminWebhookResource(GarminInboxService inbox, GarminCallbackFetcher callbacks, GarminConfig config) {
    this.inbox = inbox;
    this.callbacks = callbacks;
    this.signature = new WebhookSignature(config.consumerKey(), config.signingSecret(), config.replayWindow());
  }

  /**
   * What was received: summaries read, new or changed ones stored, events emitted, pings accepted
   * for fetching, items quarantined (see GarminQuarantine; still a 200, which is all Garmin reads).
   */
  public record Receipt(int summaries, int stored, int events, int pings, int quarantined) {}

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  public Uni<Response> receive(byte[] body, @Context HttpHeaders headers, RoutingContext routing)
      throws JsonProcessingException {
    signature.reject(headers.getHeaderString("garmin-client-id"), headers.getHeaderString("x-runningcoach-timestamp"),
            headers.getHeaderString("x-runningcoach-signature"), body == null ? new byte[0] : body, clock.instant())
        .ifPresent(why -> {
          throw new ProblemException(Problem.of(401, "unauthorized", "Unauthorized", "Webhook sender not authenticated: " + why));
        });
    List<Summary> summaries = parse(body);
    List<Summary> pings = summaries.stream().filter(Summary::isPing).filter(callbacks::allowed).toList();
    return inbox.receive(summaries, clock.instant()).map(receipt -> {
      if (!pings.isEmpty()) {
        // Garmin's rule: close the ping request first, then call back.
        routing.addEndHandler(ended -> pings.forEach(callbacks::fetch));
      }
      return Response.ok(new Receipt(receipt.summaries(), receipt.stored(), receipt.events(), pings.size(),
          receipt.quarantined())).build();
    });
  }

  private static List<Summary> parse(byte[] body) throws JsonProcessingException {
    if (body == null || body.length == 0) {
      throw new ProblemException(Problem.invalid("The body is empty; a Garmin notification is a JSON object", List.of()));
    }
    try {
      return GarminNotification.parse(body);
    } catch (JsonProcessingException e) {
      throw e;
    } catch (IOException e) {
      throw new ProblemException(Problem.invalid("Unreadable body: " + e.getMessage(), List.of()));
    }
  }
}
