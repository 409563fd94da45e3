package org.runningcoach.support.messaging;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Function;
import org.runningcoach.events.EventCodec;
import org.runningcoach.events.EventEnvelope;
import org.runningcoach.events.EventType;
import org.runningcoach.support.erase.AthleteData;
import org.runningcoach.support.outbox.Outbox;
import org.jboss.logging.Logger;

/**
 * Handles each event exactly once: the event id is recorded in {@code processed_event} in the
 * same transaction as the state change it causes, so a redelivery changes nothing.
 *
 * <p>A message that is not a valid event, or whose content the rules refuse (an
 * IllegalArgumentException: a value no person can have), fails at once and goes to the
 * dead-letter topic. Any
 * other failure (database down, a broker hiccup) is retried with back-off for up to five
 * minutes before the message is given up to the dead-letter topic, so an outage does not
 * divert good events.
 *
 * <p>An event about an athlete whose data was erased (the {@code erased_athlete} marker) with a
 * CloudEvents {@code time} before the erasure was in flight when it happened: it is recorded as
 * processed and otherwise ignored, so it cannot bring back a derived row. Later events (the
 * athlete keeps using the app) are handled as usual.
 */
@ApplicationScoped
public class IdempotentConsumer {

  private static final Logger LOG = Logger.getLogger(IdempotentConsumer.class);

  private final Outbox outbox;

  public IdempotentConsumer(Outbox outbox) {
    this.outbox = outbox;
  }

  public <T> Uni<Void> handle(
      String consumer, String message, EventType<T> type,
      Function<EventEnvelope<T>, Function<SqlConnection, Uni<Void>>> work) {
    return Uni.createFrom().item(() -> EventCodec.decode(message, type))
        .flatMap(event -> outbox.inTransaction(tx -> firstDelivery(tx, event, consumer)
                .flatMap(first -> first ? erasedBefore(tx, event, type) : Uni.createFrom().item(true))
                .flatMap(skip -> skip ? Uni.createFrom().voidItem() : work.apply(event).apply(tx)))
            .onFailure().invoke(t -> LOG.warnf("%s could not handle event %s: %s", consumer, event.id(), t.toString()))
            .onFailure(t -> !(t instanceof IllegalArgumentException))
            .retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(10)).expireIn(300_000));
  }

  /** True when the event is about an athlete erased after the event was sent. */
  private static Uni<Boolean> erasedBefore(SqlConnection tx, EventEnvelope<?> event, EventType<?> type) {
    if (type.equals(EventType.USER_DATA_ERASED)) {
      return Uni.createFrom().item(false);
    }
    return tx.preparedQuery("SELECT erased_at FROM erased_athlete WHERE athlete_id_sha256 = $1")
        .execute(Tuple.of(AthleteData.marker(event.subject())))
        .map(rows -> {
          if (rows.size() == 0) {
            return false;
          }
          Instant erasedAt = rows.iterator().next().getOffsetDateTime("erased_at").toInstant();
          boolean skip = event.time().isBefore(erasedAt);
          if (skip) {
            LOG.infof("skipped event %s (%s): its athlete's data was erased after it was sent", event.id(), type.name());
          }
          return skip;
        });
  }

  private static Uni<Boolean> firstDelivery(SqlConnection tx, EventEnvelope<?> event, String consumer) {
    return tx.preparedQuery(
            "INSERT INTO processed_event (event_id, consumer) VALUES ($1, $2) ON CONFLICT DO NOTHING")
        .execute(Tuple.of(event.id(), consumer))
        .map(result -> result.rowCount() == 1);
  }
}
