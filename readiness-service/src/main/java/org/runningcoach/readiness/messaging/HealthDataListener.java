package org.runningcoach.readiness.messaging;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.runningcoach.events.EventType;
import org.runningcoach.readiness.service.ReadinessService;
import org.runningcoach.support.messaging.IdempotentConsumer;

/** The offset is committed only after the transaction has; a poison message goes to the dead-letter topic. */
@ApplicationScoped
public class HealthDataListener {

  private final IdempotentConsumer consumer;
  private final ReadinessService readiness;

  public HealthDataListener(IdempotentConsumer consumer, ReadinessService readiness) {
    this.consumer = consumer;
    this.readiness = readiness;
  }

  @Incoming("health-data-received")
  public Uni<Void> onHealthData(String message) {
    return consumer.handle("readiness", message, EventType.HEALTH_DATA_RECEIVED,
        event -> tx -> readiness.apply(event, tx));
  }

  @Incoming("life-event-reported")
  public Uni<Void> onLifeEvent(String message) {
    return consumer.handle("readiness", message, EventType.LIFE_EVENT_REPORTED,
        event -> tx -> readiness.applyLifeEvent(event, tx));
  }
}
