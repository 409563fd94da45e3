package org.runningcoach.gateway.rest;

import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import java.security.Principal;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.runningcoach.gateway.config.RateLimitConfig;
import org.runningcoach.gateway.ratelimit.TokenBuckets;

/**
 * Per-athlete rate limit: each token subject has its own bucket (runningcoach.rate-limit.*).
 * Over the limit the answer is 429 problem+json with Retry-After, and nothing is forwarded.
 * Calls without a verified token are not counted here; they end in 401 anyway.
 */
public class RateLimitFilter {

  private final RateLimitConfig config;
  private final TokenBuckets buckets;

  public RateLimitFilter(RateLimitConfig config) {
    this.config = config;
    this.buckets = new TokenBuckets(config.burst(), config.perSecond(), config.maxAthletes());
  }

  @ServerRequestFilter
  public Response limit(ContainerRequestContext context, HttpServerRequest request) {
    if (!config.enabled()) {
      return null;
    }
    Principal principal = context.getSecurityContext().getUserPrincipal();
    if (!(principal instanceof JsonWebToken jwt) || jwt.getSubject() == null) {
      return null;
    }
    long wait = buckets.take(jwt.getSubject(), System.nanoTime());
    if (wait == 0) {
      return null;
    }
    long seconds = Math.max(1, (wait + 999_999_999L) / 1_000_000_000L);
    Audit.denied(jwt.getSubject(), request, "rate limit per athlete");
    Response problem = Problems.problem(429, "too-many-requests", "Too many requests",
        "More than " + config.burst() + " requests in a burst or " + config.perSecond()
            + " a second for a while; retry in " + seconds + " s.", request.path());
    return Response.fromResponse(problem).header("Retry-After", String.valueOf(seconds)).build();
  }
}
