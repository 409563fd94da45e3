package org.runningcoach.readiness.messaging;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.runningcoach.events.EventType;
import org.runningcoach.readiness.service.ReadinessService;
import org.runningcoach.support.messaging.IdempotentConsumer;

@ApplicationScoped
public class HealthDataListener {

  private final IdempotentConsumer consumer;
  private final ReadinessService readiness;

  public HealthDataListener(IdempotentConsumer consumer, ReadinessService readiness) {
    this.consumer = consumer;
    this.readiness = readiness;
  }

  /** The offset is committed only after the transaction has; a poison message goes to the dead-letter topic. */
  @Incoming("health-data-received")
  public Uni<Void> onHealthData(String message) {
    return consumer.handle("readiness", message, EventType.HEALTH_DATA_RECEIVED,
        event -> tx -> readiness.apply(event, tx));
  }
}
