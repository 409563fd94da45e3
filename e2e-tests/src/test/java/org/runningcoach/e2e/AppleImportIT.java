package org.runningcoach.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.startsWith;

import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An Apple Health export.xml uploaded through the gateway's streaming route reaches ingestion,
 * is imported in the background and its progress is the uploader's alone.
 */
@ExtendWith(RunningSystem.class)
class AppleImportIT {

  static String demo;
  static String demo2;

  @BeforeAll
  static void tokens() {
    RestAssured.baseURI = RunningSystem.GATEWAY;
    demo = RunningSystem.tokenFor("demo");
    demo2 = RunningSystem.tokenFor("demo2");
  }

  @Test
  void anExportUploadedThroughTheGatewayIsImportedAndItsProgressIsTheUploadersOwn() {
    // A different HRV value each run, so the file is new and its day changes.
    String hrv = (20 + ThreadLocalRandom.current().nextInt(60)) + "," + String.format("%03d",
        ThreadLocalRandom.current().nextInt(1000));
    String export = """
        <?xml version="1.0" encoding="UTF-8"?>
        <!DOCTYPE HealthData [
        <!ELEMENT HealthData (ExportDate,Me,(Record|Correlation|Workout|ActivitySummary|ClinicalRecord)*)>
        <!ATTLIST HealthData locale CDATA #REQUIRED>
        ]>
        <HealthData locale="fr_FR">
         <ExportDate value="2019-03-02 09:00:00 +0100"/>
         <Me HKCharacteristicTypeIdentifierDateOfBirth="1986-06-09"/>
         <Record type="HKQuantityTypeIdentifierHeartRateVariabilitySDNN" sourceName="Apple Watch" unit="ms" startDate="2019-03-02 06:10:00 +0100" endDate="2019-03-02 06:11:00 +0100" value="%s"/>
         <Record type="HKQuantityTypeIdentifierStepCount" sourceName="iPhone" unit="count" startDate="2019-03-02 08:00:00 +0100" endDate="2019-03-02 08:10:00 +0100" value="420"/>
        </HealthData>
        """.formatted(hrv);
    String id = given().auth().oauth2(demo).contentType("application/xml").body(export.getBytes(StandardCharsets.UTF_8))
        .post("/imports/apple-health").then().statusCode(202).header("Location", startsWith("/imports/"))
        .extract().path("id");
    JsonPath done = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
        .until(() -> given().auth().oauth2(demo).get("/imports/" + id).then().statusCode(200).extract().jsonPath(),
            view -> List.of("DONE", "FAILED").contains(view.getString("state")));
    assertThat(done.getString("state")).isEqualTo("DONE");
    assertThat(done.getLong("recordsRead")).isEqualTo(2);
    assertThat(done.getLong("accepted")).isEqualTo(1);
    assertThat(done.getInt("events")).isEqualTo(1);

    given().auth().oauth2(demo2).get("/imports/" + id).then().statusCode(404);
    given().contentType("application/xml").body(export).post("/imports/apple-health").then().statusCode(401);
  }
}
