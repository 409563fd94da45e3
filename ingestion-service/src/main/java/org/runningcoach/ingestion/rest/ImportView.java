package org.runningcoach.ingestion.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Row;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * An export.xml import as its athlete follows it: {@code state} QUEUED → VALIDATING (the whole
 * file is checked first) → IMPORTING → DONE, or FAILED with {@code error}. {@code recordsRead} are
 * the file's top-level records, {@code accepted} those that gave a sample, {@code skipped} the
 * others by reason ("not used: HKQuantityTypeIdentifierStepCount", "value out of physiological
 * range"…), {@code daysAffected} the days whose inputs changed and were announced, and
 * {@code duplicateOf} the earlier import of the same file, when this one changed nothing.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ImportView(UUID id, String state, long bytes, long recordsRead, long accepted, long skipped,
    Map<String, Long> skippedReasons, int daysAffected, int events, UUID duplicateOf, String error, Instant createdAt,
    Instant updatedAt, Instant finishedAt) {

  public static ImportView of(Row row) {
    Map<String, Long> reasons = new TreeMap<>();
    Object json = row.getValue("skipped_reasons");
    if (json instanceof JsonObject object) {
      object.forEach(e -> reasons.put(e.getKey(), ((Number) e.getValue()).longValue()));
    }
    return new ImportView(row.getUUID("id"), row.getString("state"), row.getLong("bytes"), row.getLong("records_read"),
        row.getLong("accepted"), row.getLong("skipped"), reasons, row.getInteger("days_affected"),
        row.getInteger("events"), row.getUUID("duplicate_of"), row.getString("error"), instant(row, "created_at"),
        instant(row, "updated_at"), instant(row, "finished_at"));
  }

  private static Instant instant(Row row, String column) {
    OffsetDateTime t = row.getOffsetDateTime(column);
    return t == null ? null : t.toInstant();
  }
}
