package org.runningcoach.readiness.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.runningcoach.events.EventCodec;
import org.runningcoach.events.EventEnvelope;
import org.runningcoach.events.EventType;
import org.runningcoach.events.HealthDataReceived;
import org.runningcoach.events.HealthDataReceived.DataSource;
import org.runningcoach.events.HealthDataReceived.HealthDataKind;
import org.runningcoach.events.LifeEventReported;

/** Inputs arrive as events, BodyStates come out over HTTP, per athlete, with the database real. */
@QuarkusTest
class ReadinessResourceTest {

  static final String TOKEN_URL = "http://127.0.0.1:8180/realms/runningcoach/protocol/openid-connect/token";
  static String demo;
  static String demo2;
  static String athlete;
  static String athlete2;

  @Inject @Any InMemoryConnector connector;
  @Inject Pool pool;

  static String token(String user) {
    return given().formParam("grant_type", "password").formParam("client_id", "runningcoach-app")
        .formParam("username", user).formParam("password", user).post(TOKEN_URL)
        .then().statusCode(200).extract().path("access_token");
  }

  @BeforeAll
  static void signIn() {
    demo = token("demo");
    demo2 = token("demo2");
    athlete = subjectOf(demo);
    athlete2 = subjectOf(demo2);
  }

  static String subjectOf(String token) {
    String payload = new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8);
    return EventCodec.tree(payload).get("sub").asText();
  }

  /** Each test works on its own stretch of days: 60 apart, and both athletes' rows are cleared first. */
  static LocalDate freshDate() {
    return LocalDate.of(2020, 1, 1).plusDays(60L * DAYS.getAndIncrement());
  }

  static final java.util.concurrent.atomic.AtomicInteger DAYS = new java.util.concurrent.atomic.AtomicInteger();
  static boolean cleared;

  @org.junit.jupiter.api.BeforeEach
  void clearBothAthletesReadinessRows() {
    if (!cleared) {
      for (String table : new String[] {"daily_input", "body_state", "life_event", "athlete_profile"}) {
        pool.preparedQuery("DELETE FROM " + table + " WHERE athlete_id IN ($1, $2)")
            .execute(Tuple.of(athlete, athlete2)).await().indefinitely();
      }
      cleared = true;
    }
  }

  UUID send(LocalDate date, HealthDataKind kind, DataSource source, Object part) {
    UUID id = UUID.randomUUID();
    var data = new HealthDataReceived(athlete, UUID.randomUUID(), kind, source, date, Instant.now(),
        kind == HealthDataKind.CHECKIN ? (HealthDataReceived.Checkin) part : null,
        kind == HealthDataKind.HRV ? (HealthDataReceived.Hrv) part : null,
        kind == HealthDataKind.RESTING_HR ? (HealthDataReceived.RestingHr) part : null,
        null, null, kind == HealthDataKind.WORKOUT ? (HealthDataReceived.Workout) part : null);
    connector.source("health-data-received").send(
        EventCodec.encode(EventEnvelope.of(EventType.HEALTH_DATA_RECEIVED, "/test", athlete, id, Instant.now(), data)));
    return id;
  }

  UUID checkin(LocalDate date, double sleep, int soreness, int stress) {
    return send(date, HealthDataKind.CHECKIN, DataSource.MANUAL,
        new HealthDataReceived.Checkin(sleep, null, soreness, stress, null, null, null));
  }

  String stateOnceItNames(LocalDate date, UUID eventId) {
    return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
        .until(() -> given().auth().oauth2(demo).get("/body-states/" + date).then().extract().asString(),
            body -> body.contains(eventId.toString()));
  }

  @Test
  void aLowHrvAgainstTwentyNightsOfHistoryTurnsTheHeartRed() {
    LocalDate day = freshDate();
    for (int back = 20; back >= 1; back--) {
      send(day.minusDays(back), HealthDataKind.HRV, DataSource.GARMIN,
          new HealthDataReceived.Hrv(HealthDataReceived.HrvMetric.RMSSD, back % 2 == 0 ? 55 : 45, null));
    }
    UUID low = send(day, HealthDataKind.HRV, DataSource.GARMIN, new HealthDataReceived.Hrv(HealthDataReceived.HrvMetric.RMSSD, 25, null));
    String state = stateOnceItNames(day, low);
    assertThat(EventCodec.tree(state).at("/cardio/status").asText()).isEqualTo("RED");
    assertThat(EventCodec.tree(state).at("/cardio/explanation/baselines/0/days").asInt()).isEqualTo(20);
    assertThat(EventCodec.tree(state).at("/overall/directive").asText()).isEqualTo("RECOVER");
  }

  @Test
  void aLaterInputRecomputesTheLaterStatesItsWindowReaches() {
    LocalDate day = freshDate();
    checkin(day, 8, 2, 2);
    UUID next = checkin(day.plusDays(1), 8, 2, 2);
    stateOnceItNames(day.plusDays(1), next);
    UUID shortNight = checkin(day, 3, 2, 2); // a correction for the earlier night
    String later = stateOnceItNames(day.plusDays(1), shortNight);
    assertThat(EventCodec.tree(later).at("/neural/status").asText()).isEqualTo("YELLOW");
    assertThat(EventCodec.tree(later).at("/neural/explanation/summary").asText())
        .isEqualTo("5.5 h a night over the last 2 nights (under 6.5 h).");
  }

  UUID workout(LocalDate date, UUID activityId, long movingSeconds, int rpe) {
    return send(date, HealthDataKind.WORKOUT, DataSource.FILE, new HealthDataReceived.Workout(activityId, "running",
        date.atTime(7, 0).toInstant(java.time.ZoneOffset.UTC), movingSeconds, movingSeconds, 5000.0, null, null, rpe,
        rpe * movingSeconds / 60.0, null, 5.0, null));
  }

  static double input(String state, String system, String name) {
    for (var input : EventCodec.tree(state).at("/" + system + "/explanation/inputs")) {
      if (input.get("name").asText().equals(name)) {
        return input.get("value").asDouble();
      }
    }
    throw new AssertionError("no input " + name + " in " + system + ": " + state);
  }

  @Test
  void aRemovedWorkoutsLoadLeavesItsDateAndTheLaterStates() {
    LocalDate day = freshDate();
    UUID kept = UUID.randomUUID();
    UUID removed = UUID.randomUUID();
    workout(day, kept, 1800, 5);                       // 150 sRPE
    UUID removedEvent = workout(day, removed, 3600, 5); // 300 sRPE
    checkin(day, 8, 2, 2);
    UUID nextDay = checkin(day.plusDays(1), 8, 2, 2);
    String before = stateOnceItNames(day.plusDays(1), nextDay);
    assertThat(input(before, "skeletal", "load7d")).isEqualTo(450.0);
    assertThat(input(stateOnceItNames(day, removedEvent), "skeletal", "load7d")).isEqualTo(450.0);

    connector.source("health-data-received").send(EventCodec.encode(EventEnvelope.of(EventType.HEALTH_DATA_RECEIVED,
        "/test", athlete, UUID.randomUUID(), Instant.now(),
        HealthDataReceived.workoutRemoved(athlete, removed, DataSource.FILE, day, Instant.now()))));

    String dayAfter = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
        .until(() -> given().auth().oauth2(demo).get("/body-states/" + day).then().extract().asString(),
            body -> !body.contains(removedEvent.toString()));
    assertThat(input(dayAfter, "skeletal", "load7d")).isEqualTo(150.0);
    String later = given().auth().oauth2(demo).get("/body-states/" + day.plusDays(1)).then().statusCode(200)
        .extract().asString();
    assertThat(later).doesNotContain(removedEvent.toString());
    assertThat(input(later, "skeletal", "load7d")).isEqualTo(150.0);
    Long rows = pool.preparedQuery("SELECT count(*) FROM daily_input WHERE athlete_id = $1 AND source_key = $2")
        .execute(Tuple.of(athlete, removed.toString())).await().indefinitely().iterator().next().getLong(0);
    assertThat(rows).isZero();
  }

  @Test
  void aSickDayIsLeftOutOfTheBaselinesOfTheDaysAfterIt() {
    LocalDate day = freshDate();
    UUID id = checkin(day, 7, 3, 3);
    stateOnceItNames(day, id);
    connector.source("life-event-reported").send(EventCodec.encode(EventEnvelope.of(EventType.LIFE_EVENT_REPORTED, "/test",
        athlete, UUID.randomUUID(), Instant.now(),
        new LifeEventReported(athlete, UUID.randomUUID(), LifeEventReported.LifeEventType.SICK, day.minusDays(3), null, true, false))));
    Long stored = await().atMost(Duration.ofSeconds(30)).until(() -> pool.preparedQuery(
            "SELECT count(*) FROM life_event WHERE athlete_id = $1 AND start_date = $2")
        .execute(Tuple.of(athlete, day.minusDays(3))).await().indefinitely().iterator().next().getLong(0), n -> n > 0);
    assertThat(stored).isEqualTo(1);
  }

  @Test
  void anotherAthleteSeesNoneOfIt() {
    LocalDate day = freshDate();
    stateOnceItNames(day, checkin(day, 6, 3, 3));
    given().auth().oauth2(demo2).get("/body-states/" + day).then().statusCode(404);
    given().auth().oauth2(demo2).post("/body-states/" + day + "/replay").then().statusCode(404);
    given().auth().oauth2(demo).post("/body-states/" + day + "/replay").then().statusCode(200)
        .body("neural.status", equalTo("YELLOW"));
    given().auth().oauth2(demo).get("/body-states/" + day).then().statusCode(200).body("neural.status", equalTo("YELLOW"));
  }

  @Test
  void theProfileIsValidatedStoredAndReadBack() {
    given().auth().oauth2(demo).contentType("application/json").body("{\"restingHr\":300}").put("/profile")
        .then().statusCode(400).contentType(startsWith("application/problem+json")).body("errors.field", hasItem("restingHr"));
    given().auth().oauth2(demo).contentType("application/json").body("{\"restingHr\":60,\"maxHr\":55}").put("/profile")
        .then().statusCode(400).body("errors.field", hasItem("maxHr"));
    given().auth().oauth2(demo).contentType("application/json").body("{\"hrvBaselineMs\":60}").put("/profile")
        .then().statusCode(400).body("errors.field", hasItem("hrvBaselineMetric"));
    given().auth().oauth2(demo).contentType("application/json").body("{\"sex\":\"ROBOT\"}").put("/profile")
        .then().statusCode(400).body("errors.field", hasItem("sex"));
    given().auth().oauth2(demo).contentType("application/json")
        .body("{\"sex\":\"FEMALE\",\"restingHr\":50,\"maxHr\":188,\"hrvBaselineMs\":62,\"hrvBaselineMetric\":\"RMSSD\",\"sleepAvgHours\":7.5}")
        .put("/profile").then().statusCode(200);
    given().auth().oauth2(demo).get("/profile").then().statusCode(200).body("maxHr", equalTo(188)).body("sex", equalTo("FEMALE"));
  }

  @Test
  void aWhatIfAnswersWithoutStoringAnything() {
    LocalDate day = freshDate();
    stateOnceItNames(day, checkin(day, 4, 3, 3));
    long before = pool.query("SELECT count(*) FROM body_state").execute().await().indefinitely().iterator().next().getLong(0);
    given().auth().oauth2(demo).contentType("application/json")
        .body("{\"date\":\"" + day + "\",\"checkin\":{\"sleepHours\":8,\"soreness\":2,\"stress\":2},\"workouts\":[]}")
        .post("/what-if").then().statusCode(200).body("neural.status", equalTo("GREEN"));
    given().auth().oauth2(demo).contentType("application/json")
        .body("{\"date\":\"" + day + "\",\"checkin\":{\"sleepHours\":30,\"soreness\":2,\"stress\":2}}")
        .post("/what-if").then().statusCode(400).body("errors.field", hasItem("sleepHours"));
    given().auth().oauth2(demo).get("/body-states/" + day).then().body("neural.status", equalTo("RED"));
    long after = pool.query("SELECT count(*) FROM body_state").execute().await().indefinitely().iterator().next().getLong(0);
    assertThat(after).isEqualTo(before);
  }
}
