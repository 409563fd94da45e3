package org.runningcoach.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasItem;

import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A plan through the gateway, changed by a bad morning and changed back by a better one, each change logged. */
@ExtendWith(RunningSystem.class)
class PlanIT {

  static String token;

  @BeforeAll
  static void signIn() {
    RestAssured.baseURI = RunningSystem.GATEWAY;
    token = RunningSystem.tokenFor("demo2");
  }

  static String checkin(LocalDate date, double sleep, int stress) {
    return given().auth().oauth2(token).contentType("application/json")
        .body("{\"date\":\"" + date + "\",\"sleepHours\":" + sleep + ",\"soreness\":2,\"stress\":" + stress + "}")
        .post("/checkin").then().statusCode(202).extract().path("eventId");
  }

  static Map<String, Object> workoutOn(LocalDate date) {
    return given().auth().oauth2(token).queryParam("date", date.toString()).get("/dashboard")
        .then().statusCode(200).extract().jsonPath().getMap("scheduledWorkout");
  }

  @Test
  void aRedMorningTurnsTheDayIntoRecoveryAndABetterOneUndoesIt() {
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    given().auth().oauth2(token).contentType("application/json")
        .body("{\"raceDate\":\"" + today.plusWeeks(16) + "\",\"distance\":\"HALF\",\"currentWeeklyKm\":30,"
            + "\"availableDays\":[\"MONDAY\",\"TUESDAY\",\"WEDNESDAY\",\"THURSDAY\",\"FRIDAY\",\"SATURDAY\",\"SUNDAY\"],"
            + "\"longRunDay\":\"SUNDAY\"}")
        .post("/plans").then().statusCode(201);
    given().auth().oauth2(token).contentType("application/json").body("{\"raceDate\":\"" + today.minusDays(1) + "\"}")
        .post("/plans").then().statusCode(400);

    // Today or tomorrow (check-ins may be a day ahead of UTC) holds a run with seven days available.
    LocalDate day = List.of(today, today.plusDays(1)).stream()
        .filter(d -> workoutOn(d) != null && !List.of("REST", "CROSS_TRAINING").contains(workoutOn(d).get("type")))
        .findFirst().orElseThrow(() -> new AssertionError("no run planned today or tomorrow"));
    String planned = (String) workoutOn(day).get("type");

    String red = checkin(day, 4.0, 3);
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
        .until(() -> workoutOn(day).get("type"), type -> type.equals("RECOVERY"));
    JsonPath log = given().auth().oauth2(token).get("/adaptations").then().statusCode(200).extract().jsonPath();
    assertThat(log.getList("workoutDate")).contains(day.toString());
    assertThat(log.getList("reason").toString()).containsIgnoringCase("neural");

    checkin(day, 8.0, 2);
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
        .until(() -> workoutOn(day).get("type"), type -> type.equals(planned));
    given().auth().oauth2(token).get("/adaptations").then().statusCode(200).body("rule", hasItem("adapt.undo"));
    assertThat(red).isNotBlank();
  }
}
