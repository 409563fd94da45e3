package org.runningcoach.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Per-route body limits, per-webhook-sender rate limits, oversized headers and odd ids, all as 4xx problem+json. */
@QuarkusTest
@QuarkusTestResource(EchoServices.class)
@TestProfile(LimitsTest.SmallLimits.class)
class LimitsTest {

  public static class SmallLimits implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("runningcoach.limits.body.\"/checkin\"", "200",
          "runningcoach.limits.body.\"/imports/*\"", "1K",
          "runningcoach.limits.webhook.burst", "2", "runningcoach.limits.webhook.per-second", "0.01");
    }
  }

  @TestHTTPResource("/checkin") URI checkin;

  static String checkinOf(int notesLength) {
    return "{\"date\":\"2026-03-02\",\"sleepHours\":7,\"soreness\":3,\"stress\":4,\"notes\":\"" + "n".repeat(notesLength) + "\"}";
  }

  @Test
  void aBodyOverItsRoutesLimitIs413NamingTheLimitAndASmallerOneGoesThrough() {
    String demo = Tokens.of("demo");
    given().auth().oauth2(demo).contentType("application/json").body(checkinOf(10)).post("/checkin").then().statusCode(200);
    given().auth().oauth2(demo).contentType("application/json").body(checkinOf(300)).post("/checkin").then().statusCode(413)
        .contentType(startsWith("application/problem+json")).body("detail", containsString("200 bytes"));
    // Other routes keep the default (64K).
    given().auth().oauth2(demo).contentType("application/json").body(checkinOf(300)).post("/life-event").then().statusCode(200);
  }

  @Test
  void aChunkedBodyWithoutContentLengthIsCountedToo() throws Exception {
    HttpRequest request = HttpRequest.newBuilder(checkin)
        .header("Authorization", "Bearer " + Tokens.of("demo")).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofInputStream(
            () -> new ByteArrayInputStream(checkinOf(5000).getBytes(StandardCharsets.UTF_8))))
        .build();
    HttpResponse<String> response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
        .send(request, HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
  }

  @Test
  void aWebhookSenderOverItsRateGets429WithRetryAfterAndAnotherSenderGoesOn() {
    for (int i = 0; i < 2; i++) {
      given().header("garmin-client-id", "sender-a").contentType("application/json").body("{}")
          .post("/webhooks/garmin").then().statusCode(200);
    }
    given().header("garmin-client-id", "sender-a").contentType("application/json").body("{}")
        .post("/webhooks/garmin").then().statusCode(429)
        .contentType(startsWith("application/problem+json")).body("status", equalTo(429))
        .header("Retry-After", org.hamcrest.Matchers.matchesPattern("[1-9][0-9]*"));
    given().header("garmin-client-id", "sender-b").contentType("application/json").body("{}")
        .post("/webhooks/garmin").then().statusCode(200);
  }

  @Test
  void anOversizedHeaderIsA4xxNotA500() {
    int status = given().auth().oauth2(Tokens.of("demo")).header("X-Padding", "p".repeat(64 * 1024))
        .get("/plans/current").then().extract().statusCode();
    assertThat(status).isIn(400, 431);
  }

  @Test
  void pathTraversalAndIdsThatAreNoUuidAre4xxProblems() {
    String demo = Tokens.of("demo");
    for (String path : new String[] {"/activities/not-a-uuid", "/activities/..%2F..%2Fetc%2Fpasswd",
        "/activities/%2e%2e/streams", "/workouts/1%20OR%201=1/skip", "/checkins/2026-13-45"}) {
      var response = given().auth().oauth2(demo).urlEncodingEnabled(false).contentType("application/json").body("{}")
          .request(path.endsWith("/skip") ? "POST" : "GET", path).then().extract();
      assertThat(response.statusCode()).as(path).isIn(400, 404);
      assertThat(response.contentType()).as(path).startsWith("application/problem+json");
    }
  }
}
