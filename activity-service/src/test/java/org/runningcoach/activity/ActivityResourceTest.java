package org.runningcoach.activity;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.runningcoach.events.EventCodec;
import org.runningcoach.events.EventType;
import org.runningcoach.events.HealthDataReceived;

/** The workout pipeline over HTTP and the database, with real tokens, PostgreSQL and Kafka. */
@QuarkusTest
class ActivityResourceTest {

  static String demo;
  static String demo2;

  @Inject Pool pool;

  @BeforeAll
  static void tokens() {
    demo = Tokens.of("demo");
    demo2 = Tokens.of("demo2");
  }

  /** Each run starts from no activities for the two test athletes, so "new" and "duplicate" mean the same every time. */
  @BeforeEach
  void forgetTestAthletesActivities() {
    pool.preparedQuery("DELETE FROM activity WHERE athlete_id = ANY($1)")
        .execute(Tuple.of(new String[] {Tokens.subject(demo), Tokens.subject(demo2)})).await().indefinitely();
  }

  static byte[] file(String name) {
    try (InputStream in = ActivityResourceTest.class.getResourceAsStream("/activities/" + name)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static RequestSpecification upload(String token, String name, byte[] content) {
    return given().auth().oauth2(token).multiPart("file", name, content, "application/octet-stream");
  }

  long count(String table) {
    return pool.preparedQuery("SELECT count(*) FROM " + table + " WHERE athlete_id = $1")
        .execute(Tuple.of(Tokens.subject(demo))).await().indefinitely().iterator().next().getLong(0);
  }

  @Test
  void aFitUploadIsStoredWithItsMetricsLoadsStreamsAndEvent() {
    try (KafkaConsumer<String, String> events = eventsFromNow()) {
      var created = upload(demo, "watch-export.bin", file("fitparse_fenix2-run-2015-08-15.fit")).multiPart("rpe", "6")
          .multiPart("notes", "tempo by the river")
          .post("/activities").then().statusCode(201)
          .header("Location", notNullValue())
          .body("format", equalTo("FIT")).body("source", equalTo("FILE")).body("sport", equalTo("running"))
          .body("startTime", equalTo("2015-08-15T16:45:08+02:00")).body("localDate", equalTo("2015-08-15"))
          .body("metrics.distanceMeters", equalTo(9008.2f)).body("metrics.elapsedSeconds", equalTo(2832))
          .body("metrics.elevationGainMeters", equalTo(64.0f))
          .body("rpe", equalTo(6)).body("notes", equalTo("tempo by the river"))
          .body("sampleCount", equalTo(2809))
          .extract();
      String id = created.path("id");
      String eventId = created.path("eventId");
      int moving = created.path("metrics.movingSeconds");
      float srpe = created.path("loads.srpeLoad");
      assertThat(srpe).isCloseTo(6 * moving / 60f, org.assertj.core.api.Assertions.within(0.1f));
      assertThat(created.header("Location")).endsWith("/activities/" + id);
      var stored = pool.preparedQuery("SELECT notes, notes_sealed FROM activity WHERE id = $1::uuid").execute(Tuple.of(id))
          .await().indefinitely().iterator().next();
      assertThat(stored.getString("notes")).as("the note is stored sealed only").isNull();
      assertThat(new String(stored.getBuffer("notes_sealed").getBytes(), StandardCharsets.ISO_8859_1)).doesNotContain("river");

      given().auth().oauth2(demo).get("/activities/" + id).then().statusCode(200)
          .body("metrics.avgHr", notNullValue()).body("loads.impactLoad", notNullValue())
          .body("loads.hrSecondsByBpm", notNullValue()).body("duplicates", nullValue());
      given().auth().oauth2(demo).get("/activities/" + id + "/streams?maxPoints=100").then().statusCode(200)
          .body("sampleCount", equalTo(2809)).body("returned", equalTo(100))
          .body("time.size()", equalTo(100)).body("hr.size()", equalTo(100)).body("lat[0]", notNullValue());
      given().auth().oauth2(demo).get("/activities/" + id + "/streams").then().statusCode(200)
          .body("returned", equalTo(2809));

      JsonObject event = awaitEvent(events, eventId);
      JsonObject data = event.getJsonObject("data");
      assertThat(data.getString("kind")).isEqualTo("WORKOUT");
      assertThat(data.getString("source")).isEqualTo("FILE");
      assertThat(data.getString("localDate")).isEqualTo("2015-08-15");
      JsonObject workout = data.getJsonObject("workout");
      assertThat(workout.getString("activityId")).isEqualTo(id);
      assertThat(workout.getDouble("distanceMeters")).isEqualTo(9008.2);
      assertThat(workout.getInteger("rpe")).isEqualTo(6);
      assertThat(workout.getJsonObject("hrSecondsByBpm").getMap()).isNotEmpty();
      assertThat(workout.containsKey("notes")).isFalse();
      // readiness reads it with the shared codec: the typed event carries the same numbers
      var typed = EventCodec.decode(event.encode(), EventType.HEALTH_DATA_RECEIVED).data();
      assertThat(typed.kind()).isEqualTo(HealthDataReceived.HealthDataKind.WORKOUT);
      assertThat(typed.workout().movingSeconds()).isEqualTo(moving);
      assertThat(typed.workout().srpeLoad()).isCloseTo(srpe, org.assertj.core.api.Assertions.within(0.01));
      assertThat(typed.workout().hrSecondsByBpm().values().stream().mapToInt(Integer::intValue).sum())
          .isBetween(2800, 2840);
    }
  }

  @Test
  void theSameFileTwiceOrTheSameRunFromAnotherSourceIsCountedOnce() {
    byte[] fit = file("fitparse_fenix2-run-2015-08-15.fit");
    String id = upload(demo, "a.fit", fit).post("/activities").then().statusCode(201).extract().path("id");
    upload(demo, "copy-with-another-name.fit", fit).post("/activities").then().statusCode(200)
        .body("id", equalTo(id)).body("duplicates[0].reason", equalTo("SAME_FILE"));
    // the same run typed in from a phone app: start within a minute, same duration
    given().auth().oauth2(demo).contentType("application/json")
        .body("{\"startTime\":\"2015-08-15T16:45:30+02:00\",\"sport\":\"running\",\"durationSeconds\":2800,"
            + "\"distanceMeters\":9000,\"rpe\":6}")
        .post("/activities").then().statusCode(200)
        .body("id", equalTo(id)).body("format", equalTo("FIT"))
        .body("duplicates.reason", equalTo(List.of("SAME_FILE", "SAME_RUN")))
        .body("duplicates[1].source", equalTo("MANUAL"));
    given().auth().oauth2(demo).get("/activities").then().statusCode(200)
        .body("total", equalTo(1)).body("items[0].id", equalTo(id));
  }

  @Test
  void tcxGpxAndJsonSummariesAreStoredAndListedNewestFirst() {
    String tcx = upload(demo, "run.tcx", file("tcxparser_fr410-run-2012-12-26.tcx")).post("/activities").then()
        .statusCode(201).body("format", equalTo("TCX")).body("metrics.distanceMeters", equalTo(4689.2f))
        .body("metrics.maxHr", equalTo(189)).body("timeNote", notNullValue()).extract().path("id");
    String gpx = upload(demo, "route.gpx", file("apple-health-route-2019-06-11.gpx")).post("/activities").then()
        .statusCode(201).body("format", equalTo("GPX")).body("sampleCount", equalTo(2)).extract().path("id");
    String json = given().auth().oauth2(demo).contentType("application/json")
        .body("{\"startTime\":\"2024-03-02T23:30:00-05:00\",\"sport\":\"running\",\"durationSeconds\":3000,"
            + "\"distanceMeters\":10000,\"avgHr\":150,\"maxHr\":172,\"elevationGainMeters\":40,\"rpe\":7,\"notes\":\"late run\"}")
        .post("/activities").then().statusCode(201)
        .body("source", equalTo("MANUAL")).body("format", equalTo("JSON"))
        .body("localDate", equalTo("2024-03-02")).body("startTime", equalTo("2024-03-02T23:30:00-05:00"))
        .body("metrics.avgPaceSecondsPerKm", equalTo(300.0f)).body("loads.srpeLoad", equalTo(350.0f))
        .body("loads.impactLoad", equalTo(11.11f)).extract().path("id");
    given().auth().oauth2(demo).get("/activities?size=2").then().statusCode(200)
        .body("total", equalTo(3)).body("items.id", equalTo(List.of(json, gpx)));
    given().auth().oauth2(demo).get("/activities?size=2&page=1").then().statusCode(200)
        .body("items.id", equalTo(List.of(tcx)));
  }

  @Test
  void anotherAthleteCannotSeeThisAthletesActivity() {
    String id = upload(demo, "run.tcx", file("tcxparser_fr410-run-2012-12-26.tcx")).post("/activities").then()
        .statusCode(201).extract().path("id");
    given().auth().oauth2(demo2).get("/activities/" + id).then().statusCode(404)
        .contentType(startsWith("application/problem+json"));
    given().auth().oauth2(demo2).get("/activities/" + id + "/streams").then().statusCode(404);
    given().auth().oauth2(demo2).get("/activities").then().statusCode(200).body("items.id", org.hamcrest.Matchers.not(hasItem(id)));
    given().get("/activities/" + id).then().statusCode(401);
  }

  @Test
  void aDeletedActivityGoesWithItsSamplesAndCopiesAndItsLoadIsWithdrawn() {
    byte[] fit = file("fitparse_fenix2-run-2015-08-15.fit");
    String id;
    try (KafkaConsumer<String, String> events = eventsFromNow()) {
      id = upload(demo, "a.fit", fit).post("/activities").then().statusCode(201).extract().path("id");
      upload(demo, "again.fit", fit).post("/activities").then().statusCode(200).body("id", equalTo(id));
      given().auth().oauth2(demo2).delete("/activities/" + id).then().statusCode(404)
          .contentType(startsWith("application/problem+json"));
      given().auth().oauth2(demo).get("/activities/" + id).then().statusCode(200);

      given().auth().oauth2(demo).delete("/activities/" + id).then().statusCode(204);

      given().auth().oauth2(demo).get("/activities/" + id).then().statusCode(404);
      given().auth().oauth2(demo).get("/activities/" + id + "/streams").then().statusCode(404);
      given().auth().oauth2(demo).get("/activities").then().statusCode(200).body("total", equalTo(0));
      assertThat(count("activity_sample")).isZero();
      assertThat(count("activity_duplicate")).isZero();
      String deleted = id;
      JsonObject removed = awaitEvent(events, e -> "WORKOUT_REMOVED".equals(e.getJsonObject("data").getString("kind"))
          && deleted.equals(e.getJsonObject("data").getString("recordId")));
      assertThat(removed.getJsonObject("data").getString("localDate")).isEqualTo("2015-08-15");
      assertThat(removed.getJsonObject("data").getString("source")).isEqualTo("FILE");
      assertThat(EventCodec.decode(removed.encode(), EventType.HEALTH_DATA_RECEIVED).data().workout()).isNull();
    }
    given().auth().oauth2(demo).delete("/activities/" + id).then().statusCode(404);
    given().auth().oauth2(demo).delete("/activities/not-a-uuid").then().statusCode(404);
    given().delete("/activities/00000000-0000-0000-0000-000000000000").then().statusCode(401);
    // the file is no longer anyone's copy: uploaded again it counts anew
    upload(demo, "a.fit", fit).post("/activities").then().statusCode(201);
  }

  record Bad(String name, RequestSpecification request, int status, String field) {}

  @Test
  void badInputGetsAProblemAndStoresNothing() {
    byte[] fit = file("fitparse_fr110-run-2013-02-06.fit");
    byte[] corrupted = fit.clone();
    corrupted[5000] ^= (byte) 0xFF;
    byte[] tcx = file("tcxparser_fr410-run-2012-12-26.tcx");
    String bomb = "<?xml version=\"1.0\"?><!DOCTYPE gpx [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">"
        + "<!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\"><!ENTITY d \"&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;\">]>"
        + "<gpx xmlns=\"http://www.topografix.com/GPX/1/1\"><trk><name>&d;</name></trk></gpx>";
    String xxe = "<?xml version=\"1.0\"?><!DOCTYPE gpx [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
        + "<gpx xmlns=\"http://www.topografix.com/GPX/1/1\"><trk><name>&x;</name><trkseg><trkpt lat=\"1\" lon=\"1\">"
        + "<time>2024-01-01T10:00:00Z</time></trkpt></trkseg></trk></gpx>";
    String summary = "{\"startTime\":\"2024-03-02T06:30:00+01:00\",\"sport\":\"running\",\"durationSeconds\":%s}";
    List<Bad> cases = List.of(
        new Bad("corrupted FIT", upload(demo, "x.fit", corrupted), 400, "file"),
        new Bad("truncated FIT", upload(demo, "x.fit", Arrays.copyOf(fit, 9000)), 400, "file"),
        new Bad("truncated TCX", upload(demo, "x.tcx", Arrays.copyOf(tcx, tcx.length / 2)), 400, "file"),
        new Bad("XML bomb", upload(demo, "x.gpx", bomb.getBytes(StandardCharsets.UTF_8)), 400, "file"),
        new Bad("XXE", upload(demo, "x.gpx", xxe.getBytes(StandardCharsets.UTF_8)), 400, "file"),
        new Bad("empty file", upload(demo, "x.fit", new byte[0]), 400, "file"),
        new Bad("unknown format", upload(demo, "x.fit", "just some notes".getBytes(StandardCharsets.UTF_8)), 400, "file"),
        new Bad("no file part", given().auth().oauth2(demo).multiPart("rpe", "5"), 400, "file"),
        new Bad("rpe 11", upload(demo, "x.tcx", tcx).multiPart("rpe", "11"), 400, "rpe"),
        new Bad("rpe as words", upload(demo, "x.tcx", tcx).multiPart("rpe", "hard"), 400, "rpe"),
        new Bad("wrong content type", given().auth().oauth2(demo).contentType("text/plain").body("10 km"), 415, null),
        new Bad("negative duration", given().auth().oauth2(demo).contentType("application/json")
            .body(String.format(summary, "-60")), 400, "durationSeconds"),
        new Bad("duration as text", given().auth().oauth2(demo).contentType("application/json")
            .body(String.format(summary, "\"60\"")), 400, "durationSeconds"),
        new Bad("start without offset", given().auth().oauth2(demo).contentType("application/json")
            .body("{\"startTime\":\"2024-03-02T06:30:00\",\"sport\":\"running\",\"durationSeconds\":60}"), 400, "startTime"),
        new Bad("rpe 11 in JSON", given().auth().oauth2(demo).contentType("application/json")
            .body("{\"startTime\":\"2024-03-02T06:30:00Z\",\"sport\":\"running\",\"durationSeconds\":60,\"rpe\":11}"), 400, "rpe"),
        new Bad("a 50-hour recording", upload(demo, "forgot-to-stop.gpx", ("<gpx xmlns=\"http://www.topografix.com/GPX/1/1\">"
            + "<trk><trkseg><trkpt lat=\"1\" lon=\"1\"><time>2024-01-01T10:00:00Z</time></trkpt>"
            + "<trkpt lat=\"1.001\" lon=\"1\"><time>2024-01-03T12:00:00Z</time></trkpt></trkseg></trk></gpx>")
            .getBytes(StandardCharsets.UTF_8)), 400, "file"),
        new Bad("a 50-hour summary", given().auth().oauth2(demo).contentType("application/json")
            .body(String.format(summary, "180000")), 400, "durationSeconds"),
        new Bad("HR 300 in a summary", given().auth().oauth2(demo).contentType("application/json")
            .body("{\"startTime\":\"2024-03-02T06:30:00Z\",\"sport\":\"running\",\"durationSeconds\":60,\"maxHr\":300}"),
            400, "maxHr"),
        new Bad("HR 0 in a summary", given().auth().oauth2(demo).contentType("application/json")
            .body("{\"startTime\":\"2024-03-02T06:30:00Z\",\"sport\":\"running\",\"durationSeconds\":60,\"avgHr\":0}"),
            400, "avgHr"),
        new Bad("unknown JSON field", given().auth().oauth2(demo).contentType("application/json")
            .body("{\"startTime\":\"2024-03-02T06:30:00Z\",\"sport\":\"running\",\"durationSeconds\":60,\"athleteId\":\"x\"}"),
            400, "athleteId"));
    long activities = count("activity");
    long duplicates = count("activity_duplicate");
    long samples = count("activity_sample");
    for (Bad c : cases) {
      ValidatableResponse response = c.request().post("/activities").then();
      try {
        response.statusCode(c.status()).contentType(startsWith("application/problem+json"))
            .body("status", equalTo(c.status())).body("detail", notNullValue());
        if (c.field() != null) {
          response.body("errors.field", hasItem(c.field()));
        }
      } catch (AssertionError e) {
        throw new AssertionError("case '" + c.name() + "' got " + response.extract().asString() + ": " + e.getMessage(), e);
      }
    }
    assertThat(count("activity")).isEqualTo(activities);
    assertThat(count("activity_duplicate")).isEqualTo(duplicates);
    assertThat(count("activity_sample")).isEqualTo(samples);
  }

  @Test
  void aThirtyHourUltraIsAcceptedWithItsFullLoad() {
    // 30 h is a 100-mile race, not an error: stored, and its load is 30 h of work.
    given().auth().oauth2(demo).contentType("application/json")
        .body("{\"startTime\":\"2023-06-24T05:00:00+02:00\",\"sport\":\"trail_running\",\"durationSeconds\":108000,"
            + "\"distanceMeters\":161000,\"rpe\":9}")
        .post("/activities").then().statusCode(201)
        .body("metrics.movingSeconds", equalTo(108000)).body("loads.srpeLoad", equalTo(16200.0f));
  }

  @Test
  void theLargestSampleFileIsStoredInOneBulkWrite() {
    // Stryd: 3424 one-second samples; the service logs how long the single INSERT … unnest took.
    String id = upload(demo, "stryd.fit", file("fitparse_stryd-run-developer-fields.fit")).post("/activities").then()
        .statusCode(201).body("metrics.avgPowerWatts", notNullValue()).extract().path("id");
    long stored = pool.preparedQuery("SELECT count(*) FROM activity_sample WHERE activity_id = $1::uuid")
        .execute(Tuple.of(id)).await().indefinitely().iterator().next().getLong(0);
    assertThat(stored).isEqualTo(3424);
  }

  /** A consumer positioned at the end of the topic, so only events from this test are read. */
  static KafkaConsumer<String, String> eventsFromNow() {
    Properties p = new Properties();
    p.put("bootstrap.servers", "127.0.0.1:9092");
    p.put("key.deserializer", StringDeserializer.class.getName());
    p.put("value.deserializer", StringDeserializer.class.getName());
    p.put("enable.auto.commit", "false");
    KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p);
    List<TopicPartition> partitions = consumer.partitionsFor("health-data-received").stream()
        .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
    consumer.assign(partitions);
    consumer.seekToEnd(partitions);
    partitions.forEach(consumer::position);
    return consumer;
  }

  static JsonObject awaitEvent(KafkaConsumer<String, String> consumer, String eventId) {
    return awaitEvent(consumer, event -> eventId.equals(event.getString("id")));
  }

  static JsonObject awaitEvent(KafkaConsumer<String, String> consumer, java.util.function.Predicate<JsonObject> wanted) {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline) {
      for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
        JsonObject event = new JsonObject(r.value());
        if (wanted.test(event)) {
          return event;
        }
      }
    }
    throw new AssertionError("the event awaited was not published to health-data-received");
  }
}
