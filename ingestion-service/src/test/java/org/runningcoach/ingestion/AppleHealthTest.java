package org.runningcoach.ingestion;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Apple Health data through the real endpoints against the real database: Health Auto Export
 * bodies on POST /webhooks/apple and export.xml files on POST /imports/apple-health. Events stay
 * in the outbox (no broker, see {@link WebhookResourceTest}), where the test reads them.
 */
@QuarkusTest
@TestProfile(WebhookResourceTest.EventsStayInTheOutbox.class)
class AppleHealthTest {

  static String demo;
  static String demo2;
  static String demoId;

  @Inject Pool pool;

  @BeforeAll
  static void tokens() {
    demo = Tokens.of("demo");
    demo2 = Tokens.of("demo2");
    demoId = JsonPath.from(new String(java.util.Base64.getUrlDecoder().decode(demo.split("\\.")[1]),
        StandardCharsets.UTF_8)).getString("sub");
  }

  @BeforeEach
  void forgetDemosAppleData() {
    for (String sql : new String[] {"DELETE FROM apple_sample", "DELETE FROM apple_daily_input",
        "DELETE FROM apple_import", "DELETE FROM webhook_inbox WHERE vendor = 'APPLE'",
        "DELETE FROM outbox WHERE payload LIKE '%/ingestion-service/webhooks/apple%' "
            + "OR payload LIKE '%/ingestion-service/imports/apple-health%'"}) {
      pool.query(sql).execute().await().indefinitely();
    }
  }

  static byte[] vendor(String file) throws Exception {
    try (InputStream in = AppleHealthTest.class.getResourceAsStream("/vendor/" + file)) {
      return in.readAllBytes();
    }
  }

  /** The HealthDataReceived events waiting in the outbox, oldest first (their data parts). */
  List<JsonObject> events(String source) {
    List<JsonObject> out = new ArrayList<>();
    pool.preparedQuery("SELECT payload FROM outbox WHERE payload LIKE $1 ORDER BY seq")
        .execute(Tuple.of("%" + source + "%")).await().indefinitely()
        .forEach(row -> out.add(new JsonObject(row.getString("payload")).getJsonObject("data")));
    return out;
  }

  List<JsonObject> webhookEvents() {
    return events("/ingestion-service/webhooks/apple");
  }

  List<JsonObject> importEvents() {
    return events("/ingestion-service/imports/apple-health");
  }

  long count(String sql, Object... params) {
    return pool.preparedQuery(sql).execute(Tuple.from(params)).await().indefinitely().iterator().next().getLong(0);
  }

  io.restassured.response.ValidatableResponse postApple(byte[] body) {
    return given().auth().oauth2(demo).contentType("application/json").body(body).post("/webhooks/apple").then();
  }

  @Test
  void eachHealthAutoExportSleepShapeBecomesTheNightOfTheMorningItEnds() throws Exception {
    postApple(vendor("irvinlim-hae-sleep_analysis-aggregated-pre6.6.2.json")).statusCode(200)
        .body("samples", equalTo(1)).body("stored", equalTo(1)).body("events", equalTo(1));
    JsonObject legacy = webhookEvents().get(0);
    assertThat(legacy.getString("kind")).isEqualTo("SLEEP");
    assertThat(legacy.getString("source")).isEqualTo("APPLE");
    assertThat(legacy.getString("localDate")).isEqualTo("2021-12-18");
    assertThat(legacy.getJsonObject("sleep").getDouble("totalHours")).isEqualTo(6.11);
    assertThat(legacy.getString("athleteId")).isEqualTo(demoId);

    postApple(vendor("irvinlim-hae-sleep_analysis-aggregated-phases-6.6.2plus.json")).statusCode(200)
        .body("events", equalTo(1));
    JsonObject phases = webhookEvents().get(1).getJsonObject("sleep");
    assertThat(webhookEvents().get(1).getString("localDate")).isEqualTo("2023-01-31");
    assertThat(phases.getDouble("totalHours")).isEqualTo(5.42);
    assertThat(phases.getDouble("deepHours")).isEqualTo(0.86);
    assertThat(phases.getDouble("remHours")).isEqualTo(1.26);
    assertThat(phases.getDouble("lightHours")).isEqualTo(3.3);

    // The same night as segments: they replace the summary of 2021-12-18, never add to it.
    postApple(vendor("irvinlim-hae-sleep_analysis-nonaggregated.json")).statusCode(200).body("events", equalTo(1));
    JsonObject segments = webhookEvents().get(2);
    assertThat(segments.getString("localDate")).isEqualTo("2021-12-18");
    assertThat(segments.getJsonObject("sleep").getDouble("totalHours")).isEqualTo(6.6);

    // The app re-sending a body: nothing new.
    postApple(vendor("irvinlim-hae-sleep_analysis-nonaggregated.json")).statusCode(200)
        .body("stored", equalTo(0)).body("events", equalTo(0));
    assertThat(webhookEvents()).hasSize(3);
  }

