package org.runningcoach.scheduler.messaging;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.runningcoach.events.EventType;
import org.runningcoach.scheduler.service.AdaptationService;
import org.runningcoach.support.messaging.IdempotentConsumer;

@ApplicationScoped
public class LifeEventListener {

  private final IdempotentConsumer consumer;
  private final AdaptationService adaptations;

  public LifeEventListener(IdempotentConsumer consumer, AdaptationService adaptations) {
    this.consumer = consumer;
    this.adaptations = adaptations;
  }

  @Incoming("life-event-reported")
  public Uni<Void> onLifeEvent(String message) {
    return consumer.handle("scheduler", message, EventType.LIFE_EVENT_REPORTED,
        event -> tx -> adaptations.onLifeEvent(event, tx));
  }
}
