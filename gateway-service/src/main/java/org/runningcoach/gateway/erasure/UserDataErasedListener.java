package org.runningcoach.gateway.erasure;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;
import org.runningcoach.events.EventCodec;
import org.runningcoach.events.EventType;

/** Learns of each Delete My Data, so the athlete's earlier tokens stop working at once. */
@ApplicationScoped
public class UserDataErasedListener {

  private static final Logger LOG = Logger.getLogger(UserDataErasedListener.class);

  private final ErasedAthletes erased;

  public UserDataErasedListener(ErasedAthletes erased) {
    this.erased = erased;
  }

  @Incoming("user-data-erased")
  public void onErased(String message) {
    try {
      var event = EventCodec.decode(message, EventType.USER_DATA_ERASED);
      erased.erased(event.subject(), event.time(), Instant.now());
      LOG.infof("tokens of athlete %s issued up to %s are refused from now on (Delete My Data)", event.subject(), event.time());
    } catch (EventCodec.InvalidEventException e) {
      // Not ours to dead-letter: the services consuming this topic do that.
      LOG.warnf("ignored a message on user-data-erased that is not a valid event: %s", e.getMessage());
    }
  }
}
