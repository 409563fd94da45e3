package org.runningcoach.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** One athlete's burst is cut off with 429 and Retry-After; another athlete is not affected. */
@QuarkusTest
@QuarkusTestResource(EchoServices.class)
@TestProfile(RateLimitTest.SmallBucket.class)
class RateLimitTest {

  public static class SmallBucket implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("runningcoach.rate-limit.burst", "3", "runningcoach.rate-limit.per-second", "0.01");
    }
  }

  @Test
  void anAthleteOverTheLimitGets429WithRetryAfterAndOthersGoOn() {
    String demo = Tokens.of("demo");
    for (int i = 0; i < 3; i++) {
      given().auth().oauth2(demo).get("/plans/current").then().statusCode(200);
    }
    given().auth().oauth2(demo).get("/plans/current").then().statusCode(429)
        .contentType(startsWith("application/problem+json")).body("status", equalTo(429))
        .header("Retry-After", org.hamcrest.Matchers.matchesPattern("[1-9][0-9]*"));
    given().auth().oauth2(Tokens.of("demo2")).get("/plans/current").then().statusCode(200);
  }
}
