package org.runningcoach.support.messaging;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.function.Function;
import org.runningcoach.events.EventCodec;
import org.runningcoach.events.EventEnvelope;
import org.runningcoach.events.EventType;
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
                .flatMap(first -> first ? work.apply(event).apply(tx) : Uni.createFrom().voidItem()))
            .onFailure().invoke(t -> LOG.warnf("%s could not handle event %s: %s", consumer, event.id(), t.toString()))
            .onFailure(t -> !(t instanceof IllegalArgumentException))
            .retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(10)).expireIn(300_000));
  }

  private static Uni<Boolean> firstDelivery(SqlConnection tx, EventEnvelope<?> event, String consumer) {
    return tx.preparedQuery(
            "INSERT INTO processed_event (event_id, consumer) VALUES ($1, $2) ON CONFLICT DO NOTHING")
        .execute(Tuple.of(event.id(), consumer))
        .map(result -> result.rowCount() == 1);
  }
}
