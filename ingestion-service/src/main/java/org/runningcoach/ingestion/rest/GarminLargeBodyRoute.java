package org.runningcoach.ingestion.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.crypto.Mac;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.runningcoach.ingestion.config.GarminConfig;
import org.runningcoach.ingestion.domain.GarminNotification;
import org.runningcoach.ingestion.domain.GarminNotification.Summary;
import org.runningcoach.ingestion.domain.WebhookSignature;
import org.runningcoach.ingestion.rest.GarminWebhookResource.Receipt;
import org.runningcoach.ingestion.service.GarminCallbackFetcher;
import org.runningcoach.ingestion.service.GarminInboxService;

/**
 * {@code POST /webhooks/garmin/activity-details}: the Garmin webhook for bodies over the service's
 * 25 MB limit. Garmin documents Activity Details notifications of up to 100 MB (every other type
 * at most 10 MB) and lets the partner set the URL per summary type, so Activity Details is pointed
 * here; any notification shape {@code /webhooks/garmin} takes is taken here too, with the same
 * sender check, storage and answer.
 *
 * <p>A Vert.x route placed before Quarkus's body-size check: the sender's headers are checked
 * before the body is read (401, nothing read), the body is streamed to a temporary file with its
 * HMAC computed on the way (back pressure, at most {@code garmin.large-body-max-size}), and only a
 * body whose signature matches is read, one summary at a time: first to its end (a body that is
 * not a notification is a 400 with nothing stored), then into the inbox in transactions of a few
 * MB each. A failure part-way (the database gone) is a 503: Garmin re-sends, and what was already
 * stored is an identical redelivery that changes nothing. Memory stays near the largest summary.
 */
@ApplicationScoped
public class GarminLargeBodyRoute {

  private static final Logger LOG = Logger.getLogger(GarminLargeBodyRoute.class);
  public static final String PATH = "/webhooks/garmin/activity-details";
  /** Summaries stored per transaction: this many bytes of payload, or this many summaries, whichever comes first. */
  static final long BATCH_BYTES = 4L << 20;
  static final int BATCH_SUMMARIES = 500;

  private final GarminInboxService inbox;
  private final GarminCallbackFetcher callbacks;
  private final WebhookSignature signature;
  private final ObjectMapper json;
  private final Vertx vertx;
  private final long maxBytes;
  private final Path dir;
  private final Clock clock = Clock.systemUTC();

  public GarminLargeBodyRoute(GarminInboxService inbox, GarminCallbackFetcher callbacks, GarminConfig config,
      ObjectMapper json, Vertx vertx, @ConfigProperty(name = "ingestion.import.dir") String dir) {
    this.inbox = inbox;
    this.callbacks = callbacks;
    this.signature = new WebhookSignature(config.consumerKey(), config.signingSecret(), config.replayWindow());
    this.json = json;
    this.vertx = vertx;
    this.maxBytes = config.largeBodyMaxSize().asLongValue();
    this.dir = Path.of(dir, "runningcoach-garmin");
  }

