package org.runningcoach.ingestion.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Set;

/** The Garmin Health API webhook: who may call it and where ping callbacks may be fetched from. */
@ConfigMapping(prefix = "garmin")
public interface GarminConfig {

  /** Our consumer key; Garmin sends it in the {@code garmin-client-id} header of every notification. */
  String consumerKey();

  /** Shared secret for the HMAC-SHA256 signature over {@code timestamp + "." + body}. */
  String signingSecret();

  /** How far a signed timestamp may lie from our clock, either way. */
  @WithDefault("5M")
  Duration replayWindow();

  /** Hosts a ping's callbackURL may point at; any other host is refused (no SSRF). */
  @WithDefault("apis.garmin.com")
  Set<String> callbackHosts();

  /** Whether callbackURLs must be https (false only for a local stand-in in tests). */
  @WithDefault("true")
  boolean callbackHttpsOnly();

  @WithDefault("20S")
  Duration callbackTimeout();

  /**
   * The largest body of {@code /webhooks/garmin/activity-details} (streamed to a file): Garmin
   * documents Activity Details notifications of up to 100 MB.
   */
  @WithDefault("100M")
  io.quarkus.runtime.configuration.MemorySize largeBodyMaxSize();

  /**
   * Garmin's API base URL (https://apis.garmin.com) for backfill requests; unset, a backfill
   * request is only recorded. Calling it also needs the user's OAuth access token, which the
   * OAuth flow (not built yet) will provide: until then requests stay RECORDED either way.
   */
  java.util.Optional<String> apiBaseUrl();
}
