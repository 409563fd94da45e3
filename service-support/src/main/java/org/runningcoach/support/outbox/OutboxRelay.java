package org.runningcoach.support.outbox;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Publishes outbox rows to Kafka in commit order and deletes them once the broker has
 * acknowledged them (acks=all, idempotent producer). It runs as soon as a transaction with
 * events commits ({@link #kick()}), and on a short sweep for rows left by a crash or an outage.
 * One relay per schema works at a time (a transaction-scoped advisory lock), which keeps each
 * athlete's events in order even with several replicas. A crash between the send and the delete
 * publishes a row twice: consumers are idempotent on the event id.
 */
@ApplicationScoped
public class OutboxRelay {

  private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

  private final Pool pool;
  private final String bootstrapServers;
  private final int batchSize;
  private final AtomicBoolean running = new AtomicBoolean();
  private final AtomicBoolean pending = new AtomicBoolean();
  private final Counter published;
  private volatile KafkaProducer<String, String> producer;

  public OutboxRelay(
      Pool pool,
      MeterRegistry registry,
      @ConfigProperty(name = "kafka.bootstrap.servers", defaultValue = "127.0.0.1:9092") String bootstrapServers,
      @ConfigProperty(name = "runningcoach.outbox.batch-size", defaultValue = "200") int batchSize) {
    this.pool = pool;
    this.bootstrapServers = bootstrapServers;
    this.batchSize = batchSize;
    this.published = Counter.builder("runningcoach.outbox.published")
        .description("events published from the outbox to Kafka").register(registry);
  }

  /** Asks for a drain; cheap and safe to call from any thread, any number of times. */
  public void kick() {
    pending.set(true);
    if (running.compareAndSet(false, true)) {
      drain();
    }
  }

  @Scheduled(every = "${runningcoach.outbox.sweep-interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void sweep() {
    kick();
  }

  private void drain() {
    pending.set(false);
    drainOnce().subscribe().with(
        count -> afterDrain(count >= batchSize),
        failure -> {
          LOG.warnf("outbox relay could not publish (will retry on the next sweep): %s", failure.toString());
          running.set(false);
        });
  }

  private void afterDrain(boolean more) {
    if (more || pending.get()) {
      drain();
      return;
    }
    running.set(false);
    if (pending.get() && running.compareAndSet(false, true)) {
      drain();
    }
  }

  /** Publishes one batch; returns the number of events published. */
  Uni<Integer> drainOnce() {
    return pool.withTransaction(tx -> tx.query("SELECT pg_try_advisory_xact_lock(hashtext(current_schema()))")
        .execute()
        .flatMap(lock -> lock.iterator().next().getBoolean(0) ? publishBatch(tx) : Uni.createFrom().item(0)));
  }

  private Uni<Integer> publishBatch(SqlConnection tx) {
    return tx.preparedQuery("SELECT seq, event_id, topic, event_key, payload FROM outbox ORDER BY seq LIMIT $1")
        .execute(Tuple.of(batchSize))
        .flatMap(rows -> {
          if (rows.size() == 0) {
            return Uni.createFrom().item(0);
          }
          return Uni.createFrom().item(rows)
              .emitOn(Infrastructure.getDefaultWorkerPool())
              .map(this::sendAndAwait)
              .flatMap(seqs -> tx.preparedQuery("DELETE FROM outbox WHERE seq = ANY($1)")
                  .execute(Tuple.of(seqs.toArray(new Long[0])))
                  .map(deleted -> seqs.size()));
        });
  }

  /** Blocking: runs on a worker thread, never on the event loop. */
  private List<Long> sendAndAwait(RowSet<Row> rows) {
    KafkaProducer<String, String> kafka = producer();
    List<Future<RecordMetadata>> sends = new ArrayList<>();
    List<Long> seqs = new ArrayList<>();
    for (Row row : rows) {
      ProducerRecord<String, String> record =
          new ProducerRecord<>(row.getString("topic"), row.getString("event_key"), row.getString("payload"));
      record.headers().add("content-type", "application/cloudevents+json; charset=UTF-8".getBytes(StandardCharsets.UTF_8));
      record.headers().add("ce_id", row.getUUID("event_id").toString().getBytes(StandardCharsets.UTF_8));
      sends.add(kafka.send(record));
      seqs.add(row.getLong("seq"));
    }
    kafka.flush();
    try {
      for (Future<RecordMetadata> send : sends) {
        send.get(30, TimeUnit.SECONDS);
      }
    } catch (Exception e) {
      throw new IllegalStateException("Kafka did not acknowledge the outbox batch", e);
    }
    published.increment(seqs.size());
    return seqs;
  }

  private KafkaProducer<String, String> producer() {
    if (producer == null) {
      synchronized (this) {
        if (producer == null) {
          Properties props = new Properties();
          props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
          props.put(ProducerConfig.ACKS_CONFIG, "all");
          props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
          props.put(ProducerConfig.LINGER_MS_CONFIG, "1");
          props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "5000");
          props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
          props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "20000");
          props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
          props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
          producer = new KafkaProducer<>(props);
        }
      }
    }
    return producer;
  }

  void onStop(@Observes ShutdownEvent event) {
    if (producer != null) {
      producer.close(java.time.Duration.ofSeconds(5));
    }
  }
}