  void register(@Observes Router router) {
    router.post(PATH).order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT - 1).handler(this::receive);
  }

  private void receive(RoutingContext rc) {
    HttpServerRequest request = rc.request();
    request.pause();
    String contentType = request.getHeader("Content-Type");
    String mediaType = contentType == null ? "" : contentType.split(";")[0].trim().toLowerCase(Locale.ROOT);
    if (!mediaType.equals("application/json")) {
      problem(rc, 415, "unsupported-media-type", "Unsupported Media Type",
          "A Garmin notification is application/json, not " + contentType);
      return;
    }
    String timestamp = request.getHeader("x-runningcoach-timestamp");
    String sent = request.getHeader("x-runningcoach-signature");
    var refused = signature.rejectHeaders(request.getHeader("garmin-client-id"), timestamp, sent, clock.instant());
    if (refused.isPresent()) {
      problem(rc, 401, "unauthorized", "Unauthorized", "Webhook sender not authenticated: " + refused.get());
      return;
    }
    if (StreamedBody.refusedByDeclaredLength(rc, maxBytes, () -> tooLarge(rc))) {
      return;
    }
    Mac mac = signature.begin(timestamp);
    StreamedBody.toFile(vertx, rc, dir, "garmin-", maxBytes, chunk -> mac.update(chunk.getBytes()), () -> tooLarge(rc),
        (file, bytes) -> received(rc, file, bytes, mac, sent));
  }

  private void received(RoutingContext rc, Path file, long bytes, Mac mac, String sent) {
    var forged = signature.rejectSignature(sent, mac.doFinal());
    if (forged.isPresent()) {
      StreamedBody.delete(file);
      problem(rc, 401, "unauthorized", "Unauthorized", "Webhook sender not authenticated: " + forged.get());
      return;
    }
    if (bytes == 0) {
      StreamedBody.delete(file);
      problem(rc, 400, "invalid-request", "Invalid request", "The body is empty; a Garmin notification is a JSON object");
      return;
    }
    vertx.<Stored>executeBlocking(() -> store(file), false)
        .onComplete(done -> StreamedBody.delete(file))
        .onSuccess(stored -> {
          if (!stored.pings().isEmpty()) {
            // Garmin's rule: close the ping request first, then call back.
            rc.addEndHandler(ended -> stored.pings().forEach(callbacks::fetch));
          }
          rc.response().setStatusCode(200).putHeader("Content-Type", "application/json").end(write(stored.receipt()));
        })
        .onFailure(e -> {
          if (e instanceof JsonProcessingException bad) {
            problem(rc, 400, "invalid-request", "Invalid request",
                "Not a Garmin notification: " + bad.getOriginalMessage() + ". Nothing was stored.");
          } else {
            LOG.errorf(e, "a large Garmin notification could not be stored");
            StreamedBody.unavailable(rc, "The notification could not be stored completely; send it again (what was "
                + "stored is recognised and not counted twice)");
          }
        });
  }

  record Stored(Receipt receipt, List<Summary> pings) {}

  /** Reads the body to its end first (nothing stored if it is not a notification), then stores it in batches. */
  Stored store(Path file) throws IOException {
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
      GarminNotification.read(in, null);
    }
    Instant now = clock.instant();
    List<Summary> pings = new ArrayList<>();
    Receipt[] total = {new Receipt(0, 0, 0, 0, 0)};
    List<Summary> batch = new ArrayList<>();
    long[] batchBytes = {0};
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
      GarminNotification.read(in, summary -> {
        if (summary.isPing() && callbacks.allowed(summary)) {
          pings.add(summary);
        }
        batch.add(summary);
        batchBytes[0] += summary.payloadJson().length();
        if (batchBytes[0] >= BATCH_BYTES || batch.size() >= BATCH_SUMMARIES) {
          total[0] = add(total[0], flush(batch, now));
          batchBytes[0] = 0;
        }
      });
    }
    if (!batch.isEmpty()) {
      total[0] = add(total[0], flush(batch, now));
    }
    return new Stored(new Receipt(total[0].summaries(), total[0].stored(), total[0].events(), pings.size(),
        total[0].quarantined()), pings);
  }

  private GarminInboxService.Receipt flush(List<Summary> batch, Instant now) {
    GarminInboxService.Receipt r = inbox.receive(List.copyOf(batch), now).await().atMost(Duration.ofMinutes(2));
    batch.clear();
    return r;
  }

  private static Receipt add(Receipt sum, GarminInboxService.Receipt r) {
    return new Receipt(sum.summaries() + r.summaries(), sum.stored() + r.stored(), sum.events() + r.events(), 0,
        sum.quarantined() + r.quarantined());
  }

  private void tooLarge(RoutingContext rc) {
    problem(rc, 413, "payload-too-large", "Payload Too Large", "A notification on this route is at most " + maxBytes
        + " bytes (Garmin documents Activity Details bodies of up to 100 MB)");
  }

  private static void problem(RoutingContext rc, int status, String kind, String title, String detail) {
    StreamedBody.problem(rc, status, kind, title, detail);
  }

  private String write(Object body) {
    try {
      return json.writeValueAsString(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
