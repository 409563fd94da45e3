package org.runningcoach.gateway.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Requests each athlete (token subject) may make: a token bucket holding {@code burst} requests,
 * refilled at {@code per-second}. Generous enough for an app polling the dashboard, small enough
 * that one athlete's runaway client cannot starve the others.
 */
@ConfigMapping(prefix = "runningcoach.rate-limit")
public interface RateLimitConfig {
  @WithDefault("true")
  boolean enabled();

  @WithDefault("120")
  int burst();

  @WithDefault("10")
  double perSecond();

  /** Buckets kept at most; idle full ones are dropped first, so memory stays bounded. */
  @WithDefault("100000")
  int maxAthletes();
}
