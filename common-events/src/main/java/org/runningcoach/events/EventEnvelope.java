package org.runningcoach.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A CloudEvents 1.0 event in structured JSON mode: the context attributes and the data in one
 * JSON document. {@code subject} is always the athlete id, which is also the Kafka key, so one
 * athlete's events stay ordered. {@code schemaversion} is a CloudEvents extension attribute
 * (lower-case, as the spec requires) naming the version of {@code dataschema}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EventEnvelope<T>(
    String specversion,
    UUID id,
    String type,
    String source,
    String subject,
    Instant time,
    String datacontenttype,
    String dataschema,
    int schemaversion,
    T data) {

  public static final String SPEC_VERSION = "1.0";
  public static final String CONTENT_TYPE = "application/json";

  public EventEnvelope {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(data, "data");
  }

  /** The id and time are chosen by the caller (the service layer), never inside domain code. */
  public static <T> EventEnvelope<T> of(
      EventType<T> type, String source, String athleteId, UUID id, Instant time, T data) {
    return new EventEnvelope<>(
        SPEC_VERSION, id, type.ceType(), source, athleteId, time, CONTENT_TYPE,
        type.dataschema(), type.schemaVersion(), data);
  }
}
