package org.runningcoach.benchmarks.load;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * What the machine does with no RunningCoach code in the way, measured in the same run: a Kafka
 * produce → consume round trip (acks=all, idempotent, as the outbox relay produces; the message as
 * large as a BodyStateComputed) under the same open-model driver, and PostgreSQL row inserts and
 * COPY with PgJDBC into a logged table shaped like a check-in row.
 */
public final class RawBaselines {

  private RawBaselines() {}

  /** Kafka round trip at a constant arrival rate on a topic created for the run and deleted after it. */
  public static Latencies kafkaRoundTrip(String bootstrap, double rate, double seconds, int messageBytes)
      throws Exception {
    String topic = "bench-roundtrip-" + UUID.randomUUID().toString().substring(0, 8);
    Properties common = new Properties();
    common.put("bootstrap.servers", bootstrap);
    try (Admin admin = Admin.create(common)) {
      admin.createTopics(List.of(new NewTopic(topic, 3, (short) 1))).all().get();
      try {
        return roundTrip(bootstrap, topic, rate, seconds, messageBytes);
      } finally {
        admin.deleteTopics(List.of(topic)).all().get();
      }
    }
  }

  private static Latencies roundTrip(String bootstrap, String topic, double rate, double seconds, int messageBytes)
      throws Exception {
    Properties pp = new Properties();
    pp.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    pp.put(ProducerConfig.ACKS_CONFIG, "all");
    pp.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    pp.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    pp.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    Properties cp = new Properties();
    cp.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    cp.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    cp.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    cp.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    cp.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "50");
    Latencies latencies = new Latencies();
    Map<String, Long> intended = new ConcurrentHashMap<>();
    char[] pad = new char[Math.max(0, messageBytes - 40)];
    Arrays.fill(pad, 'x');
    String filler = new String(pad);
    AtomicLong received = new AtomicLong();
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(pp);
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(cp)) {
      List<TopicPartition> parts = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        parts.add(new TopicPartition(topic, i));
      }
      consumer.assign(parts);
      consumer.seekToBeginning(parts);
      parts.forEach(consumer::position);
      var running = new java.util.concurrent.atomic.AtomicBoolean(true);
      Thread poller = new Thread(() -> {
        while (running.get()) {
          for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(100))) {
            Long t = intended.remove(r.key());
            if (t != null) {
              latencies.record(System.nanoTime() - t);
              received.incrementAndGet();
            }
          }
        }
      }, "kafka-baseline-consumer");
      poller.start();
      // A few messages first so that metadata and connections are in place before the clock runs.
      for (int i = 0; i < 20; i++) {
        producer.send(new ProducerRecord<>(topic, "warm-" + i, filler)).get();
      }
      OpenLoop.run(rate, seconds, (i, t) -> {
        String key = UUID.randomUUID().toString();
        intended.put(key, t);
        CompletableFuture<Void> acked = new CompletableFuture<>();
        producer.send(new ProducerRecord<>(topic, key, key + filler), (m, e) -> {
          if (e != null) {
            latencies.fail();
          }
          acked.complete(null);
        });
        return acked;
      });
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (!intended.isEmpty() && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      running.set(false);
      poller.join();
      for (int i = 0; i < intended.size(); i++) {
        latencies.fail();
      }
    }
    return latencies;
  }

  /** Rows per second for one PostgreSQL write pattern. */
  public record PgRate(String what, long rows, double seconds) {
    public double perSecond() {
      return rows / seconds;
    }
  }

  /**
   * Single-row INSERTs each in its own transaction (one connection, then eight), a 1,000-row batch
   * per transaction, and COPY — into a logged table with a primary key, dropped afterwards.
   */
  public static List<PgRate> postgres(String jdbcUrl) throws Exception {
    List<PgRate> rates = new ArrayList<>();
    try (Connection c = DriverManager.getConnection(jdbcUrl, "postgres", "")) {
      try (Statement s = c.createStatement()) {
        s.execute("DROP TABLE IF EXISTS public.bench_raw_rows");
        s.execute("CREATE TABLE public.bench_raw_rows (id uuid PRIMARY KEY, athlete_id text NOT NULL, day date NOT NULL,"
            + " sleep_hours numeric(4,2), soreness int, stress int, payload jsonb)");
      }
      try {
        rates.add(timedInserts(jdbcUrl, 1, 5.0));
        rates.add(timedInserts(jdbcUrl, 8, 5.0));
        rates.add(batch(c, 100_000));
        rates.add(copy(c, 500_000));
      } finally {
        try (Statement s = c.createStatement()) {
          s.execute("DROP TABLE IF EXISTS public.bench_raw_rows");
        }
      }
    }
    return rates;
  }

  private static final String INSERT =
      "INSERT INTO public.bench_raw_rows VALUES (?, ?, ?, ?, ?, ?, ?::jsonb)";
  private static final String PAYLOAD = "{\"sleepHours\":7.5,\"soreness\":3,\"stress\":4,\"notes\":\"easy morning\"}";

  private static void bind(PreparedStatement ps, long i) throws Exception {
    ps.setObject(1, UUID.randomUUID());
    ps.setString(2, "athlete-" + (i % 1000));
    ps.setObject(3, LocalDate.of(2026, 1, 1).plusDays(i % 700));
    ps.setDouble(4, 7.5);
    ps.setInt(5, 3);
    ps.setInt(6, 4);
    ps.setString(7, PAYLOAD);
  }

  private static PgRate timedInserts(String jdbcUrl, int connections, double seconds) throws Exception {
    AtomicLong rows = new AtomicLong();
    long end = System.nanoTime() + (long) (seconds * 1e9);
    List<Thread> threads = new ArrayList<>();
    List<Exception> errors = new java.util.concurrent.CopyOnWriteArrayList<>();
    long start = System.nanoTime();
    for (int t = 0; t < connections; t++) {
      Thread th = new Thread(() -> {
        try (Connection c = DriverManager.getConnection(jdbcUrl, "postgres", "");
            PreparedStatement ps = c.prepareStatement(INSERT)) {
          c.setAutoCommit(true);
          long i = 0;
          while (System.nanoTime() < end) {
            bind(ps, i++);
            ps.executeUpdate();
            rows.incrementAndGet();
          }
        } catch (Exception e) {
          errors.add(e);
        }
      });
      th.start();
      threads.add(th);
    }
    for (Thread th : threads) {
      th.join();
    }
    if (!errors.isEmpty()) {
      throw errors.get(0);
    }
    return new PgRate("INSERT, one row per transaction, " + connections + " connection" + (connections > 1 ? "s" : ""),
        rows.get(), (System.nanoTime() - start) / 1e9);
  }

  private static PgRate batch(Connection c, int count) throws Exception {
    c.setAutoCommit(false);
    long start = System.nanoTime();
    try (PreparedStatement ps = c.prepareStatement(INSERT)) {
      for (int i = 0; i < count; i++) {
        bind(ps, i);
        ps.addBatch();
        if ((i + 1) % 1000 == 0) {
          ps.executeBatch();
          c.commit();
        }
      }
      ps.executeBatch();
      c.commit();
    }
    c.setAutoCommit(true);
    return new PgRate("INSERT, batches of 1,000 rows per transaction, 1 connection", count, (System.nanoTime() - start) / 1e9);
  }

  private static PgRate copy(Connection c, int count) throws Exception {
    StringBuilder sb = new StringBuilder(count * 120);
    for (int i = 0; i < count; i++) {
      sb.append(UUID.randomUUID()).append('\t').append("athlete-").append(i % 1000).append('\t')
          .append(LocalDate.of(2026, 1, 1).plusDays(i % 700)).append("\t7.5\t3\t4\t").append(PAYLOAD).append('\n');
    }
    CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
    long start = System.nanoTime();
    long rows = copy.copyIn("COPY public.bench_raw_rows FROM STDIN", new StringReader(sb.toString()));
    double seconds = (System.nanoTime() - start) / 1e9;
    return new PgRate("COPY, one statement, 1 connection (" + sb.toString().getBytes(StandardCharsets.UTF_8).length / 1_000_000
        + " MB)", rows, seconds);
  }
}
