package org.runningcoach.ingestion.service;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.runningcoach.events.EventEnvelope;
import org.runningcoach.events.EventType;
import org.runningcoach.events.HealthDataReceived;
import org.runningcoach.ingestion.domain.GarminNotification;
import org.runningcoach.ingestion.domain.GarminNotification.Summary;
import org.runningcoach.ingestion.domain.GarminReadings;
import org.runningcoach.ingestion.domain.WorkoutHandOff;
import org.runningcoach.support.outbox.Outbox;

/**
 * Stores Garmin summaries in the inbox and emits what readiness uses, and hands {@code activities}
 * to activity-service (ActivityReported), in one transaction per notification. A summary that is new or changed (different content for the same dedupe key)
 * is stored and, when its Garmin user is linked, announced; an identical redelivery changes
 * nothing. Deregistrations remove the link; permission changes are recorded on it.
 */
@ApplicationScoped
public class GarminInboxService {

  static final String VENDOR = "GARMIN";
  private static final String SOURCE = "/ingestion-service/webhooks/garmin";

  /** What one notification did: summaries read, rows new or changed, events emitted. */
  public record Receipt(int summaries, int stored, int events) {
    Receipt plus(int stored, int events) {
      return new Receipt(summaries, this.stored + stored, this.events + events);
    }
  }

  private final Outbox outbox;

  public GarminInboxService(Outbox outbox) {
    this.outbox = outbox;
  }

  public Uni<Receipt> receive(List<Summary> summaries, Instant now) {
    List<Summary> data = summaries.stream().filter(s -> !s.isPing()).toList();
    if (data.isEmpty()) {
      return Uni.createFrom().item(new Receipt(summaries.size(), 0, 0));
    }
    return outbox.inTransaction(tx -> {
      Uni<Receipt> chain = Uni.createFrom().item(new Receipt(summaries.size(), 0, 0));
      for (Summary s : data) {
        chain = chain.flatMap(receipt -> one(tx, s, now).map(events -> events < 0 ? receipt : receipt.plus(1, events)));
      }
      return chain;
    });
  }

  /** -1 when nothing changed, else the number of events emitted. */
  private Uni<Integer> one(SqlConnection tx, Summary s, Instant now) {
    Uni<Void> lifecycle = switch (s.type()) {
      case GarminNotification.DEREGISTRATIONS -> tx.preparedQuery(
              "DELETE FROM device_link WHERE vendor = $1 AND vendor_user_id = $2")
          .execute(Tuple.of(VENDOR, s.userId())).replaceWithVoid();
      case GarminNotification.PERMISSIONS_CHANGE -> recordPermissions(tx, s, now);
      default -> Uni.createFrom().voidItem();
    };
    return lifecycle
        .flatMap(done -> tx.preparedQuery("SELECT athlete_id FROM device_link WHERE vendor = $1 AND vendor_user_id = $2")
            .execute(Tuple.of(VENDOR, s.userId())))
        .flatMap(rows -> {
          String athleteId = rows.size() == 0 ? null : rows.iterator().next().getString("athlete_id");
          return tx.preparedQuery("""
                  INSERT INTO webhook_inbox (id, vendor, vendor_user_id, summary_type, summary_key, athlete_id,
                                             payload, content_hash, received_at, updated_at)
                  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9)
                  ON CONFLICT (vendor, vendor_user_id, summary_type, summary_key) DO UPDATE
                    SET payload = EXCLUDED.payload, content_hash = EXCLUDED.content_hash,
                        athlete_id = EXCLUDED.athlete_id, updated_at = EXCLUDED.updated_at,
                        version = webhook_inbox.version + 1
                    WHERE webhook_inbox.content_hash <> EXCLUDED.content_hash
                  RETURNING id""")
              .execute(Tuple.from(new Object[] {UUID.randomUUID(), VENDOR, s.userId(), s.type(), s.dedupeKey(),
                  athleteId, new JsonObject(s.payloadJson()), s.contentHash(), now.atOffset(ZoneOffset.UTC)}))
              .flatMap(written -> {
                if (written.size() == 0) {
                  return Uni.createFrom().item(-1);
                }
                if (athleteId == null) {
                  return Uni.createFrom().item(0);
                }
                UUID recordId = written.iterator().next().getUUID("id");
                Uni<Integer> workout = !s.type().equals(GarminNotification.ACTIVITIES) ? Uni.createFrom().item(0)
                    : WorkoutHandOff.garmin(s, athleteId, recordId, now)
                        .map(w -> outbox.append(tx, EventType.ACTIVITY_REPORTED,
                                EventEnvelope.of(EventType.ACTIVITY_REPORTED, SOURCE, athleteId, UUID.randomUUID(), now, w))
                            .replaceWith(1))
                        .orElse(Uni.createFrom().item(0));
                return workout.flatMap(handed -> announce(tx, GarminReadings.of(s, athleteId, recordId, now), now)
                    .map(events -> events + handed));
              });
        });
  }

  private Uni<Integer> announce(SqlConnection tx, List<HealthDataReceived> readings, Instant now) {
    List<Uni<Void>> appends = new ArrayList<>();
    for (HealthDataReceived reading : readings) {
      appends.add(outbox.append(tx, EventType.HEALTH_DATA_RECEIVED, EventEnvelope.of(EventType.HEALTH_DATA_RECEIVED,
          SOURCE, reading.athleteId(), UUID.randomUUID(), now, reading)));
    }
    if (appends.isEmpty()) {
      return Uni.createFrom().item(0);
    }
    // One connection runs one statement at a time: append in order.
    Uni<Void> chain = Uni.createFrom().voidItem();
    for (Uni<Void> append : appends) {
      chain = chain.flatMap(done -> append);
    }
    return chain.map(done -> readings.size());
  }

  /** The list is Garmin's current full set; an older change than the one recorded is ignored. */
  private Uni<Void> recordPermissions(SqlConnection tx, Summary s, Instant now) {
    List<String> permissions = new ArrayList<>();
    var node = s.payload().get("permissions");
    if (node != null && node.isArray()) {
      node.forEach(p -> permissions.add(p.asText()));
    }
    var changeTime = s.payload().get("changeTimeInSeconds");
    Instant changedAt = changeTime != null && changeTime.canConvertToLong()
        ? Instant.ofEpochSecond(changeTime.asLong()) : now;
    return tx.preparedQuery("""
            UPDATE device_link SET permissions = $3, permissions_changed_at = $4
            WHERE vendor = $1 AND vendor_user_id = $2
              AND (permissions_changed_at IS NULL OR permissions_changed_at <= $4)""")
        .execute(Tuple.of(VENDOR, s.userId(), permissions.toArray(new String[0]), changedAt.atOffset(ZoneOffset.UTC)))
        .replaceWithVoid();
  }
}
