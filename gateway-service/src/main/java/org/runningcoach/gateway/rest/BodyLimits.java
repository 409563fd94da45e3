package org.runningcoach.gateway.rest;

import jakarta.inject.Singleton;
import java.util.Comparator;
import java.util.List;
import org.runningcoach.gateway.config.LimitsConfig;

/** The body size limit of a request path: the longest configured prefix that covers it, else the default. */
@Singleton
public class BodyLimits {

  record Limit(String prefix, long bytes) {}

  private final List<Limit> limits;
  private final long fallback;

  public BodyLimits(LimitsConfig config) {
    this.limits = config.body().entrySet().stream()
        .map(e -> new Limit(e.getKey(), e.getValue().asLongValue()))
        .sorted(Comparator.comparingInt((Limit l) -> l.prefix().length()).reversed())
        .toList();
    this.fallback = config.bodyDefault().asLongValue();
  }

  long of(String path) {
    for (Limit limit : limits) {
      if (covers(limit.prefix(), path)) {
        return limit.bytes();
      }
    }
    return fallback;
  }

  static boolean covers(String prefix, String path) {
    if (prefix.endsWith("/*")) {
      return path.startsWith(prefix.substring(0, prefix.length() - 1));
    }
    String bare = prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
    return path.equals(bare) || path.startsWith(bare + "/");
  }
}
