package org.runningcoach.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A watch file uploaded through the gateway becomes an activity and a load in the athlete's BodyState. */
@ExtendWith(RunningSystem.class)
class ActivityIT {

  static String token;
  static String other;
  static final File FIT = Path.of(System.getProperty("runningcoach.root", ".."),
      "activity-service/src/test/resources/activities/fitparse_fenix2-run-2015-08-15.fit").toFile();

  @BeforeAll
  static void signIn() {
    RestAssured.baseURI = RunningSystem.GATEWAY;
    token = RunningSystem.tokenFor("demo2");
    other = RunningSystem.tokenFor("demo");
  }

  @Test
  void anUploadedFitFileBecomesAnActivityCountedOnceAndPrivate() {
    // 201 the first time this database sees the file, 200 (already counted) on later runs.
    JsonPath activity = given().auth().oauth2(token).multiPart("file", FIT, "application/octet-stream").multiPart("rpe", "6")
        .post("/activity").then().statusCode(org.hamcrest.Matchers.anyOf(equalTo(201), equalTo(200)))
        .extract().jsonPath();
    String id = activity.getString("id");
    assertThat(activity.getDouble("metrics.distanceMeters")).isGreaterThan(8000);
    assertThat(activity.getString("localDate")).isEqualTo("2015-08-15");

    given().auth().oauth2(token).multiPart("file", FIT, "application/octet-stream").post("/activity")
        .then().statusCode(200).body("id", equalTo(id));
    given().auth().oauth2(token).get("/activities/" + id).then().statusCode(200).body("sport", equalTo(activity.getString("sport")));
    given().auth().oauth2(other).get("/activities/" + id).then().statusCode(404);
    given().auth().oauth2(token).queryParam("maxPoints", "50").get("/activities/" + id + "/streams").then().statusCode(200);
  }

  @Test
  void aWorkoutSummaryReachesTheBodyStateOfItsDay() {
    // Far before the days ReadinessIT gives the same athlete (60-700 days back), so its loads stay out of those windows.
    LocalDate day = LocalDate.now(ZoneOffset.UTC).minusDays(750 + ThreadLocalRandom.current().nextInt(600));
    String start = day + "T07:" + String.format("%02d", ThreadLocalRandom.current().nextInt(60)) + ":00+01:00";
    JsonPath activity = given().auth().oauth2(token).contentType("application/json")
        .body("{\"startTime\":\"" + start + "\",\"sport\":\"running\",\"durationSeconds\":"
            + (1800 + ThreadLocalRandom.current().nextInt(1800)) + ",\"distanceMeters\":8000,\"avgHr\":150,\"rpe\":6}")
        .post("/activity").then().statusCode(201).extract().jsonPath();
    String eventId = activity.getString("eventId");

    JsonPath state = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
        .until(() -> given().auth().oauth2(token).get("/body-states/" + day).then().extract().jsonPath(),
            json -> json.getList("causedBy") != null && json.getList("causedBy").contains(eventId));
    assertThat(state.getList("skeletal.explanation.inputs.name")).contains("load7d");
  }

  @Test
  void aDeletedWorkoutsLoadLeavesTheBodyStateOfItsDay() {
    LocalDate day = LocalDate.now(ZoneOffset.UTC).minusDays(1400 + ThreadLocalRandom.current().nextInt(300));
    String start = day + "T18:" + String.format("%02d", ThreadLocalRandom.current().nextInt(60)) + ":00Z";
    JsonPath activity = given().auth().oauth2(token).contentType("application/json")
        .body("{\"startTime\":\"" + start + "\",\"sport\":\"running\",\"durationSeconds\":3600,"
            + "\"distanceMeters\":10000,\"rpe\":7}")
        .post("/activity").then().statusCode(201).extract().jsonPath();
    String id = activity.getString("id");
    String eventId = activity.getString("eventId");
    JsonPath before = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
        .until(() -> given().auth().oauth2(token).get("/body-states/" + day).then().extract().jsonPath(),
            json -> json.getList("causedBy") != null && json.getList("causedBy").contains(eventId));
    double load = load7d(before);
    assertThat(load).isGreaterThanOrEqualTo(420.0); // 7 x 60 minutes

    given().auth().oauth2(other).delete("/activities/" + id).then().statusCode(404);
    given().auth().oauth2(token).delete("/activities/" + id).then().statusCode(204);
    given().auth().oauth2(token).get("/activities/" + id).then().statusCode(404);

    JsonPath after = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
        .until(() -> given().auth().oauth2(token).get("/body-states/" + day).then().extract().jsonPath(),
            json -> json.getList("causedBy") != null && !json.getList("causedBy").contains(eventId));
    assertThat(load7d(after)).isLessThanOrEqualTo(load - 420.0 + 0.1);
  }

  /** The skeletal 7-day load of a BodyState; 0 when no workout counts for it any more. */
  static double load7d(JsonPath state) {
    java.util.List<String> names = state.getList("skeletal.explanation.inputs.name");
    int i = names.indexOf("load7d");
    return i < 0 ? 0 : state.getDouble("skeletal.explanation.inputs[" + i + "].value");
  }

  @Test
  void aDamagedFileIsRefusedWithAProblem() {
    given().auth().oauth2(token).multiPart("file", "broken.fit", new byte[] {14, 16, 0, 0, 1, 2, 3, 4, '.', 'F', 'I', 'T', 9, 9},
            "application/octet-stream")
        .post("/activity").then().statusCode(400).contentType(startsWith("application/problem+json"));
  }
}
