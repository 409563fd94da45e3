package org.runningcoach.activity.messaging;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.runningcoach.activity.service.ActivityService;
import org.runningcoach.events.EventType;
import org.runningcoach.support.messaging.IdempotentConsumer;

/**
 * A workout a vendor reported (Garmin, Apple), handed over by ingestion: stored through the same
 * path as a JSON summary upload, so the same run uploaded as a file is counted once. The offset is
 * committed after the transaction; a workout no person can have goes to the dead-letter topic.
 */
@ApplicationScoped
public class ActivityReportedListener {

  private final IdempotentConsumer consumer;
  private final ActivityService activities;

  public ActivityReportedListener(IdempotentConsumer consumer, ActivityService activities) {
    this.consumer = consumer;
    this.activities = activities;
  }

  @Incoming("activity-reported")
  public Uni<Void> onActivityReported(String message) {
    return consumer.handle("activity", message, EventType.ACTIVITY_REPORTED, event -> tx -> activities.reported(event.data(), tx));
  }
}
