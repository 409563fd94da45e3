package org.runningcoach.support.outbox;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.function.Function;
import org.runningcoach.events.EventCodec;
import org.runningcoach.events.EventEnvelope;
import org.runningcoach.events.EventType;

/**
 * The transactional outbox: a state change and the events it produces are written in one
 * database transaction; {@link OutboxRelay} publishes them to Kafka afterwards. Tables are
 * unqualified: each service's role has its own schema first on its search path.
 */
@ApplicationScoped
public class Outbox {

  private final Pool pool;
  private final OutboxRelay relay;

  public Outbox(Pool pool, OutboxRelay relay) {
    this.pool = pool;
    this.relay = relay;
  }

  /** Runs the work in one transaction and wakes the relay once it has committed. */
  public <T> Uni<T> inTransaction(Function<SqlConnection, Uni<T>> work) {
    return pool.withTransaction(work).invoke(relay::kick);
  }

  /** Appends an event to the outbox inside the caller's transaction. */
  public Uni<Void> append(SqlConnection tx, EventType<?> type, EventEnvelope<?> event) {
    return tx.preparedQuery("INSERT INTO outbox (event_id, topic, event_key, payload) VALUES ($1, $2, $3, $4)")
        .execute(Tuple.of(event.id(), type.topic(), event.subject(), EventCodec.encode(event)))
        .replaceWithVoid();
  }
}
