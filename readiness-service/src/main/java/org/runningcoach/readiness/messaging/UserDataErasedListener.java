package org.runningcoach.readiness.messaging;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.runningcoach.events.EventType;
import org.runningcoach.readiness.service.EraseService;
import org.runningcoach.support.messaging.IdempotentConsumer;

/** Delete My Data: the offset is committed only after the athlete's rows are gone. */
@ApplicationScoped
public class UserDataErasedListener {

  private final IdempotentConsumer consumer;
  private final EraseService erase;

  public UserDataErasedListener(IdempotentConsumer consumer, EraseService erase) {
    this.consumer = consumer;
    this.erase = erase;
  }

  @Incoming("user-data-erased")
  public Uni<Void> onUserDataErased(String message) {
    return consumer.handle("readiness", message, EventType.USER_DATA_ERASED, event -> tx -> erase.erase(event, tx));
  }
}
