package org.runningcoach.events;

/** Kafka topic names: the kebab-case of the event type; dead letters add {@code -dlq}. */
public final class Topics {
  public static final String HEALTH_DATA_RECEIVED = "health-data-received";
  public static final String BODY_STATE_COMPUTED = "body-state-computed";
  public static final String PLAN_ADAPTED = "plan-adapted";
  public static final String LIFE_EVENT_REPORTED = "life-event-reported";
  public static final String USER_DATA_ERASED = "user-data-erased";
  public static final String ACTIVITY_REPORTED = "activity-reported";
  public static final String DLQ_SUFFIX = "-dlq";

  private Topics() {}
}
