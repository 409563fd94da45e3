package org.runningcoach.faults;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.runningcoach.events.Topics;

/**
 * The faults, injected one after another while the workload runs: a poison message on every
 * consumed topic, SIGKILL and restart of each service, SIGKILL and restart of the Kafka broker,
 * an immediate (crash) stop of PostgreSQL held for a few seconds, and SIGTERM of the consumer of
 * most events under load, after which the offsets it committed are compared with what it had
 * already processed (what it will see again).
 */
final class Faults {

  /** A fault and when it was in effect (System.nanoTime), for the report and the status histogram. */
  record Window(String name, long from, long to) {}

  static final List<String> CONSUMED = List.of(Topics.HEALTH_DATA_RECEIVED, Topics.LIFE_EVENT_REPORTED,
      Topics.USER_DATA_ERASED, Topics.BODY_STATE_COMPUTED);

  final List<Window> windows = new ArrayList<>();
  final Map<String, String> poison = new HashMap<>();
  long redeliveredAfterSigterm = -1;
  long pendingAtSigterm = -1;
  private final Infra infra;

  Faults(Infra infra) {
    this.infra = infra;
  }

  void run() throws Exception {
    pause(6);
    long t = System.nanoTime();
    sendPoison();
    windows.add(new Window("poison message on " + CONSUMED.size() + " topics", t, System.nanoTime()));
    pause(3);
    t = System.nanoTime();
    infra.script("postgres.sh", "kill");
    pause(6);
    infra.script("postgres.sh", "start");
    windows.add(new Window("PostgreSQL crash (immediate stop), down 6 s, restart", t, System.nanoTime()));
    pause(5);
    for (String name : List.of("ingestion-service", "activity-service", "readiness-service", "scheduler-service",
        "gateway-service")) {
      Infra.Service s = infra.service(name);
      t = System.nanoTime();
      s.kill();
      pause(2);
      s.start();
      s.awaitReady();
      windows.add(new Window("SIGKILL + restart " + name, t, System.nanoTime()));
      pause(4);
    }
    t = System.nanoTime();
    infra.script("kafka.sh", "kill");
    pause(3);
    infra.script("kafka.sh", "up");
    windows.add(new Window("SIGKILL + restart Kafka broker", t, System.nanoTime()));
    pause(6);
    t = System.nanoTime();
    Infra.Service readiness = infra.service("readiness-service");
    readiness.term();
    windows.add(new Window("SIGTERM readiness-service", t, System.nanoTime()));
    measureRedelivery();
    t = System.nanoTime();
    readiness.start();
    readiness.awaitReady();
    windows.add(new Window("restart readiness-service", t, System.nanoTime()));
    pause(4);
    Infra.Service ingestion = infra.service("ingestion-service");
    t = System.nanoTime();
    ingestion.term();
    ingestion.start();
    ingestion.awaitReady();
    windows.add(new Window("SIGTERM + restart ingestion-service", t, System.nanoTime()));
    pause(4);
  }

  private static void pause(int seconds) throws InterruptedException {
    Thread.sleep(seconds * 1000L);
  }

  private void sendPoison() throws Exception {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, Infra.BOOTSTRAP);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(props)) {
      for (String topic : CONSUMED) {
        String value = "{\"poison\": \"" + UUID.randomUUID() + "\", \"specversion\": 7";
        producer.send(new ProducerRecord<>(topic, "poison-" + topic, value)).get();
        poison.put(topic, value);
      }
    }
  }

  /** Topics whose dead-letter twin does not (yet) hold the poison sent to it. */
  List<String> poisonNotDeadLettered() {
    List<String> missing = new ArrayList<>();
    try (KafkaConsumer<String, String> c = consumer()) {
      for (var e : poison.entrySet()) {
        String dlq = e.getKey() + Topics.DLQ_SUFFIX;
        List<TopicPartition> parts = c.partitionsFor(dlq).stream().map(p -> new TopicPartition(dlq, p.partition())).toList();
        c.assign(parts);
        c.seekToBeginning(parts);
        boolean found = false;
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!found && System.nanoTime() < deadline) {
          for (ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(500))) {
            found |= e.getValue().equals(r.value());
          }
          if (!found && parts.stream().allMatch(p -> c.position(p) >= c.endOffsets(List.of(p)).get(p))) {
            break;
          }
        }
        if (!found) {
          missing.add(e.getKey());
        }
      }
    }
    return missing;
  }

  /**
   * After SIGTERM: reads readiness-service's committed offsets, and every record from there to the
   * end of its topics; those whose event id is already in its processed_event are what a restart
   * will deliver again (harmless, the idempotent consumer skips them, but a clean shutdown commits
   * what it processed, so this should be 0).
   */
  private void measureRedelivery() throws Exception {
    Properties props = new Properties();
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, Infra.BOOTSTRAP);
    Map<TopicPartition, OffsetAndMetadata> committed;
    try (Admin admin = Admin.create(props)) {
      committed = admin.listConsumerGroupOffsets("readiness-service").partitionsToOffsetAndMetadata().get();
    }
    Set<String> pending = new HashSet<>();
    try (KafkaConsumer<String, String> c = consumer()) {
      for (String topic : List.of(Topics.HEALTH_DATA_RECEIVED, Topics.LIFE_EVENT_REPORTED)) {
        for (var p : c.partitionsFor(topic)) {
          TopicPartition tp = new TopicPartition(topic, p.partition());
          OffsetAndMetadata from = committed.get(tp);
          long start = from == null ? 0 : from.offset();
          long end = c.endOffsets(List.of(tp)).get(tp);
          // The log may hold an event twice (an outbox relay that crashed between the broker's
          // acknowledgement and its delete publishes it again): the second copy is not a redelivery.
          Set<String> earlier = new HashSet<>();
          c.assign(List.of(tp));
          c.seek(tp, 0);
          while (c.position(tp) < end) {
            for (ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(500))) {
              String id = eventId(r.value());
              if (id == null || r.offset() >= end) {
                continue;
              }
              if (r.offset() < start) {
                earlier.add(id);
              } else if (!earlier.contains(id)) {
                pending.add(id);
              }
            }
          }
        }
      }
    }
    pendingAtSigterm = pending.size();
    try (Connection db = DriverManager.getConnection(Infra.JDBC, "postgres", "");
        PreparedStatement q = db.prepareStatement(
            "SELECT count(*) FROM readiness.processed_event WHERE consumer = 'readiness' AND event_id = ANY(?::uuid[])")) {
      q.setArray(1, db.createArrayOf("text", pending.toArray()));
      try (ResultSet rs = q.executeQuery()) {
        rs.next();
        redeliveredAfterSigterm = rs.getLong(1);
      }
    }
  }

  private static String eventId(String value) {
    try {
      return Http.JSON.readTree(value).get("id").asText();
    } catch (Exception poisonOrGarbage) {
      return null; // not an event: nothing was processed for it
    }
  }

  private static KafkaConsumer<String, String> consumer() {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, Infra.BOOTSTRAP);
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    return new KafkaConsumer<>(props);
  }
}
