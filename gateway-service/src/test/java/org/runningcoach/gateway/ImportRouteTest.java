package org.runningcoach.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The Apple Health import is streamed to ingestion past the gateway's 25 MB body limit, with the
 * caller's token; without a valid token nothing is forwarded.
 */
@QuarkusTest
@QuarkusTestResource(EchoServices.class)
class ImportRouteTest {

  @Test
  void aFileLargerThanTheOrdinaryBodyLimitIsStreamedToIngestionWithTheCallersToken() {
    byte[] file = new byte[30 * 1024 * 1024];
    Arrays.fill(file, (byte) ' ');
    given().auth().oauth2(Tokens.of("demo")).contentType("application/xml").body(file)
        .post("/imports/apple-health").then().statusCode(200)
        .body("method", equalTo("POST")).body("path", equalTo("/ingestion/imports/apple-health"))
        .body("bearer", equalTo(true)).body("bytes", equalTo(file.length))
        .body("contentType", startsWith("application/xml"));
  }

  @Test
  void withoutAValidTokenNothingIsForwarded() {
    given().contentType("application/xml").body("<HealthData/>").post("/imports/apple-health").then()
        .statusCode(401).contentType(startsWith("application/problem+json")).body("status", equalTo(401));
    given().auth().oauth2("not-a-token").contentType("application/xml").body("<HealthData/>")
        .post("/imports/apple-health").then().statusCode(401);
  }

  @Test
  void progressIsAskedOfIngestionAndTheUploadIsDocumented() {
    given().auth().oauth2(Tokens.of("demo")).get("/imports/0b8a0c4e-3c1d-4b55-9d3e-0d2f6c9b7a10").then()
        .statusCode(200).body("path", equalTo("/ingestion/imports/0b8a0c4e-3c1d-4b55-9d3e-0d2f6c9b7a10"));
    given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
        .body("paths.'/imports/apple-health'.post.summary", notNullValue())
        .body("paths.'/imports/{id}'.get.summary", notNullValue());
  }
}
