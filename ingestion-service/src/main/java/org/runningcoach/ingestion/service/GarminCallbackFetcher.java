package org.runningcoach.ingestion.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.runningcoach.ingestion.config.GarminConfig;
import org.runningcoach.ingestion.domain.CallbackPolicy;
import org.runningcoach.ingestion.domain.GarminNotification;
import org.runningcoach.ingestion.domain.GarminNotification.Summary;

/**
 * Fetches a ping's callbackURL after the ping has been answered, and stores what it returns
 * like a push. Redirects are not followed (they could leave the allow-list). A failed fetch is
 * logged: Garmin does not resend a ping we answered with 200, so recovery is Garmin's
 * Summary Resender or a backfill request (not automated yet).
 */
@ApplicationScoped
public class GarminCallbackFetcher {

  private static final Logger LOG = Logger.getLogger(GarminCallbackFetcher.class);

  private final GarminInboxService inbox;
  private final GarminConfig config;
  private final CallbackPolicy policy;
  private final HttpClient http;
  private final Clock clock = Clock.systemUTC();

  public GarminCallbackFetcher(GarminInboxService inbox, GarminConfig config) {
    this.inbox = inbox;
    this.config = config;
    this.policy = new CallbackPolicy(config.callbackHosts(), config.callbackHttpsOnly());
    this.http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
        .connectTimeout(config.callbackTimeout()).build();
  }

  /** Whether the ping's URL may be fetched at all (checked while answering the ping). */
  public boolean allowed(Summary ping) {
    return policy.allowed(ping.callbackUrl()).isPresent();
  }

  /** Starts the fetch; returns at once. */
  public void fetch(Summary ping) {
    Optional<URI> uri = policy.allowed(ping.callbackUrl());
    if (uri.isEmpty()) {
      LOG.warnf("refused Garmin %s callback outside the allow-list for user %s", ping.type(), ping.userId());
      return;
    }
    HttpRequest request = HttpRequest.newBuilder(uri.get()).timeout(config.callbackTimeout())
        .header("Accept", "application/json").GET().build();
    http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray())
        .thenAccept(response -> {
          if (response.statusCode() != 200) {
            LOG.warnf("Garmin %s callback answered %d for user %s", ping.type(), response.statusCode(), ping.userId());
            return;
          }
          try {
            var summaries = GarminNotification.parsePulled(ping.type(), response.body());
            inbox.receive(summaries, clock.instant()).subscribe().with(
                receipt -> LOG.debugf("Garmin %s callback: %s", ping.type(), receipt),
                failure -> LOG.errorf(failure, "storing Garmin %s callback data failed", ping.type()));
          } catch (java.io.IOException e) {
            LOG.warnf("Garmin %s callback body unreadable: %s", ping.type(), e.getMessage());
          }
        })
        .exceptionally(failure -> {
          LOG.warnf("Garmin %s callback failed: %s", ping.type(), failure.toString());
          return null;
        });
  }
}
