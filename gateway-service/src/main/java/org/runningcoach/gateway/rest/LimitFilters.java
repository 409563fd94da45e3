package org.runningcoach.gateway.rest;

import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.runningcoach.gateway.config.LimitsConfig;
import org.runningcoach.gateway.ratelimit.TokenBuckets;

/**
 * Per-route body limits and per-webhook-sender rate limits, answered as problem+json before
 * anything is forwarded. A declared Content-Length over the limit is refused before the body is
 * read; a chunked body is counted as it is read and refused once it passes the limit.
 */
public class LimitFilters {

  /** The request property holding the body limit of the request, for {@link BodyCounter}. */
  static final String LIMIT = "runningcoach.body-limit";

  static final String GARMIN_WEBHOOK = "/webhooks/garmin";

  private final BodyLimits limits;
  private final LimitsConfig config;
  private final TokenBuckets senders;

  public LimitFilters(BodyLimits limits, LimitsConfig config) {
    this.limits = limits;
    this.config = config;
    this.senders = new TokenBuckets(config.webhook().burst(), config.webhook().perSecond(), config.webhook().maxSenders());
  }

  @ServerRequestFilter(preMatching = true)
  public Response declaredSize(ContainerRequestContext context, HttpServerRequest request) {
    long limit = limits.of(request.path());
    context.setProperty(LIMIT, limit);
    String length = request.getHeader("Content-Length");
    if (length == null) {
      return null;
    }
    try {
      if (Long.parseLong(length.trim()) <= limit) {
        return null;
      }
    } catch (NumberFormatException e) {
      return Problems.problem(400, "invalid-request", "Invalid request", "Content-Length is not a number", request.path());
    }
    return tooLarge(request.path(), limit);
  }

  @ServerRequestFilter(preMatching = true)
  public Response webhookSender(ContainerRequestContext context, HttpServerRequest request) {
    if (!config.webhook().enabled() || !BodyLimits.covers(GARMIN_WEBHOOK, request.path())) {
      return null;
    }
    String sender = request.getHeader("garmin-client-id");
    long wait = senders.take(sender == null ? "(none)" : sender, System.nanoTime());
    if (wait == 0) {
      return null;
    }
    long seconds = Math.max(1, (wait + 999_999_999L) / 1_000_000_000L);
    Audit.denied(null, request, "rate limit per webhook sender");
    Response problem = Problems.problem(429, "too-many-requests", "Too many requests",
        "This sender (garmin-client-id) sent more than " + config.webhook().burst() + " notifications in a burst or "
            + config.webhook().perSecond() + " a second for a while; retry in " + seconds + " s.", request.path());
    return Response.fromResponse(problem).header("Retry-After", String.valueOf(seconds)).build();
  }

  static Response tooLarge(String path, long limit) {
    return Problems.problem(413, "payload-too-large", "Payload too large",
        "The body is larger than " + limit + " bytes, the limit of " + path + ".", path);
  }
}
