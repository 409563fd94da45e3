package org.runningcoach.ingestion.service;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import io.vertx.mutiny.sqlclient.SqlConnection;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import org.runningcoach.ingestion.rest.GarminBackfillView;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.runningcoach.events.EventEnvelope;
import org.runningcoach.events.EventType;
import org.runningcoach.events.HealthDataReceived;
import org.runningcoach.ingestion.domain.GarminNotification;
import org.runningcoach.ingestion.domain.GarminReadings;
import org.runningcoach.support.crypto.DataKeys;
import org.runningcoach.support.outbox.Outbox;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.runningcoach.ingestion.rest.DeviceLinkView;
import org.runningcoach.support.rest.Problem;
import org.runningcoach.support.rest.ProblemException;

/**
 * Links a vendor account to an athlete. Today the athlete states their Garmin user id; the
 * OAuth flow that replaces this will call {@link #link} with the id Garmin's user-id endpoint
 * returns after the token exchange, so the table and the webhook path stay as they are.
 */
@ApplicationScoped
public class DeviceLinkService {

  private static final Logger LOG = Logger.getLogger(DeviceLinkService.class);
  private static final String SOURCE = "/ingestion-service/device-links/garmin";

  private final Pool pool;
  private final Outbox outbox;
  private final DataKeys keys;
  private final Clock clock = Clock.systemUTC();

  private final java.util.Optional<String> garminApi;

  public DeviceLinkService(Pool pool, Outbox outbox, DataKeys keys, org.runningcoach.ingestion.config.GarminConfig garmin) {
    this.pool = pool;
    this.outbox = outbox;
    this.keys = keys;
    this.garminApi = garmin.apiBaseUrl();
  }

  /** The link, and whether it was created now (false: this exact link already existed). */
  public record Linked(DeviceLinkView link, boolean created) {}

  /**
   * Links the account. A new link also claims what the vendor sent for that user before it
   * existed (kept raw with no athlete): those summaries become the athlete's and are announced
   * now, in the same transaction. Only rows still without an athlete are claimed, so a summary
   * is announced once however often the link is made, removed and made again.
   */
  public Uni<Linked> link(String athleteId, String vendor, String vendorUserId) {
    Instant now = clock.instant();
    return outbox.inTransaction(tx -> tx.preparedQuery("""
            INSERT INTO device_link (vendor, vendor_user_id, athlete_id, linked_at) VALUES ($1, $2, $3, $4)
            ON CONFLICT DO NOTHING RETURNING *""")
        .execute(Tuple.of(vendor, vendorUserId, athleteId, now.atOffset(ZoneOffset.UTC)))
        .flatMap(inserted -> {
          if (inserted.size() == 1) {
            DeviceLinkView link = view(inserted.iterator().next());
            return claimBacklog(tx, athleteId, vendor, vendorUserId, now).map(events -> new Linked(link, true));
          }
          return tx.preparedQuery("SELECT * FROM device_link WHERE vendor = $1 AND (vendor_user_id = $2 OR athlete_id = $3)")
              .execute(Tuple.of(vendor, vendorUserId, athleteId))
              .map(rows -> {
                for (Row row : rows) {
                  if (row.getString("athlete_id").equals(athleteId) && row.getString("vendor_user_id").equals(vendorUserId)) {
                    return new Linked(view(row), false);
                  }
                }
                for (Row row : rows) {
                  if (row.getString("athlete_id").equals(athleteId)) {
                    throw conflict("You are already linked to another " + vendor + " account; unlink it first "
                        + "(DELETE /device-links/" + vendor.toLowerCase() + ")");
                  }
                }
                // Another athlete holds it; do not say who.
                throw conflict("This " + vendor + " account is linked to another athlete");
              });
        }));
  }

