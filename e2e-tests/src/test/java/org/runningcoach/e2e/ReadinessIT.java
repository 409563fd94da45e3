package org.runningcoach.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Six weeks of a generated athlete's mornings, posted through the gateway, and the directive on chosen days. */
@ExtendWith(RunningSystem.class)
class ReadinessIT {

  static String token;

  @BeforeAll
  static void signIn() {
    RestAssured.baseURI = RunningSystem.GATEWAY;
    token = RunningSystem.tokenFor("demo2");
  }

  static String checkin(LocalDate date, double sleep, int soreness, int stress) {
    return given().auth().oauth2(token).contentType("application/json")
        .body("{\"date\":\"" + date + "\",\"sleepHours\":" + sleep + ",\"soreness\":" + soreness + ",\"stress\":" + stress
            + ",\"mood\":7}")
        .post("/checkin").then().statusCode(202).extract().path("eventId");
  }

  static JsonPath stateOnceItNames(LocalDate date, String eventId) {
    return await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
        .until(() -> given().auth().oauth2(token).get("/body-states/" + date).then().extract().jsonPath(),
            json -> json.getList("causedBy") != null && json.getList("causedBy").contains(eventId));
  }

  @Test
  void sixWeeksOfMorningsGiveTheExpectedDirectiveOnChosenDays() {
    // Check-ins are accepted up to two years back: stay inside that.
    LocalDate start = LocalDate.now(ZoneOffset.UTC).minusDays(60 + ThreadLocalRandom.current().nextInt(600));
    String last = null;
    for (int day = 0; day < 42; day++) {
      last = checkin(start.plusDays(day), day % 3 == 0 ? 7.5 : 8.0, 2 + day % 2, 3);
    }
    JsonPath ordinary = stateOnceItNames(start.plusDays(41), last);
    assertThat(ordinary.getString("neural.status")).isEqualTo("GREEN");
    assertThat(ordinary.getString("overall.directive")).isEqualTo("MAINTAIN");
    assertThat(ordinary.getString("overall.reason")).startsWith("2 of 4 systems have insufficient data, so not Push.")
        .contains("sleep, soreness, stress, mood against your own last 30 days");

    LocalDate badNight = start.plusDays(42);
    JsonPath bad = stateOnceItNames(badNight, checkin(badNight, 4.5, 3, 3));
    assertThat(bad.getString("neural.status")).isEqualTo("RED");
    assertThat(bad.getString("overall.directive")).isEqualTo("RECOVER");
    assertThat(bad.getString("coachNote")).isEqualTo("Legs are good, but CNS is fried. Rest or an easy 20–30 minutes only.");

    LocalDate after = start.plusDays(43);
    JsonPath recovered = stateOnceItNames(after, checkin(after, 8.0, 2, 3));
    assertThat(recovered.getString("neural.status")).isEqualTo("GREEN");
    assertThat(recovered.getString("overall.directive")).isEqualTo("MAINTAIN");
    assertThat(recovered.getInt("overall.score")).isBetween(40, 69);

    // What if the bad night had been a good one? Answered, and nothing changes.
    given().auth().oauth2(token).contentType("application/json")
        .body("{\"date\":\"" + badNight + "\",\"checkin\":{\"sleepHours\":8,\"soreness\":3,\"stress\":3}}")
        .post("/what-if").then().statusCode(200).body("neural.status", equalTo("GREEN"));
    given().auth().oauth2(token).get("/body-states/" + badNight).then().body("neural.status", equalTo("RED"));
    given().auth().oauth2(token).post("/body-states/" + badNight + "/replay").then().statusCode(200)
        .body("neural.status", equalTo("RED"));

    JsonPath history = given().auth().oauth2(token).queryParam("from", start.toString())
        .queryParam("to", after.toString()).get("/body-states").then().statusCode(200).extract().jsonPath();
    assertThat(history.getList("date")).hasSize(44).first().isEqualTo(start.toString());
  }

  @Test
  void theProfileIsKeptThroughTheGateway() {
    given().auth().oauth2(token).contentType("application/json").body("{\"maxHr\":400}").put("/profile")
        .then().statusCode(400).body("errors.field", hasItem("maxHr"));
    given().auth().oauth2(token).contentType("application/json")
        .body("{\"sex\":\"MALE\",\"restingHr\":48,\"maxHr\":192,\"stressLevel\":4}").put("/profile").then().statusCode(200);
    given().auth().oauth2(token).get("/profile").then().statusCode(200).body("restingHr", equalTo(48));
  }
}
