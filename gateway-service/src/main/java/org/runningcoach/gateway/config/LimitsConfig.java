package org.runningcoach.gateway.config;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.util.Map;

/**
 * Request limits the gateway enforces before forwarding. Body sizes are per route prefix
 * ({@code runningcoach.limits.body."/checkin"=16K}; the longest matching prefix wins, {@code /x}
 * covers {@code /x} and {@code /x/...}, {@code /x/*} only what is below {@code /x/}); a route
 * matching none gets {@code body-default}. {@code quarkus.http.limits.max-body-size} stays the
 * outer bound for everything, so a prefix with a larger limit needs that raised too.
 * Webhook senders (the {@code garmin-client-id} of {@code /webhooks/garmin}) have a token bucket each.
 */
@ConfigMapping(prefix = "runningcoach.limits")
public interface LimitsConfig {

  @WithName("body")
  Map<String, MemorySize> body();

  @WithName("body-default")
  @WithDefault("64K")
  MemorySize bodyDefault();

  @WithName("webhook")
  Webhook webhook();

  interface Webhook {
    @WithDefault("true")
    boolean enabled();

    /** Garmin may push many summaries at once after an outage: a large burst, a steady refill. */
    @WithDefault("3000")
    int burst();

    @WithDefault("1000")
    double perSecond();

    @WithDefault("10000")
    int maxSenders();
  }
}
