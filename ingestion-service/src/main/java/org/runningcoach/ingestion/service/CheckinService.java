package org.runningcoach.ingestion.service;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;
import org.runningcoach.events.EventEnvelope;
import org.runningcoach.events.EventType;
import org.runningcoach.events.HealthDataReceived;
import org.runningcoach.events.HealthDataReceived.Checkin;
import org.runningcoach.events.HealthDataReceived.DataSource;
import org.runningcoach.ingestion.rest.Accepted;
import org.runningcoach.ingestion.rest.CheckinRequest;
import org.runningcoach.ingestion.rest.CheckinView;
import org.runningcoach.support.crypto.DataKeys;
import org.runningcoach.support.crypto.DataKeys.KeyRing;
import org.runningcoach.support.outbox.Outbox;
import org.runningcoach.support.rest.ProblemException;

@ApplicationScoped
public class CheckinService {

  /** Local dates run up to 14 h ahead of UTC, so "tomorrow in UTC" is the latest date anyone can be on. */
  static final int MAX_DAYS_AHEAD = 1;
  static final int MAX_DAYS_BACK = 730;
  private static final String SOURCE = "/ingestion-service/checkins";

  /** The table name in the associated data of the check-ins' sealed columns. */
  public static final String TABLE = "checkin";

  private final Outbox outbox;
  private final Pool pool;
  private final DataKeys keys;
  private final Clock clock = Clock.systemUTC();

  public CheckinService(Outbox outbox, Pool pool, DataKeys keys) {
    this.outbox = outbox;
    this.pool = pool;
    this.keys = keys;
  }

  public Uni<Accepted> submit(String athleteId, CheckinRequest r) {
    LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
    if (r.date().isAfter(today.plusDays(MAX_DAYS_AHEAD))) {
      throw ProblemException.invalid("date", "is in the future (" + r.date() + "); a check-in is for today or an earlier day");
    }
    if (r.date().isBefore(today.minusDays(MAX_DAYS_BACK))) {
      throw ProblemException.invalid("date", "is more than " + MAX_DAYS_BACK + " days ago");
    }
    UUID id = UUID.randomUUID();
    UUID eventId = UUID.randomUUID();
    Instant now = clock.instant();
    var event = EventEnvelope.of(EventType.HEALTH_DATA_RECEIVED, SOURCE, athleteId, eventId, now,
        HealthDataReceived.checkin(athleteId, id, DataSource.MANUAL, r.date(), now,
            new Checkin(r.sleepHours(), r.sleepQuality(), r.soreness(), r.stress(),
                r.fatigue(), r.mood(), r.lastSessionRpe())));
    return outbox.inTransaction(tx -> keys.forWriting(tx, athleteId).flatMap(key -> tx.preparedQuery("""
            INSERT INTO checkin (id, athlete_id, local_date, sleep_hours, sleep_quality, soreness, soreness_area_sealed,
                                 stress, fatigue, mood, last_session_rpe, notes_sealed, received_at, event_id)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)""")
        .execute(Tuple.from(new Object[] {id, athleteId, r.date(), BigDecimal.valueOf(r.sleepHours()), small(r.sleepQuality()),
            small(r.soreness()), key.sealText(TABLE + ".soreness_area", id, r.sorenessArea()), small(r.stress()),
            small(r.fatigue()), small(r.mood()), small(r.lastSessionRpe()), key.sealText(TABLE + ".notes", id, r.notes()),
            now.atOffset(ZoneOffset.UTC), eventId}))
        .flatMap(inserted -> outbox.append(tx, EventType.HEALTH_DATA_RECEIVED, event))))
        .map(done -> new Accepted(id, eventId, r.date()));
  }

  public Uni<CheckinView> latest(String athleteId, LocalDate date) {
    return pool.preparedQuery("""
            SELECT * FROM checkin WHERE athlete_id = $1 AND local_date = $2
            ORDER BY received_at DESC LIMIT 1""")
        .execute(Tuple.of(athleteId, date))
        .flatMap(rows -> rows.size() == 0 ? Uni.createFrom().nullItem()
            : keys.forReading(pool, athleteId).map(ring -> view(rows.iterator().next(), ring)));
  }

  private static CheckinView view(Row row, KeyRing ring) {
    UUID id = row.getUUID("id");
    return new CheckinView(id, row.getLocalDate("local_date"),
        row.getBigDecimal("sleep_hours").doubleValue(), row.getInteger("sleep_quality"), row.getInteger("soreness"),
        opened(ring, row, id, "soreness_area"), row.getInteger("stress"), row.getInteger("fatigue"), row.getInteger("mood"),
        row.getInteger("last_session_rpe"), opened(ring, row, id, "notes"), row.getOffsetDateTime("received_at").toInstant(),
        row.getUUID("event_id"));
  }

  /** The sealed column opened; a row from before sealing (not yet sealed at start) still has the plain one. */
  private static String opened(KeyRing ring, Row row, UUID id, String column) {
    var sealed = row.getBuffer(column + "_sealed");
    return sealed == null ? row.getString(column) : ring.openText(TABLE + "." + column, id, sealed);
  }

  private static Short small(Integer value) {
    return value == null ? null : value.shortValue();
  }
}
