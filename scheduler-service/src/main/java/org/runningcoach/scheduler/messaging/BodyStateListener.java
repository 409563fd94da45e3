package org.runningcoach.scheduler.messaging;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.runningcoach.events.EventType;
import org.runningcoach.scheduler.service.DayReadinessService;
import org.runningcoach.support.messaging.IdempotentConsumer;

@ApplicationScoped
public class BodyStateListener {

  private final IdempotentConsumer consumer;
  private final DayReadinessService days;

  public BodyStateListener(IdempotentConsumer consumer, DayReadinessService days) {
    this.consumer = consumer;
    this.days = days;
  }

  @Incoming("body-state-computed")
  public Uni<Void> onBodyState(String message) {
    return consumer.handle("scheduler", message, EventType.BODY_STATE_COMPUTED, event -> tx -> days.record(event, tx));
  }
}
