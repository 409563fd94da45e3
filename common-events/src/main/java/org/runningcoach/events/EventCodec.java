package org.runningcoach.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * Encodes and decodes event envelopes. Consumers tolerate unknown fields (a producer may add
 * optional fields in the same schema version); dates are ISO-8601 strings.
 */
public final class EventCodec {

  private static final ObjectMapper MAPPER = new ObjectMapper()
      .registerModule(new JavaTimeModule())
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE);

  private EventCodec() {}

  public static ObjectMapper mapper() {
    return MAPPER;
  }

  public static String encode(EventEnvelope<?> envelope) {
    try {
      return MAPPER.writeValueAsString(envelope);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("event cannot be encoded: " + e.getOriginalMessage(), e);
    }
  }

  /**
   * Decodes a message of the given type; a malformed message or one of another type is an
   * {@link InvalidEventException} (the consumer sends it to the dead-letter topic).
   */
  public static <T> EventEnvelope<T> decode(String json, EventType<T> type) {
    EventEnvelope<T> envelope;
    try {
      JavaType javaType = MAPPER.getTypeFactory().constructParametricType(EventEnvelope.class, type.dataClass());
      envelope = MAPPER.readValue(json, javaType);
    } catch (JsonProcessingException | IllegalArgumentException | NullPointerException e) {
      throw new InvalidEventException("not a valid " + type.name() + " event: " + e.getMessage(), e);
    }
    if (!type.ceType().equals(envelope.type())) {
      throw new InvalidEventException("expected type " + type.ceType() + " but got " + envelope.type(), null);
    }
    if (envelope.schemaversion() != type.schemaVersion()) {
      throw new InvalidEventException(
          "unsupported schema version " + envelope.schemaversion() + " of " + type.name(), null);
    }
    return envelope;
  }

  public static JsonNode tree(String json) {
    try {
      return MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new InvalidEventException("not JSON: " + e.getOriginalMessage(), e);
    }
  }

  public static final class InvalidEventException extends RuntimeException {
    public InvalidEventException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
