package org.runningcoach.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.restassured.RestAssured;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.runningcoach.events.BodyStateComputed;
import org.runningcoach.events.EventCodec;
import org.runningcoach.events.EventEnvelope;
import org.runningcoach.events.EventType;
import org.runningcoach.events.HealthDataReceived;
import org.runningcoach.events.Topics;

/** At-least-once delivery made exactly-once in effect, and poison that does not stop the line. */
@ExtendWith(RunningSystem.class)
class DeliveryIT {

  static final String BOOTSTRAP = "127.0.0.1:9092";
  static String token;
  static String athleteId;
  static KafkaProducer<String, String> producer;

  @BeforeAll
  static void setUp() {
    RestAssured.baseURI = RunningSystem.GATEWAY;
    token = RunningSystem.tokenFor("demo");
    String payload = new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8);
    athleteId = EventCodec.tree(payload).get("sub").asText();
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    producer = new KafkaProducer<>(props);
  }

  @AfterAll
  static void tearDown() {
    producer.close();
  }

  static void send(String topic, String value) throws Exception {
    producer.send(new ProducerRecord<>(topic, athleteId, value)).get();
  }

  static LocalDate freshDate() {
    return LocalDate.now(ZoneOffset.UTC).minusDays(ThreadLocalRandom.current().nextInt(30, 700));
  }

  static KafkaConsumer<String, String> consumerAtEndOf(String topic) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP);
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props);
    List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
        .map(p -> new TopicPartition(topic, p.partition())).toList();
    consumer.assign(partitions);
    consumer.seekToEnd(partitions);
    partitions.forEach(consumer::position);
    return consumer;
  }

  static String checkinEvent(UUID eventId, LocalDate date, double sleep) {
    var data = HealthDataReceived.checkin(athleteId, UUID.randomUUID(), HealthDataReceived.DataSource.MANUAL,
        date, Instant.now(),
        new HealthDataReceived.Checkin(sleep, null, 3, 3, null, null, null));
    return EventCodec.encode(EventEnvelope.of(EventType.HEALTH_DATA_RECEIVED, "/e2e-tests", athleteId, eventId,
        Instant.now(), data));
  }

  @Test
  void aRedeliveredEventChangesTheStateOnlyOnce() throws Exception {
    try (KafkaConsumer<String, String> states = consumerAtEndOf(Topics.BODY_STATE_COMPUTED)) {
      UUID twice = UUID.randomUUID();
      UUID marker = UUID.randomUUID();
      LocalDate date = freshDate();
      String event = checkinEvent(twice, date, 4.0);
      send(Topics.HEALTH_DATA_RECEIVED, event);
      send(Topics.HEALTH_DATA_RECEIVED, event);
      // Same athlete, same partition, after the duplicate: once its state is out, the duplicate's would be too.
      send(Topics.HEALTH_DATA_RECEIVED, checkinEvent(marker, freshDate(), 7.0));

      List<BodyStateComputed> seen = new ArrayList<>();
      await().atMost(Duration.ofSeconds(60)).until(() -> {
        for (ConsumerRecord<String, String> r : states.poll(Duration.ofMillis(200))) {
          BodyStateComputed state = EventCodec.decode(r.value(), EventType.BODY_STATE_COMPUTED).data();
          if (state.athleteId().equals(athleteId)) {
            seen.add(state);
          }
        }
        return seen.stream().anyMatch(s -> s.causedBy().contains(marker));
      });
      // Later stored states within a week also name the event (causedBy covers six days back); the
      // state of its own date must have been announced once.
      assertThat(seen.stream().filter(s -> s.date().equals(date) && s.causedBy().contains(twice))).hasSize(1);
    }
  }

  @Test
  void aPoisonMessageGoesToTheDeadLetterTopicAndTheConsumerKeepsGoing() throws Exception {
    try (KafkaConsumer<String, String> deadLetters = consumerAtEndOf(Topics.HEALTH_DATA_RECEIVED + Topics.DLQ_SUFFIX)) {
      String poison = "{\"this is not\": \"an event\", \"marker\": \"" + UUID.randomUUID() + "\"}";
      send(Topics.HEALTH_DATA_RECEIVED, poison);
      send(Topics.HEALTH_DATA_RECEIVED, "{ truncated");

      LocalDate date = freshDate();
      String eventId = given().auth().oauth2(token).contentType("application/json")
          .body("{\"date\":\"" + date + "\",\"sleepHours\":8,\"soreness\":2,\"stress\":2}")
          .post("/checkin").then().statusCode(202).extract().path("eventId");
      await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() ->
          given().auth().oauth2(token).get("/body-states/" + date).then().extract().asString().contains(eventId));

      List<String> dead = new ArrayList<>();
      await().atMost(Duration.ofSeconds(30)).until(() -> {
        deadLetters.poll(Duration.ofMillis(200)).forEach(r -> dead.add(r.value()));
        return dead.contains(poison);
      });
      assertThat(dead).contains(poison);
    }
  }
}
