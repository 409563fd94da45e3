package org.runningcoach.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.startsWith;

import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The one real path, as the mobile app drives it: check-in → readiness → scheduler → dashboard. */
@ExtendWith(RunningSystem.class)
class CheckinToDashboardIT {

  static String demo;
  static String demo2;

  @BeforeAll
  static void signIn() {
    RestAssured.baseURI = RunningSystem.GATEWAY;
    demo = RunningSystem.tokenFor("demo");
    demo2 = RunningSystem.tokenFor("demo2");
  }

  /** A past date no earlier run is likely to have used, so each run starts from an empty day. */
  static LocalDate freshDate() {
    return LocalDate.now(ZoneOffset.UTC).minusDays(ThreadLocalRandom.current().nextInt(30, 650));
  }

  static String checkin(String token, LocalDate date, double sleep, int soreness, int stress) {
    return given().auth().oauth2(token).contentType("application/json")
        .body("{\"date\":\"" + date + "\",\"sleepHours\":" + sleep + ",\"soreness\":" + soreness + ",\"stress\":" + stress
            + ",\"sleepQuality\":6,\"notes\":\"e2e\"}")
        .post("/checkin").then().statusCode(202).extract().path("eventId");
  }

  /** Polls the dashboard until the BodyState names the event among its causes. */
  static JsonPath dashboardOnceItReflects(String token, LocalDate date, String eventId) {
    return await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
        .until(() -> given().auth().oauth2(token).queryParam("date", date.toString()).get("/dashboard")
                .then().statusCode(200).extract().jsonPath(),
            json -> json.getList("bodyState.causedBy") != null && json.getList("bodyState.causedBy").contains(eventId));
  }

  @Test
  void aShortNightShowsOnTheDashboardAsNeuralRedAndRecover() {
    LocalDate date = freshDate();
    String eventId = checkin(demo, date, 4.5, 3, 4);

    JsonPath dashboard = dashboardOnceItReflects(demo, date, eventId);
    assertThat(dashboard.getString("date")).isEqualTo(date.toString());
    assertThat(dashboard.getString("bodyState.neural.status")).isEqualTo("RED");
    assertThat(dashboard.getString("bodyState.neural.explanation.summary")).isEqualTo("Slept 4.5 h (under 5 h).");
    assertThat(dashboard.getString("bodyState.overall.directive")).isEqualTo("RECOVER");
    assertThat(dashboard.getInt("bodyState.overall.score")).isBetween(0, 39);
    assertThat(dashboard.getString("bodyState.coachNote")).contains("CNS is fried");
    assertThat(dashboard.getString("bodyState.cardio.status")).isEqualTo("INSUFFICIENT_DATA");
    assertThat(dashboard.getString("bodyState.algorithmVersion")).isNotBlank();
  }

  @Test
  void aLaterBetterCheckinForTheSameDayReplacesTheEarlierState() {
    LocalDate date = freshDate();
    checkin(demo, date.minusDays(2), 8, 2, 2);
    checkin(demo, date.minusDays(1), 8, 2, 2);
    String bad = checkin(demo, date, 4.0, 2, 9);
    assertThat(dashboardOnceItReflects(demo, date, bad).getString("bodyState.neural.status")).isEqualTo("RED");

    String better = checkin(demo, date, 8.0, 2, 2);
    JsonPath dashboard = dashboardOnceItReflects(demo, date, better);
    assertThat(dashboard.getString("bodyState.neural.status")).isEqualTo("GREEN");
    assertThat(dashboard.getList("bodyState.causedBy")).doesNotContain(bad);
    // Only a Red system makes it Recover: with the CNS Green again, that is no longer the short night's doing.
    boolean otherRed = java.util.stream.Stream.of("cardio", "muscular", "skeletal")
        .anyMatch(s -> "RED".equals(dashboard.getString("bodyState." + s + ".status")));
    if (!otherRed) {
      assertThat(dashboard.getString("bodyState.overall.directive")).isNotEqualTo("RECOVER");
    }
  }

