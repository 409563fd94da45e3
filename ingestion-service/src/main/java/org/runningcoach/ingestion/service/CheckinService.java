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
import org.runningcoach.support.outbox.Outbox;
import org.runningcoach.support.rest.ProblemException;

@ApplicationScoped
public class CheckinService {

  /** Local dates run up to 14 h ahead of UTC, so "tomorrow in UTC" is the latest date anyone can be on. */
  static final int MAX_DAYS_AHEAD = 1;
  static final int MAX_DAYS_BACK = 730;
  private static final String SOURCE = "/ingestion-service/checkins";

  private final Outbox outbox;
  private final Pool pool;
  private final Clock clock = Clock.systemUTC();

  public CheckinService(Outbox outbox, Pool pool) {
    this.outbox = outbox;
    this.pool = pool;
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
            new Checkin(r.sleepHours(), r.sleepQuality(), r.soreness(), r.sorenessArea(), r.stress(),
                r.fatigue(), r.mood(), r.lastSessionRpe())));
    return outbox.inTransaction(tx -> tx.preparedQuery("""
            INSERT INTO checkin (id, athlete_id, local_date, sleep_hours, sleep_quality, soreness, soreness_area,
                                 stress, fatigue, mood, last_session_rpe, notes, received_at, event_id)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)""")
        .execute(Tuple.from(new Object[] {id, athleteId, r.date(), BigDecimal.valueOf(r.sleepHours()), small(r.sleepQuality()),
            small(r.soreness()), r.sorenessArea(), small(r.stress()), small(r.fatigue()), small(r.mood()),
            small(r.lastSessionRpe()), r.notes(), now.atOffset(ZoneOffset.UTC), eventId}))
        .flatMap(inserted -> outbox.append(tx, EventType.HEALTH_DATA_RECEIVED, event)))
        .map(done -> new Accepted(id, eventId, r.date()));
  }

  public Uni<CheckinView> latest(String athleteId, LocalDate date) {
    return pool.preparedQuery("""
            SELECT * FROM checkin WHERE athlete_id = $1 AND local_date = $2
            ORDER BY received_at DESC LIMIT 1""")
        .execute(Tuple.of(athleteId, date))
        .map(rows -> rows.size() == 0 ? null : view(rows.iterator().next()));
  }

  private static CheckinView view(Row row) {
    return new CheckinView(row.getUUID("id"), row.getLocalDate("local_date"),
        row.getBigDecimal("sleep_hours").doubleValue(), row.getInteger("sleep_quality"), row.getInteger("soreness"),
        row.getString("soreness_area"), row.getInteger("stress"), row.getInteger("fatigue"), row.getInteger("mood"),
        row.getInteger("last_session_rpe"), row.getString("notes"), row.getOffsetDateTime("received_at").toInstant(),
        row.getUUID("event_id"));
  }

  private static Short small(Integer value) {
    return value == null ? null : value.shortValue();
  }
}
