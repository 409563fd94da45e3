package org.runningcoach.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every route in the gateway's OpenAPI document, checked against the table below: without a
 * token, with a garbage token and with a forged one (demo's token with its payload changed) the
 * answer is 401; where a route names one of athlete A's resources by id or date, athlete B's
 * token never gets A's data. A route the table does not list fails the test, so a new route
 * cannot ship without being added here.
 */
@ExtendWith(RunningSystem.class)
class AuthorizationMatrixIT {

  /** Who may call a route and what it names. */
  enum Access {
    /** The caller's own data; nothing in the request names another athlete. */
    OWN,
    /** Names a date: B asking for A's date sees B's own data or nothing, never A's. */
    DATE,
    /** Names one of A's resources by id: B gets 403 or 404 and A's resource is untouched. */
    ID,
    /** Called by a wearable vendor's server, authenticated by the vendor's signature, not a user token. */
    VENDOR
  }

  record Route(Access access, String body) {}

  static final String CHECKIN = "{\"date\":\"%s\",\"sleepHours\":7.5,\"soreness\":3,\"stress\":4}";

  /** The table: "METHOD path" as the OpenAPI document spells it. */
  static final Map<String, Route> ROUTES = new LinkedHashMap<>();

  static {
    ROUTES.put("POST /checkin", new Route(Access.OWN, CHECKIN));
    ROUTES.put("GET /checkins/{date}", new Route(Access.DATE, null));
    ROUTES.put("GET /dashboard", new Route(Access.OWN, null));
    ROUTES.put("GET /body-states", new Route(Access.OWN, null));
    ROUTES.put("GET /body-states/{date}", new Route(Access.DATE, null));
    ROUTES.put("POST /body-states/{date}/replay", new Route(Access.DATE, null));
    ROUTES.put("POST /what-if", new Route(Access.OWN, "{\"date\":\"%s\",\"sleepHours\":8}"));
    ROUTES.put("GET /profile", new Route(Access.OWN, null));
    ROUTES.put("PUT /profile", new Route(Access.OWN, "{\"restingHr\":50}"));
    ROUTES.put("POST /life-event", new Route(Access.OWN, "{\"type\":\"TRAVEL\",\"startDate\":\"%s\"}"));
    ROUTES.put("POST /activity", new Route(Access.OWN,
        "{\"startTime\":\"%sT07:00:00Z\",\"sport\":\"running\",\"durationSeconds\":1800}"));
    ROUTES.put("GET /activities", new Route(Access.OWN, null));
    ROUTES.put("GET /activities/{id}", new Route(Access.ID, null));
    ROUTES.put("GET /activities/{id}/streams", new Route(Access.ID, null));
    ROUTES.put("DELETE /activities/{id}", new Route(Access.ID, null));
    ROUTES.put("POST /plans", new Route(Access.OWN, "{\"raceDate\":\"%s\",\"distance\":\"HALF\"}"));
    ROUTES.put("GET /plans/current", new Route(Access.OWN, null));
    ROUTES.put("GET /plans/current/workouts", new Route(Access.OWN, null));
    ROUTES.put("GET /adaptations", new Route(Access.OWN, null));
    ROUTES.put("GET /plan/today", new Route(Access.OWN, null));
    ROUTES.put("POST /plan/what-if", new Route(Access.OWN, "{\"bodyState\":{\"date\":\"%s\",\"cardio\":\"GREEN\","
        + "\"muscular\":\"GREEN\",\"skeletal\":\"GREEN\",\"neural\":\"RED\"}}"));
    ROUTES.put("POST /plans/current/replay-check", new Route(Access.OWN, null));
    ROUTES.put("POST /workouts/{id}/skip", new Route(Access.ID, null));
    ROUTES.put("POST /workouts/{id}/done", new Route(Access.ID, null));
    ROUTES.put("POST /workouts/{id}/move", new Route(Access.ID, "{\"toDate\":\"%s\"}"));
    ROUTES.put("DELETE /me", new Route(Access.OWN, null));
    ROUTES.put("GET /me/export", new Route(Access.OWN, null));
    ROUTES.put("POST /webhooks/garmin", new Route(Access.VENDOR, "{\"dailies\":[]}"));
    ROUTES.put("POST /webhooks/garmin/activity-details", new Route(Access.VENDOR, "{\"activityDetails\":[]}"));
    ROUTES.put("POST /webhooks/apple", new Route(Access.OWN, "{\"samples\":[]}"));
    ROUTES.put("POST /device-links/garmin", new Route(Access.OWN, "{\"garminUserId\":\"matrix-test\"}"));
    ROUTES.put("GET /device-links", new Route(Access.OWN, null));
    ROUTES.put("DELETE /device-links/garmin", new Route(Access.OWN, null));
    ROUTES.put("POST /device-links/garmin/backfill", new Route(Access.OWN, "{\"from\":\"%1$s\",\"to\":\"%1$s\"}"));
    ROUTES.put("POST /imports/apple-health", new Route(Access.OWN, null));
    ROUTES.put("GET /imports/{id}", new Route(Access.ID, null));
  }

  static String demo;
  static String demo2;
  static Map<String, Route> documented;

  @BeforeAll
  static void signIn() {
    RestAssured.baseURI = RunningSystem.GATEWAY;
    demo = RunningSystem.tokenFor("demo");
    demo2 = RunningSystem.tokenFor("demo2");
    documented = documentedRoutes();
  }

  /** Every path and method in the gateway's OpenAPI document, mapped to its row of the table (null: no row). */
  static Map<String, Route> documentedRoutes() {
    Map<String, Map<String, Object>> paths = given().queryParam("format", "json").get("/q/openapi")
        .then().statusCode(200).extract().jsonPath().getMap("paths");
    Map<String, Route> routes = new LinkedHashMap<>();
    paths.forEach((path, operations) -> operations.keySet().stream()
        .filter(method -> List.of("get", "put", "post", "delete", "patch", "head", "options").contains(method))
        .forEach(method -> {
          String key = method.toUpperCase() + " " + path;
          routes.put(key, ROUTES.get(key));
        }));
    return routes;
  }

  @Test
  void everyDocumentedRouteIsInTheTable() {
    assertThat(documented).as("the gateway documents no routes").isNotEmpty();
    List<String> missing = documented.entrySet().stream().filter(e -> e.getValue() == null).map(Map.Entry::getKey).toList();
    assertThat(missing).as("routes in the OpenAPI document without a row in AuthorizationMatrixIT.ROUTES").isEmpty();
  }

  /** The request a route's row describes, with {date} and {id} filled in. */
  static String concretePath(String route, LocalDate date, Map<String, String> ids) {
    String path = route.substring(route.indexOf(' ') + 1).replace("{date}", date.toString());
    if (path.contains("{id}")) {
      path = path.replace("{id}", ids.getOrDefault(path.substring(1, path.indexOf('/', 1)), "00000000-0000-0000-0000-000000000000"));
    }
    return path;
  }

  static Response call(String route, RequestSpecification request, LocalDate date, Map<String, String> ids) {
    String method = route.substring(0, route.indexOf(' '));
    String path = concretePath(route, date, ids);
    Route row = ROUTES.get(route);
    if (row != null && row.body() != null) {
      request = request.contentType("application/json").body(row.body().formatted(date));
    }
    return request.request(method, path);
  }

  @Test
  void withoutATokenOrWithABadOneEveryRouteAnswers401() {
    String[] parts = demo.split("\\.");
    String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
    String changed = Base64.getUrlEncoder().withoutPadding().encodeToString(
        payload.replace("\"preferred_username\":\"demo\"", "\"preferred_username\":\"admin\"")
            .replaceFirst("\"exp\":\\d+", "\"exp\":4102444800").getBytes(StandardCharsets.UTF_8));
    String unsigned = Base64.getUrlEncoder().withoutPadding().encodeToString(
        "{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
    Map<String, Function<RequestSpecification, RequestSpecification>> callers = new LinkedHashMap<>();
    callers.put("no token", r -> r);
    callers.put("garbage token", r -> r.auth().oauth2("not-a-token"));
    callers.put("forged token (payload changed, signature kept)", r -> r.auth().oauth2(parts[0] + "." + changed + "." + parts[2]));
    callers.put("unsigned token (alg none)", r -> r.auth().oauth2(unsigned + "." + parts[1] + "."));
    LocalDate date = LocalDate.now(ZoneOffset.UTC);
    List<String> wrong = new ArrayList<>();
    for (String route : new TreeSet<>(documented.keySet())) {
      for (var caller : callers.entrySet()) {
        Response response = call(route, caller.getValue().apply(given()), date, Map.of());
        if (response.statusCode() != 401) {
          wrong.add(route + " with " + caller.getKey() + " -> " + response.statusCode() + " " + response.asString());
        }
      }
    }
    assertThat(wrong).as("answers other than 401").isEmpty();
  }

  @Test
  void anotherAthleteNeverGetsOrChangesTheFirstOnesDataByIdOrDate() {
    // Athlete A (demo): a check-in and an activity on a fresh past date, and a plan with workouts.
    // 690-725 days back: check-ins are accepted up to 730, and CheckinToDashboardIT's days (30-650 back) stay
    // clear of this activity's load windows.
    LocalDate date = LocalDate.now(ZoneOffset.UTC).minusDays(ThreadLocalRandom.current().nextInt(690, 726));
    String checkinEvent = given().auth().oauth2(demo).contentType("application/json").body(CHECKIN.formatted(date))
        .post("/checkin").then().statusCode(202).extract().path("eventId");
    String activityId = given().auth().oauth2(demo).contentType("application/json")
        .body("{\"startTime\":\"" + date + "T06:" + String.format("%02d", ThreadLocalRandom.current().nextInt(60))
            + ":00Z\",\"sport\":\"running\",\"durationSeconds\":" + (1500 + ThreadLocalRandom.current().nextInt(2000))
            + ",\"distanceMeters\":5000,\"rpe\":5}")
        .post("/activity").then().statusCode(201).extract().path("id");
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
        .until(() -> given().auth().oauth2(demo).get("/body-states/" + date).then().extract().jsonPath().getList("causedBy"),
            causes -> causes != null && causes.contains(checkinEvent));
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    given().auth().oauth2(demo).contentType("application/json")
        .body("{\"raceDate\":\"" + today.plusWeeks(16) + "\",\"distance\":\"HALF\",\"currentWeeklyKm\":30,"
            + "\"availableDays\":[\"TUESDAY\",\"THURSDAY\",\"SATURDAY\",\"SUNDAY\"],\"longRunDay\":\"SUNDAY\"}")
        .post("/plans").then().statusCode(201);
    List<Map<String, Object>> workouts = given().auth().oauth2(demo).get("/plans/current/workouts")
        .then().statusCode(200).extract().jsonPath().getList("$");
    Map<String, Object> workout = workouts.stream().filter(w -> "PLANNED".equals(w.get("status")))
        .filter(w -> LocalDate.parse((String) w.get("date")).isAfter(today.plusDays(1))).findFirst().orElseThrow();
    String workoutId = (String) workout.get("id");
    Map<String, String> ids = Map.of("activities", activityId, "workouts", workoutId);
    List<String> secrets = List.of(checkinEvent, activityId, workoutId);

    List<String> wrong = new ArrayList<>();
    for (var route : documented.entrySet()) {
      Access access = route.getValue() == null ? null : route.getValue().access();
      if (access != Access.DATE && access != Access.ID) {
        continue;
      }
      Response response = call(route.getKey(), given().auth().oauth2(demo2), date, ids);
      boolean refused = response.statusCode() == 403 || response.statusCode() == 404;
      boolean ownData = access == Access.DATE && response.statusCode() == 200;
      // A 404 may repeat the id demo2 sent; anything else of demo's must not appear.
      String path = concretePath(route.getKey(), date, ids);
      String body = response.asString();
      if (!(refused || ownData) || secrets.stream().filter(secret -> !path.contains(secret)).anyMatch(body::contains)) {
        wrong.add(route.getKey() + " as demo2 -> " + response.statusCode() + " " + body);
      }
    }
    assertThat(wrong).as("demo2 reaching demo's data").isEmpty();

    // A's resources are as A left them.
    given().auth().oauth2(demo).get("/activities/" + activityId).then().statusCode(200);
    Map<String, Object> after = given().auth().oauth2(demo).get("/plans/current/workouts")
        .then().statusCode(200).extract().jsonPath().<Map<String, Object>>getList("$").stream()
        .filter(w -> workoutId.equals(w.get("id"))).findFirst().orElseThrow();
    assertThat(after.get("status")).isEqualTo("PLANNED");
    assertThat(after.get("date")).isEqualTo(workout.get("date"));
  }
}
