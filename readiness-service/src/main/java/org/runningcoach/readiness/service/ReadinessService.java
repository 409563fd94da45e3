package org.runningcoach.readiness.service;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.TreeSet;
import java.util.UUID;
import org.runningcoach.events.BodyStateComputed;
import org.runningcoach.events.EventCodec;
import org.runningcoach.events.EventEnvelope;
import org.runningcoach.events.EventType;
import org.runningcoach.events.HealthDataReceived;
import org.runningcoach.events.LifeEventReported;
import org.runningcoach.readiness.config.ReadinessConfig;
import org.runningcoach.readiness.domain.History;
import org.runningcoach.readiness.domain.ReadinessEngine;
import org.runningcoach.readiness.repository.InputRepository;
import org.runningcoach.support.outbox.Outbox;

/**
 * Takes new inputs into the athlete's history and recomputes every BodyState they touch: the
 * input's date and every later date that already has a state (baselines, loads and the 3-night
 * sleep view reach forward), all in one pass of the engine. A recomputed state that differs from
 * the stored one is saved and announced as BodyStateComputed in the same transaction.
 */
@ApplicationScoped
public class ReadinessService {

  static final String SOURCE = "/readiness-service";

  private final ReadinessEngine engine;
  private final InputRepository inputs;
  private final Outbox outbox;

  public ReadinessService(ReadinessConfig config, InputRepository inputs, Outbox outbox) {
    this.engine = new ReadinessEngine(config.thresholds());
    this.inputs = inputs;
    this.outbox = outbox;
  }

  public ReadinessEngine engine() {
    return engine;
  }

  public Uni<Void> apply(EventEnvelope<HealthDataReceived> event, SqlConnection tx) {
    HealthDataReceived data = event.data();
    requirePlausibleDate(data.localDate(), event, 2);
    if (data.kind() == HealthDataReceived.HealthDataKind.WORKOUT_REMOVED) {
      // The date the workout counted on and every later state lose its load; only states that change are announced.
      return inputs.deleteWorkout(tx, data.athleteId(), data.recordId())
          .flatMap(date -> date == null ? Uni.createFrom().voidItem()
              : recompute(tx, data.athleteId(), date, date).replaceWithVoid());
    }
    return inputs.upsert(tx, data, event.id())
        .flatMap(v -> recompute(tx, data.athleteId(), data.localDate(), data.localDate()))
        .replaceWithVoid();
  }

  public Uni<Void> applyLifeEvent(EventEnvelope<LifeEventReported> event, SqlConnection tx) {
    LifeEventReported e = event.data();
    // Travel may be reported weeks ahead.
    requirePlausibleDate(e.startDate(), event, 730);
    return inputs.upsertLifeEvent(tx, e.athleteId(), e.lifeEventId(), e.type().name(), e.startDate(), e.endDate(), event.id())
        .flatMap(v -> recompute(tx, e.athleteId(), null, e.startDate()))
        .replaceWithVoid();
  }

  /**
   * A day before 2000 or far after the event was sent is a broken value, not a day of someone's
   * training: computing up to it would walk millions of days. Such an event is refused
   * (IllegalArgumentException: the consumer sends it to the dead-letter topic at once).
   */
  static void requirePlausibleDate(java.time.LocalDate date, EventEnvelope<?> event, int daysAhead) {
    java.time.LocalDate latest = event.time().atOffset(java.time.ZoneOffset.UTC).toLocalDate().plusDays(daysAhead);
    if (date == null || date.isBefore(java.time.LocalDate.of(2000, 1, 1)) || date.isAfter(latest)) {
      throw new IllegalArgumentException("event " + event.id() + " is about " + date
          + ", not a day between 2000-01-01 and " + daysAhead + " days after it was sent");
    }
  }

  /**
   * Recomputes {@code date} (when not null) and every stored state from {@code laterFrom} on
   * (none when {@code laterFrom} is null); returns the states of those dates as they now stand.
   */
  public Uni<List<BodyStateComputed>> recompute(SqlConnection tx, String athleteId, LocalDate date, LocalDate laterFrom) {
    return tx.preparedQuery(
            "SELECT local_date, state FROM body_state WHERE athlete_id = $1 AND (local_date = $2 OR local_date >= $3)")
        .execute(Tuple.of(athleteId, date, laterFrom))
        .flatMap(rows -> {
          TreeSet<LocalDate> dates = new TreeSet<>();
          java.util.Map<LocalDate, JsonObject> stored = new java.util.HashMap<>();
          rows.forEach(r -> {
            dates.add(r.getLocalDate("local_date"));
            stored.put(r.getLocalDate("local_date"), r.getJsonObject("state"));
          });
          if (date != null) {
            dates.add(date);
          }
          if (dates.isEmpty()) {
            return Uni.createFrom().item(List.<BodyStateComputed>of());
          }
          // One pass over the history for all of them: a late input for an old date costs about
          // as much as one date, not one full recomputation per later stored state.
          return inputs.history(tx, athleteId, dates.last()).flatMap(history -> {
            var states = engine.computeDates(history, dates);
            return Multi.createFrom().iterable(dates)
                .onItem().transformToUniAndConcatenate(d -> save(tx, history.athleteId(), states.get(d), stored.get(d)))
                .collect().asList();
          });
        });
  }

  private Uni<BodyStateComputed> save(SqlConnection tx, String athleteId, BodyStateComputed state, JsonObject stored) {
    LocalDate date = state.date();
    var event = EventEnvelope.of(EventType.BODY_STATE_COMPUTED, SOURCE, athleteId, UUID.randomUUID(),
        Instant.now(), state);
    JsonObject json = new JsonObject(EventCodec.encode(event)).getJsonObject("data");
    if (json.equals(stored)) {
      return Uni.createFrom().item(state);
    }
    return tx.preparedQuery("""
            INSERT INTO body_state (athlete_id, local_date, state, event_id, computed_at)
            VALUES ($1, $2, $3, $4, $5)
            ON CONFLICT (athlete_id, local_date) DO UPDATE SET
              state = EXCLUDED.state, event_id = EXCLUDED.event_id, computed_at = EXCLUDED.computed_at""")
        .execute(Tuple.of(athleteId, date, json, event.id(), event.time().atOffset(ZoneOffset.UTC)))
        .flatMap(saved -> outbox.append(tx, EventType.BODY_STATE_COMPUTED, event))
        .replaceWith(state);
  }

  /** A what-if: the state of a date for a history the caller changed; nothing is stored. */
  public Uni<BodyStateComputed> whatIf(SqlClient db, String athleteId, LocalDate date,
      java.util.function.UnaryOperator<History> change) {
    return inputs.history(db, athleteId, date).map(h -> engine.compute(change.apply(h), date));
  }

}
