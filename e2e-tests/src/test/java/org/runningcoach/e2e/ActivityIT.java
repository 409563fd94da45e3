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
    assertThat(load).isPositive();

    given().auth().oauth2(other).delete("/activities/" + id).then().statusCode(404);
    given().auth().oauth2(token).delete("/activities/" + id).then().statusCode(204);
    given().auth().oauth2(token).get("/activities/" + id).then().statusCode(404);

    JsonPath after = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
        .until(() -> given().auth().oauth2(token).get("/body-states/" + day).then().extract().jsonPath(),
            json -> json.getList("causedBy") != null && !json.getList("causedBy").contains(eventId));
    assertThat(load7d(after)).isLessThan(load);
  }

  /** The skeletal 7-day load of a BodyState; 0 when no workout counts for it any more. */
  static double load7d(JsonPath state) {
    java.util.List<String> names = state.getList("skeletal.explanation.inputs.name");
    int i = names.indexOf("load7d");
    return i < 0 ? 0 : state.getDouble("skeletal.explanation.inputs[" + i + "].value");
  }

  /**
   * The real Garmin push body (shared/data/garmin/openwearables-push-activities.json, copied into ingestion's test
   * resources), its user and start moved to this run, signed as ingestion's relay signs it, through the gateway:
   * ingestion hands it over (ActivityReported) and activity-service lists it as a Garmin activity.
   */
  @Test
  void garminActivityDetailsOfMoreThan25MbGoThroughTheGatewayStreamed() throws Exception {
    // Garmin documents Activity Details bodies of up to 100 MB; this one is over the 25 MB of /webhooks/garmin.
    String user = "e2e-details-" + java.util.UUID.randomUUID().toString().substring(0, 8);
    StringBuilder b = new StringBuilder("{\"activityDetails\":[");
    for (int a = 0; a < 4; a++) {
      long start = 1700000000L + a * 86_400L;
      b.append(a == 0 ? "" : ",").append("{\"userId\":\"").append(user).append("\",\"summaryId\":\"").append(a)
          .append("-detail\",\"summary\":{\"startTimeInSeconds\":").append(start).append("},\"samples\":[");
      for (int i = 0; i < 30_000; i++) {
        b.append(i == 0 ? "" : ",").append("{\"startTimeInSeconds\":").append(start + i)
            .append(",\"latitudeInDegree\":51.05").append(i).append(",\"longitudeInDegree\":3.72").append(i)
            .append(",\"elevationInMeters\":12.5,\"heartRate\":").append(120 + i % 40)
            .append(",\"speedMetersPerSecond\":3.1,\"totalDistanceInMeters\":").append(i * 3.1)
            .append(",\"timerDurationInSeconds\":").append(i).append(",\"clockDurationInSeconds\":").append(i).append('}');
      }
      b.append("]}");
    }
    byte[] body = b.append("]}").toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    assertThat(body.length).isGreaterThan(25 << 20);
    var request = given().contentType("application/json");
    BadInputIT.signed(body).forEach(request::header);
    request.body(body).post("/webhooks/garmin/activity-details").then().statusCode(200)
        .body("summaries", equalTo(4)).body("stored", equalTo(4));
  }

  @Test
  void aGarminActivityPushedToTheWebhookIsListedAsAnActivity() throws Exception {
    String garminUser = "e2e-" + java.util.UUID.randomUUID().toString().substring(0, 12);
    given().auth().oauth2(token).delete("/device-links/garmin");
    given().auth().oauth2(token).contentType("application/json").body("{\"garminUserId\":\"" + garminUser + "\"}")
        .post("/device-links/garmin").then().statusCode(201);
    // 1750-2000 days back: clear of the other suites' days for this athlete
    long start = LocalDate.now(ZoneOffset.UTC).minusDays(1750 + ThreadLocalRandom.current().nextInt(250))
        .atTime(6, ThreadLocalRandom.current().nextInt(60)).toEpochSecond(ZoneOffset.UTC);
    String body = java.nio.file.Files.readString(Path.of(System.getProperty("runningcoach.root", ".."),
            "ingestion-service/src/test/resources/vendor/openwearables-push-activities.json"))
        .replace("garmin_user_123", garminUser).replace("1763597760", Long.toString(start));
    String ts = Long.toString(java.time.Instant.now().getEpochSecond());
    javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
    mac.init(new javax.crypto.spec.SecretKeySpec("dev-garmin-signing-secret".getBytes(java.nio.charset.StandardCharsets.UTF_8),
        "HmacSHA256"));
    mac.update((ts + ".").getBytes(java.nio.charset.StandardCharsets.UTF_8));
    String signature = java.util.HexFormat.of().formatHex(mac.doFinal(body.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    given().contentType("application/json").header("garmin-client-id", "dev-garmin-consumer-key")
        .header("x-runningcoach-timestamp", ts).header("x-runningcoach-signature", signature).body(body)
        .post("/webhooks/garmin").then().statusCode(200).body("events", equalTo(1));

    // Garmin's offset (+1 h) decides the local start time shown
    String startTime = java.time.Instant.ofEpochSecond(start).atOffset(ZoneOffset.ofHours(1)).toString()
        .replace("+01:00", ":00+01:00");
    java.util.Map<String, Object> listed = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300))
        .until(() -> findActivity(startTime), java.util.Objects::nonNull);
    assertThat(listed.get("source")).isEqualTo("GARMIN");
    assertThat(listed.get("elapsedSeconds")).isEqualTo(3600);
    given().auth().oauth2(other).get("/activities/" + listed.get("id")).then().statusCode(404);
  }

  /** The athlete's activity starting at that time (ISO with offset), looked for page by page. */
  static java.util.Map<String, Object> findActivity(String startTime) {
    for (int page = 0; page < 50; page++) {
      JsonPath list = given().auth().oauth2(token).queryParam("size", "100").queryParam("page", page).get("/activities")
          .then().statusCode(200).extract().jsonPath();
      java.util.List<java.util.Map<String, Object>> items = list.getList("items");
      for (var item : items) {
        if (startTime.equals(item.get("startTime"))) {
          return item;
        }
      }
      if (items.size() < 100) {
        return null;
      }
    }
    return null;
  }

  @Test
  void aDamagedFileIsRefusedWithAProblem() {
    given().auth().oauth2(token).multiPart("file", "broken.fit", new byte[] {14, 16, 0, 0, 1, 2, 3, 4, '.', 'F', 'I', 'T', 9, 9},
            "application/octet-stream")
        .post("/activity").then().statusCode(400).contentType(startsWith("application/problem+json"));
  }
}
