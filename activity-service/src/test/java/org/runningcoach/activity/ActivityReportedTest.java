package org.runningcoach.activity;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.runningcoach.events.ActivityReported;
import org.runningcoach.events.EventCodec;
import org.runningcoach.events.EventEnvelope;
import org.runningcoach.events.EventType;

/**
 * Workouts handed over by ingestion (ActivityReported) become activities through the summary path,
 * and the same run arriving as a file upload, before or after, is counted once with the loser recorded.
 */
@QuarkusTest
class ActivityReportedTest {

  static String demo;
  static String athlete;

  @Inject Pool pool;
  @Inject @Any InMemoryConnector connector;

  @BeforeAll
  static void tokens() {
    demo = Tokens.of("demo");
    athlete = Tokens.subject(demo);
  }

  @BeforeEach
  void noActivities() {
    pool.preparedQuery("DELETE FROM activity WHERE athlete_id = $1").execute(Tuple.of(athlete)).await().indefinitely();
  }

  String send(ActivityReported report) {
    String message = EventCodec.encode(EventEnvelope.of(EventType.ACTIVITY_REPORTED, "/ingestion-service/webhooks/garmin",
        athlete, UUID.randomUUID(), Instant.now(), report));
    connector.source("activity-reported").send(message);
    return message;
  }

  /** The values ingestion maps from the real Garmin push in shared/data/garmin/openwearables-push-activities.json. */
  static ActivityReported garminMorningRun() {
    return new ActivityReported(athlete, UUID.randomUUID(), ActivityReported.Source.GARMIN, "21047282990", "running",
        Instant.ofEpochSecond(1763597760), 3600, 3600, null, null, null, null, "Forerunner 965", Instant.now());
  }

  JsonPath awaitList(Predicate<JsonPath> done) throws InterruptedException {
    JsonPath list = null;
    for (int i = 0; i < 100; i++) {
      list = given().auth().oauth2(demo).get("/activities").then().statusCode(200).extract().jsonPath();
      if (done.test(list)) {
        return list;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("not reached: " + list.prettify());
  }

  long duplicates() {
    return pool.preparedQuery("SELECT count(*) FROM activity_duplicate WHERE athlete_id = $1").execute(Tuple.of(athlete))
        .await().indefinitely().iterator().next().getLong(0);
  }

  @Test
  void aGarminActivityIsListedAndATypedCopyOfTheSameRunIsCountedOnce() throws InterruptedException {
    String message = send(garminMorningRun());
    JsonPath list = awaitList(l -> l.getInt("total") == 1);
    assertThat(list.getString("items[0].source")).isEqualTo("GARMIN");
    assertThat(list.getString("items[0].format")).isEqualTo("JSON");
    assertThat(list.getString("items[0].startTime")).isEqualTo("2025-11-20T01:16:00+01:00");
    assertThat(list.getString("items[0].localDate")).isEqualTo("2025-11-20");
    assertThat(list.getInt("items[0].elapsedSeconds")).isEqualTo(3600);
    String id = list.getString("items[0].id");

    // the athlete also types the run in from the phone: the Garmin copy counted first and stays the one
    given().auth().oauth2(demo).contentType("application/json")
        .body("{\"startTime\":\"2025-11-20T01:16:20+01:00\",\"sport\":\"running\",\"durationSeconds\":3590,\"rpe\":5}")
        .post("/activities").then().statusCode(200).body("id", equalTo(id)).body("source", equalTo("GARMIN"))
        .body("duplicates[0].source", equalTo("MANUAL")).body("duplicates[0].reason", equalTo("SAME_RUN"));

    // the broker delivers the same event again: nothing changes
    connector.source("activity-reported").send(message);
    Thread.sleep(500);
    assertThat(awaitList(l -> true).getInt("total")).isEqualTo(1);
    assertThat(duplicates()).isEqualTo(1);
  }

  @Test
  void aGarminReportOfARunAlreadyUploadedAsAFileIsRecordedAsTheCopyThatLost() throws InterruptedException {
    String id = ActivityResourceTest.upload(demo, "run.fit", ActivityResourceTest.file("fitparse_fenix2-run-2015-08-15.fit"))
        .post("/activities").then().statusCode(201).extract().path("id");
    // the file's run: 2015-08-15T14:45:08Z, 2832 s elapsed; Garmin's summary says 20 s later and 2830 s
    send(new ActivityReported(athlete, UUID.randomUUID(), ActivityReported.Source.GARMIN, "555", "running",
        Instant.parse("2015-08-15T14:45:28Z"), 7200, 2830, 9008.0, 150, 170, null, "fenix 2", Instant.now()));
    for (int i = 0; i < 100 && duplicates() == 0; i++) {
      Thread.sleep(100);
    }
    given().auth().oauth2(demo).get("/activities/" + id).then().statusCode(200).body("source", equalTo("FILE"))
        .body("duplicates[0].source", equalTo("GARMIN")).body("duplicates[0].reason", equalTo("SAME_RUN"));
    assertThat(awaitList(l -> true).getInt("total")).isEqualTo(1);
  }
}
