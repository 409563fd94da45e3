package org.runningcoach.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Delete My Data through the gateway with a throw-away user: their data disappears from every
 * table of every schema, their token reaches nothing and their login is gone; demo's data stays.
 */
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
  void deleteMeErasesTheCallerEverywhereAndLeavesOtherAthletesAlone() throws Exception {
    try (ThrowawayUser leaving = ThrowawayUser.create()) {
      String token = leaving.token();
      LocalDate date = LocalDate.now(ZoneOffset.UTC).minusDays(ThreadLocalRandom.current().nextInt(30, 700));
      String demosCheckin = checkin(demo, date);
      String checkin = given().auth().oauth2(token).contentType("application/json")
          .body("{\"date\":\"" + date + "\",\"sleepHours\":6.5,\"soreness\":4,\"stress\":5,\"sorenessArea\":\"calf\","
              + "\"notes\":\"slept badly before the race\"}")
          .post("/checkin").then().statusCode(202).extract().path("eventId");
      String activity = given().auth().oauth2(token).contentType("application/json")
          .body("{\"startTime\":\"" + date + "T18:" + String.format("%02d", ThreadLocalRandom.current().nextInt(60))
              + ":00Z\",\"sport\":\"running\",\"durationSeconds\":" + (1800 + ThreadLocalRandom.current().nextInt(1800))
              + ",\"distanceMeters\":7000,\"avgHr\":148,\"rpe\":5,\"notes\":\"windy\"}")
          .post("/activity").then().statusCode(201).extract().path("eventId");
      given().auth().oauth2(token).contentType("application/json")
          .body("{\"type\":\"SICK\",\"startDate\":\"" + date + "\",\"notes\":\"head cold\"}")
          .post("/life-event").then().statusCode(202);
      given().auth().oauth2(token).contentType("application/json").body("{\"restingHr\":52}").put("/profile")
          .then().statusCode(200);
      LocalDate today = LocalDate.now(ZoneOffset.UTC);
      given().auth().oauth2(token).contentType("application/json")
          .body("{\"raceDate\":\"" + today.plusWeeks(16) + "\",\"distance\":\"HALF\",\"currentWeeklyKm\":30,"
              + "\"availableDays\":[\"TUESDAY\",\"THURSDAY\",\"SATURDAY\",\"SUNDAY\"],\"longRunDay\":\"SUNDAY\"}")
          .post("/plans").then().statusCode(201);
      awaitBodyState(token, date, checkin);
      awaitBodyState(token, date, activity);
      awaitBodyState(demo, date, demosCheckin);
      assertThat(AthleteScan.find(leaving.id())).as("the athlete's rows before the erasure").isNotEmpty();

      long began = System.nanoTime();
      given().auth().oauth2(token).delete("/me").then().statusCode(202).body("eventId", notNullValue())
          .body("account", equalTo("DELETED"));
      long accepted = System.nanoTime();

      // Every service has erased: no column of any table of any schema holds the athlete id.
      await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
          .until(() -> AthleteScan.find(leaving.id()), List::isEmpty);
      long gone = System.nanoTime();
      System.out.printf("Delete My Data: 202 after %.0f ms, the athlete id in no table of any schema after %.0f ms%n",
          (accepted - began) / 1e6, (gone - began) / 1e6);

      // The old token reaches nothing any more, and the login is gone.
      List<String> reached = new ArrayList<>();
      for (String route : new TreeSet<>(AuthorizationMatrixIT.documentedRoutes().keySet())) {
        if (route.startsWith("POST /webhooks/garmin")) {
          continue; // takes no token: the sender is checked by signature
        }
        int status = AuthorizationMatrixIT.call(route, given().auth().oauth2(token), date, Map.of()).statusCode();
        if (status != 401) {
          reached.add(route + " -> " + status);
        }
      }
      assertThat(reached).as("routes the erased athlete's token still reaches").isEmpty();
      assertThat(leaving.signInStatus()).as("signing in after Delete My Data").isEqualTo(401);
      assertThat(AthleteScan.find(leaving.id())).as("after the old token's calls").isEmpty();
    }

    // demo's data of the same kind is untouched.
    LocalDate date = LocalDate.now(ZoneOffset.UTC).minusDays(ThreadLocalRandom.current().nextInt(30, 700));
    String demosCheckin = checkin(demo, date);
    awaitBodyState(demo, date, demosCheckin);
    given().auth().oauth2(demo).get("/checkins/" + date).then().statusCode(200);
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
