package org.runningcoach.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** Delete My Data goes to ingestion with the caller's token; the export gathers every service's part. */
@QuarkusTest
@QuarkusTestResource(EchoServices.class)
class MeApiTest {

  @Test
  void deleteMeIsForwardedToIngestionWithTheCallersToken() {
    given().auth().oauth2(Tokens.of("demo")).delete("/me").then().statusCode(200)
        .body("method", equalTo("DELETE")).body("path", equalTo("/ingestion/me")).body("bearer", equalTo(true));
  }

  @Test
  void theExportHoldsEachServicesPartUnderItsName() {
    given().auth().oauth2(Tokens.of("demo")).get("/me/export").then().statusCode(200)
        .body("athleteId", notNullValue()).body("exportedAt", notNullValue())
        .body("ingestion.path", equalTo("/ingestion/me/export"))
        .body("readiness.path", equalTo("/readiness/me/export"))
        .body("activities.path", equalTo("/activity/me/export"))
        .body("scheduler.path", equalTo("/scheduler/me/export"))
        .body("scheduler.bearer", equalTo(true));
  }

  @Test
  void withoutATokenNothingIsErasedOrExported() {
    given().delete("/me").then().statusCode(401);
    given().get("/me/export").then().statusCode(401);
  }
}
