package org.runningcoach.ingestion.domain;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which ping callbackURLs we fetch. The URL comes from the request body, so without this check
 * anyone able to post a ping could make us call internal addresses (SSRF). Only the configured
 * hosts are allowed (an entry {@code host} allows the scheme's default port, {@code host:port}
 * that port), no user info, https unless explicitly relaxed for a local stand-in.
 */
public final class CallbackPolicy {

  private final Set<String> hosts;
  private final boolean httpsOnly;

  public CallbackPolicy(Set<String> hosts, boolean httpsOnly) {
    this.hosts = hosts.stream().map(h -> h.trim().toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    this.httpsOnly = httpsOnly;
  }

  /** The URL to fetch when allowed, else empty. */
  public Optional<URI> allowed(String callbackUrl) {
    if (callbackUrl == null) {
      return Optional.empty();
    }
    URI uri;
    try {
      uri = new URI(callbackUrl.trim());
    } catch (URISyntaxException e) {
      return Optional.empty();
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    boolean schemeOk = scheme.equals("https") || (!httpsOnly && scheme.equals("http"));
    if (!schemeOk || uri.getHost() == null || uri.getRawUserInfo() != null || uri.getRawFragment() != null) {
      return Optional.empty();
    }
    String host = uri.getHost().toLowerCase(Locale.ROOT);
    boolean hostOk = uri.getPort() == -1 ? hosts.contains(host) : hosts.contains(host + ":" + uri.getPort());
    return hostOk ? Optional.of(uri) : Optional.empty();
  }
}
