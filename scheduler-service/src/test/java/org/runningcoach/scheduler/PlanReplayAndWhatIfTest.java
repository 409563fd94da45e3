package org.runningcoach.scheduler;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.runningcoach.events.BodyStateComputed;
import org.runningcoach.events.BodyStateComputed.Status;
import org.runningcoach.events.EventCodec;
import org.runningcoach.events.EventEnvelope;
import org.runningcoach.events.EventType;
import org.runningcoach.events.LifeEventReported;
import org.runningcoach.events.LifeEventReported.LifeEventType;

/** The what-if stores nothing; replay rebuilds the stored plan and log; duplicates and races change nothing twice. */
@QuarkusTest
@QuarkusTestResource(InMemoryChannels.class)
class PlanReplayAndWhatIfTest {

  static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);
  static String demo;
  static String demo2;
  static String athlete;

  @Inject Pool pool;
  @Inject @Any InMemoryConnector connector;

  @BeforeAll
  static void tokens() {
    demo = Tokens.of("demo");
    demo2 = Tokens.of("demo2");
    athlete = Tokens.subject(demo);
  }

  /** Other suites (e2e) may have given demo2 a plan in the same test database; these tests need it without one. */
  @org.junit.jupiter.api.BeforeEach
  void demo2HasNoPlan() {
    for (String table : new String[] {"plan_input", "adaptation_log", "scheduled_workout", "training_plan"}) {
      pool.preparedQuery("DELETE FROM " + table + " WHERE athlete_id = $1")
          .execute(Tuple.of(Tokens.subject(demo2))).await().indefinitely();
    }
  }

  JsonPath createPlan() {
    return given().auth().oauth2(demo).contentType("application/json")
        .body(PlanResourceTest.planBody(TODAY.plusWeeks(16).toString(), ",\"goalTime\":\"1:45:00\""))
        .post("/plans").then().statusCode(201).extract().jsonPath();
  }

  List<Map<String, Object>> workouts() {
    return given().auth().oauth2(demo).get("/plans/current/workouts").then().statusCode(200).extract().jsonPath().getList("$");
  }

  long count(String sql) {
    return pool.preparedQuery(sql).execute(Tuple.of(athlete)).await().indefinitely().iterator().next().getLong(0);
  }

  /** What the athlete and the replay could notice of the plan: its workouts as served, its log, its kept inputs. */
  record Snapshot(String workouts, long log, long inputs, long plans) {}

  Snapshot snapshot() {
    return new Snapshot(given().auth().oauth2(demo).get("/plans/current/workouts").then().statusCode(200).extract().asString(),
        count("SELECT count(*) FROM adaptation_log WHERE athlete_id = $1"),
        count("SELECT count(*) FROM plan_input WHERE athlete_id = $1"),
        count("SELECT count(*) FROM training_plan WHERE athlete_id = $1"));
  }

  static BodyStateComputed.Explanation why() {
    return new BodyStateComputed.Explanation("test", null, "test state", null, null, null);
  }

  static String bodyState(UUID id, LocalDate date, Instant time, Status cardio, Status muscular, Status skeletal,
      Status neural) {
    List<Status> all = List.of(cardio, muscular, skeletal, neural);
    BodyStateComputed.Directive directive = all.contains(Status.RED) ? BodyStateComputed.Directive.RECOVER
        : all.contains(Status.YELLOW) ? BodyStateComputed.Directive.MAINTAIN : BodyStateComputed.Directive.PUSH;
    var state = new BodyStateComputed(athlete, date, new BodyStateComputed.Cardio(cardio, null, null, why()),
        new BodyStateComputed.Muscular(muscular, null, null, why()),
        new BodyStateComputed.Skeletal(skeletal, null, null, why()),
        new BodyStateComputed.Neural(neural, null, null, why()),
        new BodyStateComputed.Overall(50, directive, 1.0, "test"), "note", "test", List.of(UUID.randomUUID()));
    return EventCodec.encode(EventEnvelope.of(EventType.BODY_STATE_COMPUTED, "/readiness-service", athlete, id, time, state));
  }

  static String lifeEvent(UUID id, LifeEventType type, LocalDate start, LocalDate end, boolean belowNeck, boolean fever) {
    var event = new LifeEventReported(athlete, UUID.randomUUID(), type, start, end, belowNeck, fever);
    return EventCodec.encode(EventEnvelope.of(EventType.LIFE_EVENT_REPORTED, "/ingestion-service/life-events", athlete, id,
        Instant.now(), event));
  }

  boolean processed(UUID eventId) {
    return pool.preparedQuery("SELECT count(*) FROM processed_event WHERE event_id = $1").execute(Tuple.of(eventId))
        .await().indefinitely().iterator().next().getLong(0) == 1;
  }

  void bodyStateAndWait(UUID id, LocalDate date, Instant time, Status c, Status m, Status s, Status n) {
    connector.source("body-state-computed").send(bodyState(id, date, time, c, m, s, n));
    PlanResourceTest.eventually("body state " + id + " is processed", () -> processed(id));
  }

  void lifeEventAndWait(String message, UUID id) {
    connector.source("life-event-reported").send(message);
    PlanResourceTest.eventually("life event " + id + " is processed", () -> processed(id));
  }

  JsonPath replayCheck() {
    return given().auth().oauth2(demo).post("/plans/current/replay-check").then().statusCode(200).extract().jsonPath();
  }

  Map<String, Object> keyWorkoutFromNextWeek() {
    return workouts().stream()
        .filter(w -> List.of("TEMPO", "INTERVALS").contains(w.get("type"))
            && !LocalDate.parse((String) w.get("date")).isBefore(TODAY.plusDays(7)))
        .findFirst().orElseThrow();
  }

  static String redNeural(LocalDate date, String directive) {
    return "{\"bodyState\":{\"date\":\"" + date + "\",\"cardio\":\"GREEN\",\"muscular\":\"GREEN\",\"skeletal\":\"GREEN\","
        + "\"neural\":\"RED\"" + (directive == null ? "" : ",\"directive\":\"" + directive + "\"") + "}}";
  }

  @Test
  void theWhatIfShowsWhatARedMorningOrAnIllnessWouldChangeAndStoresNothing() {
    createPlan();
    Map<String, Object> key = keyWorkoutFromNextWeek();
    LocalDate date = LocalDate.parse((String) key.get("date"));
    Snapshot before = snapshot();
    try (KafkaConsumer<String, String> planAdapted = PlanResourceTest.planAdaptedFromNow()) {
      JsonPath red = given().auth().oauth2(demo).contentType("application/json").body(redNeural(date, "RECOVER"))
          .post("/plan/what-if").then().statusCode(200).extract().jsonPath();
      assertThat(red.getList("changes.rule")).containsExactly("adapt.red.recovery", "adapt.red.move");
      assertThat(red.getString("changes[0].reason")).isEqualTo("Active recovery today due to CNS fatigue (neural Red).");
      assertThat(red.getString("changes[1].workoutId")).isEqualTo(key.get("id"));
      assertThat(red.getString("changes[1].fromDate")).isEqualTo(date.toString());
      assertThat(LocalDate.parse(red.getString("changes[1].date"))).isAfter(date);

      JsonPath sick = given().auth().oauth2(demo).contentType("application/json")
          .body("{\"lifeEvent\":{\"type\":\"SICK\",\"startDate\":\"" + date + "\",\"fever\":true}}")
          .post("/plan/what-if").then().statusCode(200).extract().jsonPath();
      assertThat(sick.getList("changes.rule")).contains("life.sick.clear", "life.sick.return-to-run");

      JsonPath green = given().auth().oauth2(demo).contentType("application/json")
          .body(redNeural(date, null).replace("RED", "GREEN")).post("/plan/what-if").then().statusCode(200).extract().jsonPath();
      assertThat(green.getList("changes")).isEmpty();

      assertThat(snapshot()).isEqualTo(before);

      // A real Red morning afterwards is announced; nothing was announced for the previews before it (one partition per athlete keeps order).
      UUID marker = UUID.randomUUID();
      bodyStateAndWait(marker, date, Instant.now(), Status.GREEN, Status.GREEN, Status.GREEN, Status.RED);
      List<String> announced = new ArrayList<>();
      PlanResourceTest.eventually("the real adaptation is announced", () -> {
        planAdapted.poll(Duration.ofMillis(200)).forEach(r -> {
          if (athlete.equals(r.key())) {
            announced.add(r.value());
          }
        });
        return announced.stream().anyMatch(v -> v.contains(marker.toString()));
      });
      assertThat(announced).hasSize(1);
      // the preview said what the real morning did
      JsonPath log = given().auth().oauth2(demo).get("/plan/today?date=" + date).then().statusCode(200).extract().jsonPath();
      assertThat(log.getList("adaptations.rule")).containsExactly("adapt.red.recovery", "adapt.red.move");
    }
  }

  record Bad(String name, String body, String field) {}

  @Test
  void aWhatIfWithBadInputIsAProblemNamingTheField() {
    createPlan();
    Snapshot before = snapshot();
    LocalDate d = TODAY.plusDays(10);
    List<Bad> cases = List.of(
        new Bad("neither", "{}", "bodyState"),
        new Bad("both", "{\"bodyState\":{\"date\":\"" + d + "\",\"cardio\":\"GREEN\",\"muscular\":\"GREEN\","
            + "\"skeletal\":\"GREEN\",\"neural\":\"RED\"},\"lifeEvent\":{\"type\":\"SICK\",\"startDate\":\"" + d + "\"}}",
            "bodyState"),
        new Bad("directive against the statuses", redNeural(d, "PUSH"), "bodyState.directive"),
        new Bad("unknown status", redNeural(d, null).replace("\"RED\"", "\"PURPLE\""), "bodyState.neural"),
        new Bad("missing status", redNeural(d, null).replace(",\"neural\":\"RED\"", ""), "neural"),
        new Bad("missing date", redNeural(d, null).replace("\"date\":\"" + d + "\",", ""), "date"),
        new Bad("life event ending before it starts", "{\"lifeEvent\":{\"type\":\"TRAVEL\",\"startDate\":\"" + d
            + "\",\"endDate\":\"" + d.minusDays(1) + "\"}}", "lifeEvent.endDate"),
        new Bad("unknown life event", "{\"lifeEvent\":{\"type\":\"HOLIDAY\",\"startDate\":\"" + d + "\"}}", "lifeEvent.type"),
        new Bad("unknown field", "{\"lifeEvent\":{\"type\":\"SICK\",\"startDate\":\"" + d + "\"},\"athleteId\":\"x\"}",
            "athleteId"));
    for (Bad c : cases) {
      var response = given().auth().oauth2(demo).contentType("application/json").body(c.body()).post("/plan/what-if").then();
      try {
        response.statusCode(400).contentType(startsWith("application/problem+json")).body("errors.field", hasItem(c.field()));
      } catch (AssertionError e) {
        throw new AssertionError("case '" + c.name() + "' got " + response.extract().asString(), e);
      }
    }
    given().auth().oauth2(demo2).contentType("application/json").body(redNeural(d, null)).post("/plan/what-if")
        .then().statusCode(404).contentType(startsWith("application/problem+json"));
    assertThat(snapshot()).isEqualTo(before);
  }

  /**
   * Generated sequences of Red/Yellow/Green mornings, life events, redelivered events and the
   * athlete's skips, moves and done marks (fixed seed) on fresh plans: replaying the plan's inputs
   * gives the stored plan and log.
   */
  @Test
  void replayingAPlansInputsGivesTheStoredPlanAndLog() {
    Random random = new Random(17);
    Status[] statuses = {Status.GREEN, Status.GREEN, Status.YELLOW, Status.RED, Status.INSUFFICIENT_DATA};
    Instant time = Instant.now();
    for (int round = 0; round < 3; round++) {
      String planId = createPlan().getString("id");
      List<String> sent = new ArrayList<>();
      List<UUID> sentIds = new ArrayList<>();
      int changedByAthlete = 0;
      for (int step = 0; step < 14; step++) {
        int pick = random.nextInt(10);
        LocalDate day = TODAY.plusDays(random.nextInt(28));
        if (pick < 6) {
          UUID id = UUID.randomUUID();
          time = time.plusSeconds(1);
          String message = bodyState(id, day, time, statuses[random.nextInt(5)], statuses[random.nextInt(5)],
              statuses[random.nextInt(5)], statuses[random.nextInt(5)]);
          connector.source("body-state-computed").send(message);
          PlanResourceTest.eventually("body state processed", () -> processed(id));
          sent.add(message);
          sentIds.add(id);
        } else if (pick < 7) {
          UUID id = UUID.randomUUID();
          LifeEventType type = LifeEventType.values()[random.nextInt(3)];
          lifeEventAndWait(lifeEvent(id, type, day, random.nextBoolean() ? null : day.plusDays(random.nextInt(5)),
              random.nextBoolean(), random.nextBoolean()), id);
        } else if (pick < 8 && !sent.isEmpty()) {
          // a redelivery: the same event again
          int i = random.nextInt(sent.size());
          connector.source("body-state-computed").send(sent.get(i));
        } else {
          List<Map<String, Object>> all = workouts();
          Map<String, Object> w = all.get(random.nextInt(all.size()));
          String id = (String) w.get("id");
          int status = switch (random.nextInt(3)) {
            case 0 -> given().auth().oauth2(demo).post("/workouts/" + id + "/skip").then().extract().statusCode();
            case 1 -> given().auth().oauth2(demo).post("/workouts/" + id + "/done").then().extract().statusCode();
            default -> given().auth().oauth2(demo).contentType("application/json")
                .body("{\"toDate\":\"" + LocalDate.parse((String) w.get("date")).plusDays(random.nextInt(5) - 2) + "\"}")
                .post("/workouts/" + id + "/move").then().extract().statusCode();
          };
          assertThat(status).as("an athlete's change is done or refused, never an error").isIn(200, 400, 409);
          changedByAthlete += status == 200 ? 1 : 0;
        }
      }
      JsonPath check = replayCheck();
      assertThat(check.getString("firstDifference")).as("round %d", round).isNull();
      assertThat(check.getBoolean("equal")).isTrue();
      assertThat(check.getString("planId")).isEqualTo(planId);
      UUID plan = UUID.fromString(planId);
      assertThat(check.getLong("inputs")).isEqualTo(countFor("SELECT count(*) FROM plan_input WHERE plan_id = $1", plan));
      assertThat(check.getLong("logEntries")).isEqualTo(countFor("SELECT count(*) FROM adaptation_log WHERE plan_id = $1", plan));
      assertThat(check.getLong("inputs")).as("inputs kept, round %d", round).isGreaterThanOrEqualTo(sentIds.size() + changedByAthlete);
      assertThat(check.getInt("workouts")).isEqualTo(16 * 7);
    }
  }

  long countFor(String sql, UUID plan) {
    return pool.preparedQuery(sql).execute(Tuple.of(plan)).await().indefinitely().iterator().next().getLong(0);
  }

  @Test
  void theReplayCheckNamesTheFirstDifferenceWhenTheStoredPlanWasChangedBehindItsBack() {
    String planId = createPlan().getString("id");
    Map<String, Object> key = keyWorkoutFromNextWeek();
    LocalDate date = LocalDate.parse((String) key.get("date"));
    bodyStateAndWait(UUID.randomUUID(), date, Instant.now(), Status.GREEN, Status.GREEN, Status.GREEN, Status.RED);
    assertThat(replayCheck().getBoolean("equal")).isTrue();

    pool.preparedQuery("UPDATE scheduled_workout SET duration_min = coalesce(duration_min, 0) + 5 WHERE id = $1")
        .execute(Tuple.of(UUID.fromString((String) key.get("id")))).await().indefinitely();
    JsonPath check = replayCheck();
    assertThat(check.getBoolean("equal")).isFalse();
    assertThat(check.getString("firstDifference")).startsWith("workout " + key.get("id") + ": stored");
    pool.preparedQuery("UPDATE scheduled_workout SET duration_min = duration_min - 5 WHERE id = $1")
        .execute(Tuple.of(UUID.fromString((String) key.get("id")))).await().indefinitely();
    assertThat(replayCheck().getBoolean("equal")).isTrue();

    pool.preparedQuery("UPDATE adaptation_log SET reason = 'edited' WHERE plan_id = $1 AND rule = 'adapt.red.move'")
        .execute(Tuple.of(UUID.fromString(planId))).await().indefinitely();
    check = replayCheck();
    assertThat(check.getBoolean("equal")).isFalse();
    assertThat(check.getString("firstDifference")).startsWith("log entry 2: stored").contains("edited");

    pool.preparedQuery("UPDATE training_plan SET request = NULL WHERE id = $1").execute(Tuple.of(UUID.fromString(planId)))
        .await().indefinitely();
    given().auth().oauth2(demo).post("/plans/current/replay-check").then().statusCode(409)
        .contentType(startsWith("application/problem+json"));
    given().auth().oauth2(demo2).post("/plans/current/replay-check").then().statusCode(404);
  }

  @Test
  void aLifeEventDeliveredTwiceOrReportedTwiceChangesThePlanOnce() {
    createPlan();
    LocalDate start = TODAY.plusDays(9);
    UUID first = UUID.randomUUID();
    String message = lifeEvent(first, LifeEventType.SICK, start, start.plusDays(1), true, false);
    lifeEventAndWait(message, first);
    Snapshot once = snapshot();
    assertThat(once.log()).isPositive();

    connector.source("life-event-reported").send(message);
    UUID again = UUID.randomUUID();
    lifeEventAndWait(lifeEvent(again, LifeEventType.SICK, start, start.plusDays(1), true, false), again);
    assertThat(snapshot()).isEqualTo(once);
    assertThat(replayCheck().getBoolean("equal")).isTrue();
    given().auth().oauth2(demo).contentType("application/json")
        .body("{\"lifeEvent\":{\"type\":\"SICK\",\"startDate\":\"" + start + "\",\"endDate\":\"" + start.plusDays(1)
            + "\",\"belowNeckSymptoms\":true}}")
        .post("/plan/what-if").then().statusCode(200).body("changes.size()", equalTo(0));
  }

  /** Two POST /plans at the same moment for one athlete: each is a 201 or a 409 problem, never a 500, and one plan is active. */
  @Test
  void twoPlansCreatedAtOnceGiveOnePlanAndAtMostOneConflict() throws Exception {
    String body = PlanResourceTest.planBody(TODAY.plusWeeks(16).toString(), "");
    ExecutorService threads = Executors.newFixedThreadPool(2);
    int conflicts = 0;
    try {
      for (int round = 0; round < 8; round++) {
        CyclicBarrier barrier = new CyclicBarrier(2);
        List<Future<io.restassured.response.Response>> calls = new ArrayList<>();
        for (int t = 0; t < 2; t++) {
          calls.add(threads.submit(() -> {
            barrier.await();
            return given().auth().oauth2(demo).contentType("application/json").body(body).post("/plans");
          }));
        }
        List<Integer> statuses = new ArrayList<>();
        for (var call : calls) {
          var response = call.get();
          statuses.add(response.statusCode());
          if (response.statusCode() == 409) {
            assertThat(response.contentType()).startsWith("application/problem+json");
            conflicts++;
          }
        }
        assertThat(statuses).as("round %d", round).allSatisfy(s -> assertThat(s).isIn(201, 409)).contains(201);
        assertThat(count("SELECT count(*) FROM training_plan WHERE athlete_id = $1 AND active")).isEqualTo(1);
      }
    } finally {
      threads.shutdownNow();
    }
    System.out.printf("concurrent plan creation: %d of 8 rounds answered one 409%n", conflicts);
    given().auth().oauth2(demo).get("/plans/current").then().statusCode(200);
    assertThat(workouts()).hasSize(16 * 7);
  }

  @Test
  void badRequestsLeaveThePlanAsItWas() {
    createPlan();
    Map<String, Object> easy = workouts().stream().filter(w -> "EASY".equals(w.get("type"))).findFirst().orElseThrow();
    Snapshot before = snapshot();
    String race = TODAY.plusWeeks(16).toString();
    List<Bad> cases = List.of(
        new Bad("race date in the past", PlanResourceTest.planBody(TODAY.minusDays(3).toString(), ""), "raceDate"),
        new Bad("unknown distance", PlanResourceTest.planBody(race, "").replace("HALF", "ULTRA"), "distance"),
        new Bad("zero available days", PlanResourceTest.planBody(race, "")
            .replaceAll("\"availableDays\":\\[[^]]*]", "\"availableDays\":[]"), "availableDays"));
    for (Bad c : cases) {
      given().auth().oauth2(demo).contentType("application/json").body(c.body()).post("/plans").then()
          .statusCode(400).contentType(startsWith("application/problem+json")).body("errors.field", hasItem(c.field()));
    }
    for (String to : List.of(TODAY.minusDays(1).toString(), TODAY.plusWeeks(16).toString(), TODAY.plusYears(1).toString())) {
      given().auth().oauth2(demo).contentType("application/json").body("{\"toDate\":\"" + to + "\"}")
          .post("/workouts/" + easy.get("id") + "/move").then().statusCode(400)
          .contentType(startsWith("application/problem+json")).body("errors.field", hasItem("toDate"));
    }
    given().auth().oauth2(demo).contentType("application/json")
        .body("{\"lifeEvent\":{\"type\":\"SICK\",\"startDate\":\"" + TODAY.plusDays(3) + "\",\"endDate\":\"" + TODAY + "\"}}")
        .post("/plan/what-if").then().statusCode(400).body("errors.field", hasItem("lifeEvent.endDate"));
    assertThat(snapshot()).isEqualTo(before);
    given().auth().oauth2(demo).get("/plan/today?date=" + easy.get("date")).then().statusCode(200)
        .body("workouts[0].id", equalTo(easy.get("id"))).body("adaptations.size()", equalTo(0));
  }
}
