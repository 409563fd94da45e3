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
}