  /**
   * Rows kept before the link are sealed with the Garmin user's own data key; claiming them opens
   * each with that key and seals it again with the athlete's, so the athlete's erasure destroys
   * the only key that opens them.
   */
  private Uni<Integer> claimBacklog(SqlConnection tx, String athleteId, String vendor, String vendorUserId,
      Instant now) {
    return tx.preparedQuery("""
            SELECT id, summary_type, summary_key, payload::text AS payload, payload_sealed, content_hash, updated_at
            FROM webhook_inbox
            WHERE vendor = $1 AND vendor_user_id = $2 AND athlete_id IS NULL
              AND summary_type NOT IN ('deregistrations', 'userPermissionsChange')
            FOR UPDATE""")
        .execute(Tuple.of(vendor, vendorUserId))
        .flatMap(rows -> keys.forReading(tx, Inbox.owner(null, vendor, vendorUserId))
            .flatMap(ring -> keys.forWriting(tx, athleteId).flatMap(sealer -> {
              List<Row> claimed = new ArrayList<>();
              List<String> payloads = new ArrayList<>();
              Uni<Void> updates = Uni.createFrom().voidItem();
              for (Row row : rows) {
                String recordKey = Inbox.recordKey(vendor, vendorUserId, row.getString("summary_type"),
                    row.getString("summary_key"));
                String payload = row.getBuffer("payload_sealed") == null ? row.getString("payload")
                    : ring.openText(Inbox.PAYLOAD, recordKey, row.getBuffer("payload_sealed"));
                claimed.add(row);
                payloads.add(payload);
                Tuple update = Tuple.of(athleteId, sealer.sealText(Inbox.PAYLOAD, recordKey, payload), row.getUUID("id"));
                updates = updates.flatMap(done -> tx.preparedQuery(
                        "UPDATE webhook_inbox SET athlete_id = $1, payload_sealed = $2, payload = NULL WHERE id = $3")
                    .execute(update).replaceWithVoid());
              }
              return updates.replaceWith(new Claimed(claimed, payloads));
            })))
        .flatMap(found -> {
          List<Integer> order = new ArrayList<>();
          for (int i = 0; i < found.rows().size(); i++) {
            order.add(i);
          }
          // Oldest first, so a day's later version is announced after the earlier one.
          order.sort(java.util.Comparator.comparing(i -> found.rows().get(i).getOffsetDateTime("updated_at")));
          List<HealthDataReceived> readings = new ArrayList<>();
          for (int i : order) {
            Row row = found.rows().get(i);
            try {
              var summary = GarminNotification.stored(row.getString("summary_type"), vendorUserId,
                  row.getString("summary_key"), found.payloads().get(i), row.getString("content_hash"));
              readings.addAll(GarminReadings.of(summary, athleteId, row.getUUID("id"), now));
            } catch (java.io.IOException e) {
              LOG.warnf("inbox row %s is not readable JSON; kept, not announced", row.getUUID("id"));
            }
          }
          Uni<Void> chain = Uni.createFrom().voidItem();
          for (HealthDataReceived reading : readings) {
            chain = chain.flatMap(done -> outbox.append(tx, EventType.HEALTH_DATA_RECEIVED,
                EventEnvelope.of(EventType.HEALTH_DATA_RECEIVED, SOURCE, athleteId, UUID.randomUUID(), now, reading)));
          }
          if (!order.isEmpty()) {
            LOG.infof("%s user linked: %d summaries kept before the link announced as %d events", vendor,
                order.size(), readings.size());
          }
          return chain.map(done -> readings.size());
        });
  }

  private record Claimed(List<Row> rows, List<String> payloads) {}

  /** Garmin's limit for one Health API backfill request. */
  static final int BACKFILL_MAX_DAYS = 90;

  /** Records a backfill request for the athlete's linked account (see DeviceLinkResource#backfillGarmin). */
  public Uni<GarminBackfillView> backfill(String athleteId, String vendor, LocalDate from, LocalDate to) {
    LocalDate today = clock.instant().atOffset(ZoneOffset.UTC).toLocalDate();
    if (to.isBefore(from)) {
      throw ProblemException.invalid("to", "is before from");
    }
    if (to.isAfter(today.plusDays(1))) {
      throw ProblemException.invalid("to", "is in the future; Garmin has nothing to send yet");
    }
    if (ChronoUnit.DAYS.between(from, to) + 1 > BACKFILL_MAX_DAYS) {
      throw ProblemException.invalid("to", "is more than " + BACKFILL_MAX_DAYS + " days after from (Garmin's limit "
          + "for one request); split the range");
    }
    Instant now = clock.instant();
    return pool.withTransaction(tx -> tx.preparedQuery(
            "SELECT vendor_user_id FROM device_link WHERE vendor = $1 AND athlete_id = $2")
        .execute(Tuple.of(vendor, athleteId))
        .flatMap(rows -> {
          if (rows.size() == 0) {
            throw conflict("No " + vendor + " account is linked; link it first (POST /device-links/garmin)");
          }
          String vendorUserId = rows.iterator().next().getString("vendor_user_id");
          String detail = garminApi.map(api -> "Recorded; " + api + "/wellness-api/rest/backfill/{type} is called "
                  + "for it once the account's OAuth access token exists (the OAuth flow is not built yet)")
              .orElse("Recorded; no Garmin API is configured (garmin.api-base-url), so nothing is sent");
          UUID id = UUID.randomUUID();
          return tx.preparedQuery("""
                  INSERT INTO garmin_backfill (id, athlete_id, vendor_user_id, from_date, to_date, state, detail,
                                               requested_at)
                  VALUES ($1, $2, $3, $4, $5, 'RECORDED', $6, $7)""")
              .execute(Tuple.from(new Object[] {id, athleteId, vendorUserId, from, to, detail,
                  now.atOffset(ZoneOffset.UTC)}))
              .map(done -> new GarminBackfillView(id, vendorUserId, from, to, "RECORDED", detail, now));
        }));
  }

  public Uni<List<DeviceLinkView>> links(String athleteId) {
    return pool.preparedQuery("SELECT * FROM device_link WHERE athlete_id = $1 ORDER BY vendor")
        .execute(Tuple.of(athleteId))
        .map(rows -> {
          List<DeviceLinkView> out = new ArrayList<>();
          rows.forEach(row -> out.add(view(row)));
          return out;
        });
  }

  /** True when a link was removed. */
  public Uni<Boolean> unlink(String athleteId, String vendor) {
    return pool.preparedQuery("DELETE FROM device_link WHERE athlete_id = $1 AND vendor = $2")
        .execute(Tuple.of(athleteId, vendor))
        .map(rows -> rows.rowCount() > 0);
  }

  private static DeviceLinkView view(Row row) {
    String[] permissions = row.getArrayOfStrings("permissions");
    return new DeviceLinkView(row.getString("vendor"), row.getString("vendor_user_id"),
        row.getOffsetDateTime("linked_at").toInstant(),
        permissions == null ? null : Arrays.asList(permissions));
  }

  private static ProblemException conflict(String detail) {
    return new ProblemException(Problem.of(409, "conflict", "Conflict", detail));
  }
}
