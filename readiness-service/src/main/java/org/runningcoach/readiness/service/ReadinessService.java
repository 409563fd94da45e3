package org.runningcoach.readiness.service;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.runningcoach.events.BodyStateComputed;
import org.runningcoach.events.EventCodec;
import org.runningcoach.events.EventEnvelope;
import org.runningcoach.events.EventType;
import org.runningcoach.events.HealthDataReceived;
import org.runningcoach.events.HealthDataReceived.HealthDataKind;
import org.runningcoach.readiness.config.ReadinessConfig;
import org.runningcoach.readiness.domain.DailyCheckin;
import org.runningcoach.readiness.domain.ReadinessEngine;
import org.runningcoach.support.outbox.Outbox;

/**
 * Takes new health data into the athlete's daily inputs and recomputes every BodyState whose
 * window it touches: the date itself and, when they already have a state, the two days after
 * it (their 3-night sleep view includes this night). Each recomputed state is saved and
 * announced as BodyStateComputed in the same transaction.
 */
@ApplicationScoped
public class ReadinessService {

  static final String SOURCE = "/readiness-service";
  /** How many days after an input's date still read it (the 3-night sleep view). */
  static final int WINDOW_AFTER = 2;

  private final ReadinessEngine engine;
  private final Outbox outbox;

  public ReadinessService(ReadinessConfig config, Outbox outbox) {
    this.engine = new ReadinessEngine(config.thresholds());
    this.outbox = outbox;
  }

  public Uni<Void> apply(EventEnvelope<HealthDataReceived> event, SqlConnection tx) {
    HealthDataReceived data = event.data();
    if (data.kind() != HealthDataKind.CHECKIN || data.checkin() == null) {
      // The other kinds feed rules that arrive with the readiness issue; recorded as processed.
      return Uni.createFrom().voidItem();
    }
    var c = data.checkin();
    return tx.preparedQuery("""
            INSERT INTO daily_checkin (athlete_id, local_date, sleep_hours, sleep_quality, soreness, stress, fatigue,
                                       mood, last_session_rpe, source, recorded_at, event_id)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
            ON CONFLICT (athlete_id, local_date) DO UPDATE SET
              sleep_hours = EXCLUDED.sleep_hours, sleep_quality = EXCLUDED.sleep_quality, soreness = EXCLUDED.soreness,
              stress = EXCLUDED.stress, fatigue = EXCLUDED.fatigue, mood = EXCLUDED.mood,
              last_session_rpe = EXCLUDED.last_session_rpe, source = EXCLUDED.source,
              recorded_at = EXCLUDED.recorded_at, event_id = EXCLUDED.event_id
            WHERE daily_checkin.recorded_at <= EXCLUDED.recorded_at""")
        .execute(Tuple.from(new Object[] {data.athleteId(), data.localDate(), BigDecimal.valueOf(c.sleepHours()),
            small(c.sleepQuality()), small(c.soreness()), small(c.stress()), small(c.fatigue()), small(c.mood()),
            small(c.lastSessionRpe()),
            data.source().name(), data.recordedAt().atOffset(ZoneOffset.UTC), event.id()}))
        .flatMap(upserted -> datesToRecompute(tx, data.athleteId(), data.localDate()))
        .flatMap(dates -> Multi.createFrom().iterable(dates)
            .onItem().transformToUniAndConcatenate(date -> recompute(tx, data.athleteId(), date))
            .collect().last())
        .replaceWithVoid();
  }

  private Uni<List<LocalDate>> datesToRecompute(SqlConnection tx, String athleteId, LocalDate date) {
    return tx.preparedQuery("""
            SELECT local_date FROM body_state WHERE athlete_id = $1 AND local_date > $2 AND local_date <= $3
            ORDER BY local_date""")
        .execute(Tuple.of(athleteId, date, date.plusDays(WINDOW_AFTER)))
        .map(rows -> {
          List<LocalDate> dates = new ArrayList<>();
          dates.add(date);
          rows.forEach(r -> dates.add(r.getLocalDate("local_date")));
          return dates;
        });
  }

  private Uni<Void> recompute(SqlConnection tx, String athleteId, LocalDate date) {
    return tx.preparedQuery("""
            SELECT * FROM daily_checkin WHERE athlete_id = $1 AND local_date BETWEEN $2 AND $3""")
        .execute(Tuple.of(athleteId, date.minusDays(WINDOW_AFTER), date))
        .flatMap(rows -> {
          List<DailyCheckin> checkins = new ArrayList<>();
          rows.forEach(r -> checkins.add(checkin(r)));
          BodyStateComputed state = engine.compute(athleteId, date, checkins);
          var event = EventEnvelope.of(EventType.BODY_STATE_COMPUTED, SOURCE, athleteId, UUID.randomUUID(),
              Instant.now(), state);
          String json = EventCodec.encode(event);
          JsonObject stateJson = new JsonObject(json).getJsonObject("data");
          return tx.preparedQuery("""
                  INSERT INTO body_state (athlete_id, local_date, state, event_id, computed_at)
                  VALUES ($1, $2, $3, $4, $5)
                  ON CONFLICT (athlete_id, local_date) DO UPDATE SET
                    state = EXCLUDED.state, event_id = EXCLUDED.event_id, computed_at = EXCLUDED.computed_at""")
              .execute(Tuple.of(athleteId, date, stateJson, event.id(), event.time().atOffset(ZoneOffset.UTC)))
              .flatMap(saved -> outbox.append(tx, EventType.BODY_STATE_COMPUTED, event));
        });
  }

  private static Short small(Integer value) {
    return value == null ? null : value.shortValue();
  }

  private static DailyCheckin checkin(Row r) {
    return new DailyCheckin(r.getLocalDate("local_date"), r.getBigDecimal("sleep_hours").doubleValue(),
        r.getInteger("sleep_quality"), r.getInteger("soreness"), r.getInteger("stress"), r.getInteger("fatigue"),
        r.getInteger("mood"), r.getInteger("last_session_rpe"), r.getString("source"), r.getUUID("event_id"));
  }
}
