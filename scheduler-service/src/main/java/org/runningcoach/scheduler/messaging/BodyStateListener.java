package org.runningcoach.scheduler.messaging;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.runningcoach.events.EventType;
import org.runningcoach.scheduler.service.AdaptationService;
import org.runningcoach.support.messaging.IdempotentConsumer;

@ApplicationScoped
public class BodyStateListener {

  private final IdempotentConsumer consumer;
  private final AdaptationService adaptations;

  public BodyStateListener(IdempotentConsumer consumer, AdaptationService adaptations) {
    this.consumer = consumer;
    this.adaptations = adaptations;
  }

  @Incoming("body-state-computed")
  public Uni<Void> onBodyState(String message) {
    return consumer.handle("scheduler", message, EventType.BODY_STATE_COMPUTED,
        event -> tx -> adaptations.onBodyState(event, tx));
  }
}
