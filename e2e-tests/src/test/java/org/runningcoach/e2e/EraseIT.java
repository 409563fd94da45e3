package org.runningcoach.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.notNullValue;

import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Delete My Data through the gateway: demo2's data disappears from every service, demo's stays. */
@ExtendWith(RunningSystem.class)
class EraseIT {

  static String demo;
  static String demo2;

  @BeforeAll
  static void signIn() {
    RestAssured.baseURI = RunningSystem.GATEWAY;
    demo = RunningSystem.tokenFor("demo");
    demo2 = RunningSystem.tokenFor("demo2");
  }

  static String checkin(String token, LocalDate date) {
    return given().auth().oauth2(token).contentType("application/json")
        .body("{\"date\":\"" + date + "\",\"sleepHours\":6.5,\"soreness\":4,\"stress\":5}")
        .post("/checkin").then().statusCode(202).extract().path("eventId");
  }

  static void awaitBodyState(String token, LocalDate date, String eventId) {
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
        .until(() -> given().auth().oauth2(token).get("/body-states/" + date).then().extract().jsonPath().getList("causedBy"),
            causes -> causes != null && causes.contains(eventId));
  }

  @Test
  void deleteMeErasesTheCallerEverywhereAndLeavesOtherAthletesAlone() {
    LocalDate date = LocalDate.now(ZoneOffset.UTC).minusDays(ThreadLocalRandom.current().nextInt(30, 700));
    String demosCheckin = checkin(demo, date);
    String checkin = checkin(demo2, date);
    String activity = given().auth().oauth2(demo2).contentType("application/json")
        .body("{\"startTime\":\"" + date + "T18:" + String.format("%02d", ThreadLocalRandom.current().nextInt(60))
            + ":00Z\",\"sport\":\"running\",\"durationSeconds\":" + (1800 + ThreadLocalRandom.current().nextInt(1800))
            + ",\"distanceMeters\":7000,\"avgHr\":148,\"rpe\":5}")
        .post("/activity").then().statusCode(201).extract().path("eventId");
    awaitBodyState(demo2, date, checkin);
    awaitBodyState(demo2, date, activity);
    awaitBodyState(demo, date, demosCheckin);

    given().auth().oauth2(demo2).delete("/me").then().statusCode(202).body("eventId", notNullValue());

    // Ingestion answers once its rows are gone; the others follow on UserDataErased.
    given().auth().oauth2(demo2).get("/checkins/" + date).then().statusCode(404);
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
      JsonPath dashboard = given().auth().oauth2(demo2).queryParam("date", date.toString()).get("/dashboard")
          .then().statusCode(200).extract().jsonPath();
      assertThat(dashboard.getMap("bodyState")).isNull();
      assertThat(dashboard.getMap("scheduledWorkout")).isNull();
      given().auth().oauth2(demo2).get("/body-states/" + date).then().statusCode(404);
      assertThat(given().auth().oauth2(demo2).get("/activities").then().statusCode(200).extract().jsonPath()
          .getList("items")).isEmpty();
      given().auth().oauth2(demo2).get("/profile").then().statusCode(404);
      JsonPath export = given().auth().oauth2(demo2).get("/me/export").then().statusCode(200).extract().jsonPath();
      assertThat(export.getList("ingestion.checkins")).isEmpty();
      assertThat(export.getList("ingestion.lifeEvents")).isEmpty();
      assertThat(export.getList("readiness.bodyStates")).isEmpty();
      assertThat(export.getList("readiness.inputs")).isEmpty();
      assertThat(export.getList("activities.activities")).isEmpty();
      assertThat(export.getMap("scheduler.plan")).isNull();
      assertThat(export.getList("scheduler.workouts")).isEmpty();
      assertThat(export.getList("scheduler.adaptations")).isEmpty();
    });

    // demo's data of the same date is untouched.
    given().auth().oauth2(demo).get("/checkins/" + date).then().statusCode(200);
    assertThat(given().auth().oauth2(demo).get("/body-states/" + date).then().statusCode(200).extract().jsonPath()
        .getList("causedBy")).contains(demosCheckin);
  }

  @Test
  void theExportHoldsTheCallersDataFromEveryServiceAndNoOneElses() {
    LocalDate date = LocalDate.now(ZoneOffset.UTC).minusDays(ThreadLocalRandom.current().nextInt(30, 700));
    String eventId = checkin(demo, date);
    awaitBodyState(demo, date, eventId);

    JsonPath export = given().auth().oauth2(demo).get("/me/export").then().statusCode(200).extract().jsonPath();
    assertThat(export.getString("athleteId")).isNotBlank();
    assertThat(export.getString("exportedAt")).isNotBlank();
    assertThat(export.getList("ingestion.checkins.eventId")).contains(eventId);
    assertThat(export.getList("readiness.bodyStates.localDate")).contains(date.toString());
    assertThat(export.getList("activities.activities")).isNotNull();
    assertThat(export.getList("scheduler.workouts")).isNotNull();

    String theirs = given().auth().oauth2(demo2).get("/me/export").then().statusCode(200).extract().asString();
    assertThat(theirs).doesNotContain(eventId);
  }
}
