package org.runningcoach.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** A producer cannot drift from its consumers: every example validates and round-trips exactly. */
class EventContractTest {

  private static final SchemaRegistry SCHEMAS = SchemaRegistry.withDefaultDialect(
      SpecificationVersion.DRAFT_2020_12,
      builder -> builder.schemaIdResolvers(
          ids -> ids.mapPrefix("https://runningcoach.org/schemas/", "classpath:schemas/")));

  static Stream<EventType<?>> eventTypes() {
    return EventType.ALL.stream();
  }

  /** Every example file: {@code <topic>.v<version>[.<variant>].json}, each paired with its type. */
  static Stream<org.junit.jupiter.params.provider.Arguments> examples() throws Exception {
    java.nio.file.Path dir = java.nio.file.Path.of(EventContractTest.class.getResource("/examples").toURI());
    try (Stream<java.nio.file.Path> files = java.nio.file.Files.list(dir)) {
      List<org.junit.jupiter.params.provider.Arguments> all = files.sorted().map(f -> {
        String name = f.getFileName().toString();
        EventType<?> type = EventType.ALL.stream()
            .filter(t -> name.startsWith(t.topic() + ".v" + t.schemaVersion() + "."))
            .findFirst().orElseThrow(() -> new AssertionError("example " + name + " names no event type"));
        return org.junit.jupiter.params.provider.Arguments.of(name, type);
      }).toList();
      assertThat(all).hasSizeGreaterThan(EventType.ALL.size());
      return all.stream();
    }
  }

  static Schema schemaOf(EventType<?> type) {
    return SCHEMAS.getSchema(SchemaLocation.of("https://runningcoach.org" + type.schemaResource()));
  }