  @Test
  void metricsReadinessDoesNotUseAreKeptRawAndListed() throws Exception {
    postApple(vendor("irvinlim-hae-v1-metrics-active_energy.json")).statusCode(200)
        .body("samples", equalTo(0)).body("stored", equalTo(1)).body("events", equalTo(0))
        .body("ignoredMetrics", hasItems("active_energy", "basal_body_temperature"));
    assertThat(count("SELECT count(*) FROM webhook_inbox WHERE vendor = 'APPLE' AND athlete_id = $1", demoId))
        .isEqualTo(1);
  }

  @Test
  void aV1WorkoutIsKeptAsAWorkoutSampleInOurUnitsAndHandedToActivityService() throws Exception {
    postApple(vendor("irvinlim-hae-v1-workout-walking.json")).statusCode(200).body("samples", equalTo(1))
        .body("events", equalTo(1));
    List<JsonObject> handedOver = webhookEvents().stream().filter(e -> "APPLE".equals(e.getString("source"))
        && e.getString("sport") != null).toList();
    assertThat(handedOver).hasSize(1);
    assertThat(handedOver.get(0).getString("sport")).isEqualTo("walking");
    assertThat(handedOver.get(0).getLong("durationSeconds")).isEqualTo(1150);
    assertThat(handedOver.get(0).getInteger("avgHr")).isEqualTo(108);
    // the same body again is an exact redelivery: nothing handed over twice
    postApple(vendor("irvinlim-hae-v1-workout-walking.json")).statusCode(200).body("events", equalTo(0));
    JsonObject detail = new JsonObject(pool.preparedQuery(
            "SELECT detail::text AS d FROM apple_sample WHERE athlete_id = $1 AND type = 'WORKOUT'")
        .execute(Tuple.of(demoId)).await().indefinitely().iterator().next().getString("d"));
    assertThat(detail.getString("activityType")).isEqualTo("Walking");
    assertThat(detail.getLong("durationSeconds")).isEqualTo(1150);
    assertThat(detail.getDouble("activeEnergyKcal")).isEqualTo(54.1);
    assertThat(detail.getInteger("avgHr")).isEqualTo(108);
  }

  @Test
  void anOverlappingResendAnnouncesOnlyTheDayInputThatChanged() {
    String first = """
        {"data":{"metrics":[
          {"name":"heart_rate_variability","units":"ms","data":[{"qty":"45,5","date":"2024-01-02 06:10:00 +0100"}]},
          {"name":"resting_heart_rate","units":"bpm","data":[{"qty":48,"date":"2024-01-02 09:00:00 +0100"}]},
          {"name":"heart_rate_variability","units":"ms","data":[{"qty":900,"date":"2024-01-02 08:10:00 +0100"}]}]}}""";
    postApple(first.getBytes(StandardCharsets.UTF_8)).statusCode(200).body("samples", equalTo(2))
        .body("events", equalTo(2)).body("skipped.'heart_rate_variability: value out of physiological range'", equalTo(1));
    String overlap = """
        {"data":{"metrics":[
          {"name":"heart_rate_variability","units":"ms","data":[{"qty":"45,5","date":"2024-01-02 06:10:00 +0100"},
            {"qty":52.5,"date":"2024-01-02 07:10:00 +0100"}]},
          {"name":"resting_heart_rate","units":"bpm","data":[{"qty":48,"date":"2024-01-02 09:00:00 +0100"}]}]}}""";
    postApple(overlap.getBytes(StandardCharsets.UTF_8)).statusCode(200).body("stored", equalTo(1))
        .body("events", equalTo(1));
    List<JsonObject> events = webhookEvents();
    assertThat(events).extracting(e -> e.getString("kind")).containsExactlyInAnyOrder("HRV", "RESTING_HR", "HRV");
    JsonObject hrv = events.get(events.size() - 1);
    assertThat(hrv.getString("localDate")).isEqualTo("2024-01-02");
    assertThat(hrv.getJsonObject("hrv").getDouble("valueMs")).isEqualTo(49.0);
    assertThat(hrv.getJsonObject("hrv").getString("metric")).isEqualTo("SDNN");
  }