  @Test
  void aSecondAthleteCannotSeeTheFirstOnesData() {
    LocalDate date = freshDate();
    String eventId = checkin(demo, date, 6.0, 7, 3);
    dashboardOnceItReflects(demo, date, eventId);

    // demo2 may have a day of its own on that date (other suites post for demo2): it must never be demo's.
    String theirs = given().auth().oauth2(demo2).queryParam("date", date.toString()).get("/dashboard")
        .then().statusCode(200).extract().asString();
    assertThat(theirs).doesNotContain(eventId);
    assertThat(given().auth().oauth2(demo2).get("/body-states/" + date).then().extract().asString()).doesNotContain(eventId);
    assertThat(given().auth().oauth2(demo2).get("/checkins/" + date).then().extract().asString()).doesNotContain(eventId);
    given().auth().oauth2(demo).get("/checkins/" + date).then().statusCode(200).body("soreness", equalTo(7));
  }

  @Test
  void withoutAValidTokenEveryClientCallIs401() {
    LocalDate date = freshDate();
    given().get("/dashboard").then().statusCode(401);
    given().contentType("application/json").body("{\"date\":\"" + date + "\",\"sleepHours\":7,\"soreness\":2,\"stress\":2}")
        .post("/checkin").then().statusCode(401);
    given().auth().oauth2(demo.substring(0, demo.length() - 4) + "AAAA").get("/dashboard").then().statusCode(401);
    given().auth().oauth2("not-a-jwt").get("/body-states/" + date).then().statusCode(401);
  }

  @Test
  void badInputIsRefusedWithAProblemNamingTheFieldAndChangesNothing() {
    LocalDate date = freshDate();
    String checkinBefore = given().auth().oauth2(demo).get("/checkins/" + date).then().extract().asString();
    String stateBefore = given().auth().oauth2(demo).get("/body-states/" + date).then().extract().asString();
    for (String body : List.of(
        "{\"date\":\"" + date + "\",\"sleepHours\":7,\"soreness\":11,\"stress\":2}",
        "{\"date\":\"" + date + "\",\"sleepHours\":-2,\"soreness\":3,\"stress\":2}",
        "{\"date\":\"" + date + "\",\"sleepHours\":30,\"soreness\":3,\"stress\":2}",
        "{\"date\":\"" + date.getDayOfMonth() + "/" + date.getMonthValue() + "/" + date.getYear()
            + "\",\"sleepHours\":7,\"soreness\":3,\"stress\":2}",
        "{\"date\":\"" + date + "\",\"soreness\":3,\"stress\":2}",
        "{\"date\":\"" + date + "\",\"sleepHours\":7,")) {
      given().auth().oauth2(demo).contentType("application/json").body(body).post("/checkin")
          .then().statusCode(400).contentType(startsWith("application/problem+json"))
          .body("status", equalTo(400)).body("$", hasKey("detail"));
    }
    given().auth().oauth2(demo).contentType("application/json")
        .body("{\"date\":\"" + date + "\",\"sleepHours\":7,\"soreness\":11,\"stress\":2}").post("/checkin")
        .then().body("errors.field", hasItem("soreness"));
    // Nothing was stored and nothing recomputed for that date.
    assertThat(given().auth().oauth2(demo).get("/checkins/" + date).then().extract().asString()).isEqualTo(checkinBefore);
    assertThat(given().auth().oauth2(demo).get("/body-states/" + date).then().extract().asString()).isEqualTo(stateBefore);
    given().auth().oauth2(demo).queryParam("date", "yesterday").get("/dashboard")
        .then().statusCode(400).contentType(startsWith("application/problem+json"));
  }

  @Test
  void theGatewayPublishesItsOpenApiAndHealth() {
    given().get("/q/openapi?format=json").then().statusCode(200)
        .body("paths", hasKey("/checkin")).body("paths", hasKey("/dashboard"));
    given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
  }
}