  static String resource(String path) throws IOException {
    try (InputStream in = EventContractTest.class.getResourceAsStream(path)) {
      assertThat(in).as("resource %s", path).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @ParameterizedTest(name = "{0} validates against its schema")
  @MethodSource("examples")
  void everyExampleValidatesAgainstItsSchema(String example, EventType<?> type) throws IOException {
    List<Error> errors = schemaOf(type).validate(EventCodec.tree(resource("/examples/" + example)));
    assertThat(errors).isEmpty();
  }

  @ParameterizedTest(name = "{0} round-trips field for field")
  @MethodSource("examples")
  void everyExampleRoundTripsFieldForField(String example, EventType<?> type) throws IOException {
    String json = resource("/examples/" + example);
    EventEnvelope<?> decoded = EventCodec.decode(json, type);
    JsonNode reencoded = EventCodec.tree(EventCodec.encode(decoded));
    assertThat(reencoded).isEqualTo(EventCodec.tree(json));
    assertThat(decoded.data()).isInstanceOf(type.dataClass());
  }

  @ParameterizedTest(name = "{0} schema rejects an unknown data field")
  @MethodSource("eventTypes")
  void schemaRejectsAFieldTheConsumersDoNotKnow(EventType<?> type) throws IOException {
    ObjectNode tree = (ObjectNode) EventCodec.tree(resource(type.exampleResource()));
    ((ObjectNode) tree.get("data")).put("surpriseField", 1);
    assertThat(schemaOf(type).validate(tree)).isNotEmpty();
  }

  @Test
  void anEnvelopeBuiltInJavaValidatesWithOnlyTheRequiredCheckinFields() {
    var data = HealthDataReceived.checkin("athlete-1", UUID.randomUUID(), HealthDataReceived.DataSource.MANUAL,
        LocalDate.of(2026, 3, 2), Instant.parse("2026-03-02T06:00:00Z"),
        new HealthDataReceived.Checkin(4.5, null, 3, 8, null, null, null));
    var envelope = EventEnvelope.of(EventType.HEALTH_DATA_RECEIVED, "/test", "athlete-1", UUID.randomUUID(),
        Instant.parse("2026-03-02T06:00:01Z"), data);
    String json = EventCodec.encode(envelope);
    assertThat(schemaOf(EventType.HEALTH_DATA_RECEIVED).validate(EventCodec.tree(json))).isEmpty();
    assertThat(EventCodec.decode(json, EventType.HEALTH_DATA_RECEIVED)).isEqualTo(envelope);
  }

  @ParameterizedTest(name = "a {0} event without its {1} part is invalid")
  @CsvSource({"json, checkin", "hrv.json, hrv", "resting-hr.json, restingHr", "sleep.json, sleep",
      "stress.json, stress", "workout.json, workout"})
  void aHealthDataEventWithoutThePartItsKindNamesIsInvalid(String example, String part) throws IOException {
    ObjectNode tree = (ObjectNode) EventCodec.tree(resource("/examples/health-data-received.v1." + example));
    assertThat(schemaOf(EventType.HEALTH_DATA_RECEIVED).validate(tree)).isEmpty();
    ((ObjectNode) tree.get("data")).remove(part);
    assertThat(schemaOf(EventType.HEALTH_DATA_RECEIVED).validate(tree)).isNotEmpty();
  }

  @Test
  void aRemovedWorkoutNamesTheActivityAndCarriesNoWorkoutPart() throws IOException {
    ObjectNode tree = (ObjectNode) EventCodec.tree(resource("/examples/health-data-received.v1.workout-removed.json"));
    assertThat(schemaOf(EventType.HEALTH_DATA_RECEIVED).validate(tree)).isEmpty();
    ObjectNode workout = (ObjectNode) EventCodec.tree(resource("/examples/health-data-received.v1.workout.json"))
        .get("data").get("workout");
    ((ObjectNode) tree.get("data")).set("workout", workout);
    assertThat(schemaOf(EventType.HEALTH_DATA_RECEIVED).validate(tree)).isNotEmpty();
    ((ObjectNode) tree.get("data")).remove("workout");
    ((ObjectNode) tree.get("data")).remove("recordId");
    assertThat(schemaOf(EventType.HEALTH_DATA_RECEIVED).validate(tree)).isNotEmpty();
  }

  @Test
  void anHrvOutsideWhatAHeartCanDoIsInvalid() throws IOException {
    ObjectNode tree = (ObjectNode) EventCodec.tree(resource("/examples/health-data-received.v1.hrv.json"));
    ((ObjectNode) tree.get("data").get("hrv")).put("valueMs", 0);
    assertThat(schemaOf(EventType.HEALTH_DATA_RECEIVED).validate(tree)).isNotEmpty();
    ((ObjectNode) tree.get("data").get("hrv")).put("valueMs", 301);
    assertThat(schemaOf(EventType.HEALTH_DATA_RECEIVED).validate(tree)).isNotEmpty();
  }

  @Test
  void decodingRefusesAnotherTypeAnotherVersionAndGarbage() throws IOException {
    String bodyState = resource(EventType.BODY_STATE_COMPUTED.exampleResource());
    assertThatThrownBy(() -> EventCodec.decode(bodyState, EventType.HEALTH_DATA_RECEIVED))
        .isInstanceOf(EventCodec.InvalidEventException.class);
    String v2 = bodyState.replace("\"schemaversion\": 1", "\"schemaversion\": 2");
    assertThatThrownBy(() -> EventCodec.decode(v2, EventType.BODY_STATE_COMPUTED))
        .isInstanceOf(EventCodec.InvalidEventException.class).hasMessageContaining("schema version 2");
    assertThatThrownBy(() -> EventCodec.decode("{\"id\":", EventType.BODY_STATE_COMPUTED))
        .isInstanceOf(EventCodec.InvalidEventException.class);
    assertThatThrownBy(() -> EventCodec.decode("{}", EventType.BODY_STATE_COMPUTED))
        .isInstanceOf(EventCodec.InvalidEventException.class);
  }

  @Test
  void topicsAreTheKebabCaseOfTheirTypes() {
    for (EventType<?> type : EventType.ALL) {
      String kebab = type.name().replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase();
      assertThat(type.topic()).isEqualTo(kebab);
    }
  }
}
