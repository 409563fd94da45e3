package org.runningcoach.benchmarks.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Watches the event topics from their current end (no consumer group, nothing committed, so it
 * takes nothing from the services) and notes when each event is first seen here, on the same
 * clock as the driver (System.nanoTime):
 * <ul>
 *   <li>{@code BodyStateComputed}: the first one whose {@code causedBy} names a given event id;</li>
 *   <li>{@code PlanAdapted}: the first one caused by a given BodyStateComputed id;</li>
 *   <li>{@code HealthDataReceived} from Garmin: its event id by athlete and date, because the
 *       webhook's answer carries counts, not event ids.</li>
 * </ul>
 * Matching happens after a step from these maps, so an event seen before the HTTP answer that
 * caused it was read still counts.
 */
public final class EventWatcher implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Map<String, Long> bodyStateSeen = new ConcurrentHashMap<>();
  private final Map<String, String> bodyStateByCause = new ConcurrentHashMap<>();
  private final Map<String, Long> planAdaptedSeen = new ConcurrentHashMap<>();
  private final Map<String, String> garminEvent = new ConcurrentHashMap<>();
  private final AtomicLong bodyStateBytes = new AtomicLong();
  private final AtomicLong bodyStates = new AtomicLong();
  private final KafkaConsumer<String, String> consumer;
  private final Thread thread;
  private volatile boolean running = true;

  public EventWatcher(String bootstrap) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "50");
    consumer = new KafkaConsumer<>(p);
    List<TopicPartition> partitions = new ArrayList<>();
    for (String topic : List.of("body-state-computed", "plan-adapted", "health-data-received")) {
      consumer.partitionsFor(topic).forEach(i -> partitions.add(new TopicPartition(topic, i.partition())));
    }
    consumer.assign(partitions);
    consumer.seekToEnd(partitions);
    partitions.forEach(consumer::position);
    thread = new Thread(this::loop, "event-watcher");
    thread.setDaemon(true);
    thread.start();
  }

  private void loop() {
    while (running) {
      for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(100))) {
        long now = System.nanoTime();
        try {
          JsonNode event = JSON.readTree(r.value());
          JsonNode data = event.path("data");
          switch (r.topic()) {
            case "body-state-computed" -> {
              bodyStates.incrementAndGet();
              bodyStateBytes.addAndGet(r.serializedValueSize());
              String id = event.path("id").asText();
              for (JsonNode cause : data.path("causedBy")) {
                if (bodyStateSeen.putIfAbsent(cause.asText(), now) == null) {
                  bodyStateByCause.put(cause.asText(), id);
                }
              }
            }
            case "plan-adapted" -> {
              for (JsonNode cause : data.path("causedBy")) {
                planAdaptedSeen.putIfAbsent(cause.asText(), now);
              }
            }
            default -> {
              if ("GARMIN".equals(data.path("source").asText())) {
                garminEvent.putIfAbsent(data.path("athleteId").asText() + "|" + data.path("localDate").asText(),
                    event.path("id").asText());
              }
            }
          }
        } catch (Exception notAnEvent) {
          // another writer's record on a shared topic: not ours to judge
        }
      }
    }
    consumer.close();
  }

  /** When the first BodyStateComputed caused by this event was seen, or null. */
  public Long bodyStateSeen(String eventId) {
    return bodyStateSeen.get(eventId);
  }

  /** When the first PlanAdapted caused by the BodyState that this event caused was seen, or null. */
  public Long planAdaptedSeen(String eventId) {
    String bodyState = bodyStateByCause.get(eventId);
    return bodyState == null ? null : planAdaptedSeen.get(bodyState);
  }

  /** The Garmin HealthDataReceived event id of an athlete's date, or null while not seen. */
  public String garminEvent(String athleteId, String date) {
    return garminEvent.get(athleteId + "|" + date);
  }

  /** Mean size of a BodyStateComputed value in bytes (the raw Kafka baseline sends the same size). */
  public int meanBodyStateBytes() {
    return bodyStates.get() == 0 ? 2500 : (int) (bodyStateBytes.get() / bodyStates.get());
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    thread.join(5000);
  }
}
