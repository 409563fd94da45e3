package org.runningcoach.events;

import java.util.List;

/**
 * The catalogue of event types: CloudEvents type, Kafka topic, data record and schema version.
 * A new type gets a record, a JSON Schema and an example here, and a row in the README.
 */
public record EventType<T>(String name, String topic, Class<T> dataClass, int schemaVersion) {

  public static final EventType<HealthDataReceived> HEALTH_DATA_RECEIVED =
      new EventType<>("HealthDataReceived", Topics.HEALTH_DATA_RECEIVED, HealthDataReceived.class, 1);
  public static final EventType<BodyStateComputed> BODY_STATE_COMPUTED =
      new EventType<>("BodyStateComputed", Topics.BODY_STATE_COMPUTED, BodyStateComputed.class, 1);
  public static final EventType<PlanAdapted> PLAN_ADAPTED =
      new EventType<>("PlanAdapted", Topics.PLAN_ADAPTED, PlanAdapted.class, 1);
  public static final EventType<LifeEventReported> LIFE_EVENT_REPORTED =
      new EventType<>("LifeEventReported", Topics.LIFE_EVENT_REPORTED, LifeEventReported.class, 1);
  public static final EventType<UserDataErased> USER_DATA_ERASED =
      new EventType<>("UserDataErased", Topics.USER_DATA_ERASED, UserDataErased.class, 1);

  public static final EventType<ActivityReported> ACTIVITY_REPORTED =
      new EventType<>("ActivityReported", Topics.ACTIVITY_REPORTED, ActivityReported.class, 1);

  public static final List<EventType<?>> ALL =
      List.of(HEALTH_DATA_RECEIVED, BODY_STATE_COMPUTED, PLAN_ADAPTED, LIFE_EVENT_REPORTED, USER_DATA_ERASED, ACTIVITY_REPORTED);

  /** CloudEvents {@code type} attribute, reverse-DNS prefixed as the spec recommends. */
  public String ceType() {
    return "org.runningcoach." + name;
  }

  /** Resource path of the JSON Schema that validates the whole envelope of this type and version. */
  public String schemaResource() {
    return "/schemas/" + topic + ".v" + schemaVersion + ".schema.json";
  }

  public String exampleResource() {
    return "/examples/" + topic + ".v" + schemaVersion + ".json";
  }

  public String dataschema() {
    return "urn:runningcoach:schema:" + topic + ":v" + schemaVersion;
  }

  public static EventType<?> byCeType(String ceType) {
    return ALL.stream().filter(t -> t.ceType().equals(ceType)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("unknown event type " + ceType));
  }
}
