package org.runningcoach.gateway.erasure;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Athletes who erased their data (Delete My Data) and when. A token of theirs issued before that
 * moment is refused: it is still validly signed until it expires, but the athlete it speaks for
 * has left. Held in memory per gateway replica, filled from the user-data-erased topic read from
 * its start (so a restarted replica knows the erasures again); an entry is dropped once every
 * token it could refuse has expired ({@code runningcoach.erasure.remember}, longer than the
 * identity provider's access token lifespan).
 */
@ApplicationScoped
public class ErasedAthletes {

  private final ConcurrentHashMap<String, Instant> erasedAt = new ConcurrentHashMap<>();
  private final Duration remember;

  public ErasedAthletes(@ConfigProperty(name = "runningcoach.erasure.remember", defaultValue = "24H") Duration remember) {
    this.remember = remember;
  }

  public void erased(String subject, Instant at, Instant now) {
    if (at.plus(remember).isBefore(now)) {
      return;
    }
    erasedAt.merge(subject, at, (a, b) -> a.isAfter(b) ? a : b);
    erasedAt.values().removeIf(t -> t.plus(remember).isBefore(now));
  }

  /** True when a token of the subject issued at {@code issuedAt} predates their erasure. */
  public boolean revoked(String subject, Instant issuedAt) {
    Instant at = erasedAt.get(subject);
    return at != null && !issuedAt.isAfter(at);
  }
}
