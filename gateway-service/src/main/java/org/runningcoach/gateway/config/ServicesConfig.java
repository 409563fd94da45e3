package org.runningcoach.gateway.config;

import io.smallrye.config.ConfigMapping;
import java.net.URI;
import java.time.Duration;

/** Base URLs of the services behind the gateway, and how long to wait for one. */
@ConfigMapping(prefix = "runningcoach.services")
public interface ServicesConfig {
  URI ingestion();

  URI activity();

  URI readiness();

  URI scheduler();

  Duration timeout();

  /**
   * Keep-alive connections to each service. Vert.x's default (5) made requests queue for a
   * connection once a service slowed, and answer 503 after {@link #timeout} (make bench, 200
   * check-ins/s); with more, a slow service shows as latency, and its own limits answer.
   */
  @io.smallrye.config.WithDefault("64")
  int maxConnections();
}
