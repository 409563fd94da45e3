package org.runningcoach.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The plan and life-event routes reach the right service with the caller's token and body. */
@QuarkusTest
@QuarkusTestResource(EchoServices.class)
class PlanApiTest {

  static String demo;

  @BeforeAll
  static void token() {
    demo = Tokens.of("demo");
  }

  record Route(String method, String path, String body, String forwardedTo) {}

  @Test
  void everyPlanAndLifeEventCallIsForwardedWithTheCallersToken() {
    String id = "2b3c4d5e-4444-4d5e-8f60-718293a4b5c6";
    List<Route> routes = List.of(
        new Route("POST", "/plans", "{\"distance\":\"HALF\"}", "/scheduler/plans"),
        new Route("GET", "/plans/current", null, "/scheduler/plans/current"),
        new Route("GET", "/plans/current/workouts?from=2026-03-02&to=2026-03-08", null,
            "/scheduler/plans/current/workouts?from=2026-03-02&to=2026-03-08"),
        new Route("GET", "/adaptations", null, "/scheduler/adaptations?from=&to="),
        new Route("GET", "/plan/today?date=2026-03-02", null, "/scheduler/plan/today?date=2026-03-02"),
        new Route("POST", "/plan/what-if", "{\"lifeEvent\":{\"type\":\"SICK\",\"startDate\":\"2026-03-05\"}}",
            "/scheduler/plan/what-if"),
        new Route("POST", "/plans/current/replay-check", null, "/scheduler/plans/current/replay-check"),
        new Route("POST", "/workouts/" + id + "/skip", null, "/scheduler/workouts/" + id + "/skip"),
        new Route("POST", "/workouts/" + id + "/done", null, "/scheduler/workouts/" + id + "/done"),
        new Route("POST", "/workouts/" + id + "/move", "{\"toDate\":\"2026-03-05\"}", "/scheduler/workouts/" + id + "/move"),
        new Route("POST", "/life-event", "{\"type\":\"SICK\",\"startDate\":\"2026-03-05\"}", "/ingestion/life-events"));
    for (Route r : routes) {
      var request = given().auth().oauth2(demo);
      if (r.body() != null) {
        request = request.contentType("application/json").body(r.body());
      }
      request.request(r.method(), r.path()).then().statusCode(200)
          .body("method", equalTo(r.method())).body("path", equalTo(r.forwardedTo())).body("bearer", equalTo(true))
          .body("body", equalTo(r.body() == null ? "" : r.body()));
    }
  }

  @Test
  void todayWithoutADateAsksTheSchedulerForTodayInUtc() {
    String before = "/scheduler/plan/today?date=" + java.time.LocalDate.now(java.time.ZoneOffset.UTC);
    String path = given().auth().oauth2(demo).get("/plan/today").then().statusCode(200).extract().path("path");
    String after = "/scheduler/plan/today?date=" + java.time.LocalDate.now(java.time.ZoneOffset.UTC);
    org.assertj.core.api.Assertions.assertThat(path).isIn(before, after);
  }

  @Test
  void withoutATokenOrWithABadDateNothingIsForwarded() {
    given().contentType("application/json").body("{}").post("/plans").then().statusCode(401);
    given().contentType("application/json").body("{}").post("/life-event").then().statusCode(401);
    given().auth().oauth2(demo).get("/adaptations?from=yesterday").then().statusCode(400)
        .contentType(startsWith("application/problem+json"));
    given().auth().oauth2(demo).get("/plan/today?date=02.03.2026").then().statusCode(400)
        .contentType(startsWith("application/problem+json"));
    given().auth().oauth2(demo).post("/workouts/not-an-id/skip").then().statusCode(404)
        .contentType(startsWith("application/problem+json"));
  }
}
