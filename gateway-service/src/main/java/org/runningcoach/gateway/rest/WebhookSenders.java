package org.runningcoach.gateway.rest;

import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;
import org.runningcoach.gateway.config.LimitsConfig;
import org.runningcoach.gateway.ratelimit.TokenBuckets;

/**
 * The rate limit per webhook sender (its {@code garmin-client-id}): one token bucket each, shared
 * by every Garmin webhook route, the JAX-RS one and the streaming one.
 */
@ApplicationScoped
public class WebhookSenders {

  private final LimitsConfig config;
  private final TokenBuckets buckets;

  public WebhookSenders(LimitsConfig config) {
    this.config = config;
    this.buckets = new TokenBuckets(config.webhook().burst(), config.webhook().perSecond(), config.webhook().maxSenders());
  }

  /** 0 when the sender may go on, else the seconds it must wait (the refusal is audited). */
  long secondsToWait(HttpServerRequest request) {
    if (!config.webhook().enabled()) {
      return 0;
    }
    String sender = request.getHeader("garmin-client-id");
    long wait = buckets.take(sender == null ? "(none)" : sender, System.nanoTime());
    if (wait == 0) {
      return 0;
    }
    Audit.denied(null, request, "rate limit per webhook sender");
    return Math.max(1, (wait + 999_999_999L) / 1_000_000_000L);
  }

  String refusal(long seconds) {
    return "This sender (garmin-client-id) sent more than " + config.webhook().burst() + " notifications in a burst or "
        + config.webhook().perSecond() + " a second for a while; retry in " + seconds + " s.";
  }
}
