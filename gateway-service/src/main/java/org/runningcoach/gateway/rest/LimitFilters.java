package org.runningcoach.gateway.rest;

import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

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
  private final WebhookSenders senders;

  public LimitFilters(BodyLimits limits, WebhookSenders senders) {
    this.limits = limits;
    this.senders = senders;
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
    if (!BodyLimits.covers(GARMIN_WEBHOOK, request.path())) {
      return null;
    }
    long seconds = senders.secondsToWait(request);
    if (seconds == 0) {
      return null;
    }
    Response problem = Problems.problem(429, "too-many-requests", "Too many requests", senders.refusal(seconds),
        request.path());
    return Response.fromResponse(problem).header("Retry-After", String.valueOf(seconds)).build();
  }

  static Response tooLarge(String path, long limit) {
    return Problems.problem(413, "payload-too-large", "Payload too large",
        "The body is larger than " + limit + " bytes, the limit of " + path + ".", path);
  }
}