  @Test
  void aBodyOfNeitherShapeIs400() {
    given().auth().oauth2(demo).contentType("application/json").body("{\"data\":[1,2]}").post("/webhooks/apple")
        .then().statusCode(400).contentType(startsWith("application/problem+json"));
    given().auth().oauth2(demo).contentType("application/json").body("{\"data\":{\"metrics\":[").post("/webhooks/apple")
        .then().statusCode(400).contentType(startsWith("application/problem+json"));
    assertThat(count("SELECT count(*) FROM webhook_inbox WHERE vendor = 'APPLE'")).isZero();
  }

  // ---- export.xml imports ----

  io.restassured.response.ValidatableResponse upload(String token, byte[] body, String contentType) {
    var request = given().contentType(contentType).body(body);
    if (token != null) {
      request.auth().oauth2(token);
    }
    return request.post("/imports/apple-health").then();
  }

  JsonPath finished(String id) throws InterruptedException {
    for (int i = 0; i < 300; i++) {
      JsonPath view = given().auth().oauth2(demo).get("/imports/" + id).then().statusCode(200).extract().jsonPath();
      if (List.of("DONE", "FAILED").contains(view.getString("state"))) {
        return view;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("import " + id + " did not finish");
  }

  @Test
  void theFrenchExportIsImportedOnceAndReimportingItChangesNothing() throws Exception {
    byte[] file = vendor("jdecool-export-fr_FR-2019.xml");
    String id = upload(demo, file, "application/xml").statusCode(202)
        .header("Location", startsWith("/imports/")).extract().path("id");
    JsonPath done = finished(id);
    assertThat(done.getString("state")).isEqualTo("DONE");
    assertThat(done.getLong("recordsRead")).isEqualTo(13);
    assertThat(done.getLong("accepted")).isEqualTo(2);
    assertThat(done.getLong("skipped")).isEqualTo(11);
    assertThat(done.getInt("skippedReasons.'not used: HKQuantityTypeIdentifierStepCount'")).isEqualTo(1);
    assertThat(done.getInt("daysAffected")).isEqualTo(2);
    assertThat(done.getInt("events")).isEqualTo(2);
    List<JsonObject> events = importEvents();
    assertThat(events).extracting(e -> e.getString("localDate") + " " + e.getString("kind"))
        .containsExactlyInAnyOrder("2018-11-19 HRV", "2018-11-30 RESTING_HR");
    assertThat(events).filteredOn(e -> e.getString("kind").equals("HRV")).singleElement()
        .satisfies(e -> assertThat(e.getJsonObject("hrv").getDouble("valueMs")).isEqualTo(25.6));

    // The same file again: answered from the first import, nothing read or announced.
    JsonPath again = given().auth().oauth2(demo).contentType("application/xml").body(file)
        .post("/imports/apple-health").then().statusCode(202).extract().jsonPath();
    assertThat(again.getString("state")).isEqualTo("DONE");
    assertThat(again.getString("duplicateOf")).isEqualTo(id);
    // The same export zipped (other bytes): read again, every day recomputed, nothing changed.
    JsonPath zipped = finished(upload(demo, zip("apple_health_export/export.xml", file), "application/zip")
        .statusCode(202).extract().path("id"));
    assertThat(zipped.getString("state")).isEqualTo("DONE");
    assertThat(zipped.getLong("accepted")).isEqualTo(2);
    assertThat(zipped.getInt("events")).isZero();
    assertThat(zipped.getInt("daysAffected")).isZero();
    assertThat(importEvents()).hasSize(2);
    assertThat(count("SELECT count(*) FROM apple_sample WHERE athlete_id = $1", demoId)).isEqualTo(2);

    // Imports are the athlete's own.
    given().auth().oauth2(demo2).get("/imports/" + id).then().statusCode(404)
        .contentType(startsWith("application/problem+json"));
  }

  @Test
  void theEnglishExportWithoutAPrologGivesItsWorkoutInMetres() throws Exception {
    JsonPath done = finished(upload(demo, vendor("dogsheep-export-2019.xml"), "text/xml").statusCode(202)
        .extract().path("id"));
    assertThat(done.getString("state")).isEqualTo("DONE");
    assertThat(done.getLong("recordsRead")).isEqualTo(5);
    assertThat(done.getLong("accepted")).isEqualTo(1);
    JsonObject detail = new JsonObject(pool.preparedQuery(
            "SELECT detail::text AS d FROM apple_sample WHERE athlete_id = $1 AND type = 'WORKOUT'")
        .execute(Tuple.of(demoId)).await().indefinitely().iterator().next().getString("d"));
    assertThat(detail.getDouble("distanceMeters")).isEqualTo(800.1);
    assertThat(detail.getDouble("activeEnergyKcal")).isEqualTo(48.7);
    given().auth().oauth2(demo).get("/me/export").then().statusCode(200)
        .body("appleImports.size()", equalTo(1)).body("appleImports[0].state", equalTo("DONE"))
        .body("appleSamples.type", hasItems("WORKOUT"));
  }

  @Test
  void anXmlBombOrExternalEntityIs400AndNothingIsStored() {
    String bomb = "<?xml version=\"1.0\"?>\n<!DOCTYPE HealthData [<!ENTITY a \"aaaaaaaaaa\">"
        + "<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\"><!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">]>\n"
        + "<HealthData locale=\"en_US\"><Record type=\"x\" sourceName=\"&c;\"/></HealthData>";
    String xxe = "<?xml version=\"1.0\"?>\n<!DOCTYPE HealthData [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>\n"
        + "<HealthData locale=\"en_US\"><ExportDate value=\"&xxe;\"/></HealthData>";
    for (String xml : List.of(bomb, xxe)) {
      upload(demo, xml.getBytes(StandardCharsets.UTF_8), "application/xml").statusCode(400)
          .contentType(startsWith("application/problem+json")).body("status", equalTo(400))
          .body("detail", notNullValue());
    }
    assertThat(count("SELECT count(*) FROM apple_import")).isZero();
    assertThat(count("SELECT count(*) FROM apple_sample")).isZero();
  }

  @Test
  void aTruncatedExportFailsAndStoresNothing() throws Exception {
    String truncated = "<HealthData locale=\"en_US\">\n <Record type=\"HKQuantityTypeIdentifierRestingHeartRate\" "
        + "sourceName=\"W\" unit=\"count/min\" startDate=\"2024-03-02 01:00:00 +0100\" endDate=\"2024-03-02 06:00:00 "
        + "+0100\" value=\"50\"/>\n <Record type=\"HKQuantityTypeIdentifierRestingHeartRate\" sourceName=\"W\" unit=\"";
    JsonPath failed = finished(upload(demo, truncated.getBytes(StandardCharsets.UTF_8), "application/xml")
        .statusCode(202).extract().path("id"));
    assertThat(failed.getString("state")).isEqualTo("FAILED");
    assertThat(failed.getString("error")).contains("not a well-formed export.xml").contains("Nothing was stored");
    assertThat(count("SELECT count(*) FROM apple_sample")).isZero();
    assertThat(importEvents()).isEmpty();
  }

  @Test
  void anImportNeedsATokenAndAnXmlOrZipBody() {
    upload(null, "<HealthData/>".getBytes(StandardCharsets.UTF_8), "application/xml").statusCode(401)
        .contentType(startsWith("application/problem+json"));
    upload("not-a-token", "<HealthData/>".getBytes(StandardCharsets.UTF_8), "application/xml").statusCode(401);
    upload(demo, "{}".getBytes(StandardCharsets.UTF_8), "application/json").statusCode(415)
        .contentType(startsWith("application/problem+json"));
    upload(demo, new byte[0], "application/xml").statusCode(400);
    given().get("/imports/" + java.util.UUID.randomUUID()).then().statusCode(401);
    assertThat(count("SELECT count(*) FROM apple_import")).isZero();
  }

  static byte[] zip(String name, byte[] content) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      zip.putNextEntry(new ZipEntry("apple_health_export/export_cda.xml"));
      zip.write("<ClinicalDocument/>".getBytes(StandardCharsets.UTF_8));
      zip.closeEntry();
      zip.putNextEntry(new ZipEntry(name));
      zip.write(content);
      zip.closeEntry();
    }
    return bytes.toByteArray();
  }
}
