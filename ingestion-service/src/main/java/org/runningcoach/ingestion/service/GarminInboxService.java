package org.runningcoach.ingestion.service;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
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
import org.runningcoach.ingestion.domain.GarminQuarantine;
import org.runningcoach.ingestion.domain.GarminReadings;
import org.runningcoach.support.crypto.DataKeys;
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
  /** Associated-data name of a quarantined item's sealed payload; the record is the row id. */
  public static final String QUARANTINE_PAYLOAD = "garmin_quarantine.payload";
  private static final String SOURCE = "/ingestion-service/webhooks/garmin";

  /** What one notification did: summaries read, rows new or changed, events emitted, items quarantined. */
  public record Receipt(int summaries, int stored, int events, int quarantined) {
    Receipt plus(int stored, int events) {
      return new Receipt(summaries, this.stored + stored, this.events + events, quarantined);
    }

    Receipt quarantinedOne() {
      return new Receipt(summaries, stored, events, quarantined + 1);
    }
  }

  private final Outbox outbox;
  private final MeterRegistry metrics;
  private final DataKeys keys;

  public GarminInboxService(Outbox outbox, MeterRegistry metrics, DataKeys keys) {
    this.outbox = outbox;
    this.metrics = metrics;
    this.keys = keys;
  }

  public Uni<Receipt> receive(List<Summary> summaries, Instant now) {
    List<Summary> data = summaries.stream().filter(s -> !s.isPing()).toList();
    if (data.isEmpty()) {
      return Uni.createFrom().item(new Receipt(summaries.size(), 0, 0, 0));
    }
    return outbox.inTransaction(tx -> {
      Uni<Receipt> chain = Uni.createFrom().item(new Receipt(summaries.size(), 0, 0, 0));
      for (Summary s : data) {
        var quarantine = GarminQuarantine.reason(s);
        if (quarantine.isPresent()) {
          chain = chain.flatMap(receipt -> quarantine(tx, s, quarantine.get(), now).map(done -> receipt.quarantinedOne()));
        } else {
          chain = chain.flatMap(receipt -> one(tx, s, now).map(events -> events < 0 ? receipt : receipt.plus(1, events)));
        }
      }
      return chain;
    }).invoke(receipt -> {
      // Counted once the transaction has committed.
      data.stream().map(GarminQuarantine::reason).flatMap(java.util.Optional::stream)
          .forEach(reason -> metrics.counter("garmin_quarantined_items_total", "reason", kind(reason)).increment());
    });
  }

  /** The reason without the item's own detail, so the metric has a handful of label values. */
  static String kind(String reason) {
    if (reason.startsWith("unknown summary type")) {
      return "unknown_type";
    }
    if (reason.startsWith("wrong type")) {
      return "wrong_type";
    }
    return "out_of_range";
  }

  /** Kept with its reason (once per content), sealed, linked to the athlete when the Garmin user is. */
  private Uni<Void> quarantine(SqlConnection tx, Summary s, String reason, Instant now) {
    UUID id = UUID.randomUUID();
    return tx.preparedQuery("SELECT athlete_id FROM device_link WHERE vendor = $1 AND vendor_user_id = $2")
        .execute(Tuple.of(VENDOR, s.userId()))
        .flatMap(rows -> {
          String athleteId = rows.size() == 0 ? null : rows.iterator().next().getString("athlete_id");
          return keys.forWriting(tx, Inbox.owner(athleteId, VENDOR, s.userId())).flatMap(sealer -> tx.preparedQuery("""
                  INSERT INTO garmin_quarantine (id, vendor_user_id, athlete_id, summary_type, reason, payload_sealed,
                                                 content_hash, received_at)
                  VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
                  ON CONFLICT (summary_type, content_hash) DO NOTHING""")
              .execute(Tuple.from(new Object[] {id, s.userId(), athleteId, s.type(), reason,
                  sealer.sealText(QUARANTINE_PAYLOAD, id.toString(), s.payloadJson()), s.contentHash(),
                  now.atOffset(ZoneOffset.UTC)})));
        })
        .replaceWithVoid();
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
          return keys.forWriting(tx, Inbox.owner(athleteId, VENDOR, s.userId())).flatMap(sealer -> tx.preparedQuery("""
                  INSERT INTO webhook_inbox (id, vendor, vendor_user_id, summary_type, summary_key, athlete_id,
                                             payload_sealed, content_hash, received_at, updated_at)
                  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9)
                  ON CONFLICT (vendor, vendor_user_id, summary_type, summary_key) DO UPDATE
                    SET payload_sealed = EXCLUDED.payload_sealed, payload = NULL, content_hash = EXCLUDED.content_hash,
                        athlete_id = EXCLUDED.athlete_id, updated_at = EXCLUDED.updated_at,
                        version = webhook_inbox.version + 1
                    WHERE webhook_inbox.content_hash <> EXCLUDED.content_hash
                  RETURNING id""")
              .execute(Tuple.from(new Object[] {UUID.randomUUID(), VENDOR, s.userId(), s.type(), s.dedupeKey(), athleteId,
                  sealer.sealText(Inbox.PAYLOAD, Inbox.recordKey(VENDOR, s.userId(), s.type(), s.dedupeKey()), s.payloadJson()),
                  s.contentHash(), now.atOffset(ZoneOffset.UTC)})))
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
