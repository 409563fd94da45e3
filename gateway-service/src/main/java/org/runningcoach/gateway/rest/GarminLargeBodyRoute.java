package org.runningcoach.gateway.rest;

import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.LinkedHashMap;
import java.util.Map;
import org.runningcoach.gateway.config.ServicesConfig;
import org.runningcoach.gateway.forward.StreamingPipe;

/**
 * {@code POST /webhooks/garmin/activity-details} streamed through to ingestion-service: Garmin's
 * Activity Details notifications may be 100 MB, four times the 25 MB the {@link
 * org.runningcoach.gateway.forward.Forwarder} holds in memory, so this route (placed before
 * Quarkus's body check) pipes the body chunk by chunk. No token: like {@code /webhooks/garmin},
 * the sender is authenticated by ingestion (client id + HMAC), whose headers are passed on
 * unchanged with the body. The gateway applies the per-sender rate limit and the route's body
 * limit ({@code runningcoach.limits.body."/webhooks/garmin/activity-details"}) to the declared
 * length; ingestion counts what actually arrives. Documented from {@code META-INF/openapi.yaml}.
 */
@ApplicationScoped
public class GarminLargeBodyRoute {

  public static final String PATH = "/webhooks/garmin/activity-details";

  private final ServicesConfig services;
  private final BodyLimits limits;
  private final WebhookSenders senders;
  private final HttpClient client;

  public GarminLargeBodyRoute(ServicesConfig services, BodyLimits limits, WebhookSenders senders, Vertx vertx) {
    this.services = services;
    this.limits = limits;
    this.senders = senders;
    this.client = vertx.createHttpClient(new HttpClientOptions().setIdleTimeout(60).setConnectTimeout(5000));
  }

  void register(@Observes Router router) {
    router.post(PATH).order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT - 1).handler(this::forward);
  }

  private void forward(RoutingContext rc) {
    HttpServerRequest in = rc.request();
    in.pause();
    long wait = senders.secondsToWait(in);
    if (wait > 0) {
      rc.response().putHeader("Retry-After", String.valueOf(wait));
      StreamingPipe.problem(rc, 429, "too-many-requests", "Too many requests", senders.refusal(wait));
      return;
    }
    long limit = limits.of(PATH);
    String length = in.getHeader("Content-Length");
    try {
      if (length != null && Long.parseLong(length.trim()) > limit) {
        StreamingPipe.problem(rc, 413, "payload-too-large", "Payload too large",
            "The body is larger than " + limit + " bytes, the limit of " + PATH + ".");
        return;
      }
    } catch (NumberFormatException e) {
      StreamingPipe.problem(rc, 400, "invalid-request", "Invalid request", "Content-Length is not a number");
      return;
    }
    Map<String, String> headers = new LinkedHashMap<>();
    for (String name : org.runningcoach.gateway.rest.IntegrationApi.GARMIN_HEADERS) {
      String value = in.getHeader(name);
      if (value != null) {
        headers.put(name, value);
      }
    }
    StreamingPipe.post(client, rc, services.ingestion().toString() + PATH, headers,
        "The notification could not be handed to the ingestion service; nothing was stored. Retry in a few seconds.");
  }
}
