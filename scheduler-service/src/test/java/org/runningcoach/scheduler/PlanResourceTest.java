package org.runningcoach.scheduler;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
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
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.runningcoach.events.BodyStateComputed;
import org.runningcoach.events.BodyStateComputed.Status;
import org.runningcoach.events.EventCodec;
import org.runningcoach.events.EventEnvelope;
import org.runningcoach.events.EventType;
import org.runningcoach.events.LifeEventReported;
import org.runningcoach.events.PlanAdapted;
import org.runningcoach.events.Topics;

@QuarkusTest
@QuarkusTestResource(InMemoryChannels.class)
class PlanResourceTest {

  static String demo;
  static String demo2;
  static String athlete;
  static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);

  @Inject Pool pool;
  @Inject @Any InMemoryConnector connector;

  @BeforeAll
  static void tokens() {
    demo = Tokens.of("demo");
    demo2 = Tokens.of("demo2");
    athlete = Tokens.subject(demo);
  }

  static boolean cleared;

  /** Other suites (e2e) give these athletes plans in the same test database: start without any. */
  @org.junit.jupiter.api.BeforeEach
  void clearBothAthletesPlans() {
    if (!cleared) {
      for (String table : new String[] {"adaptation_log", "scheduled_workout", "training_plan", "day_readiness"}) {
        pool.preparedQuery("DELETE FROM " + table + " WHERE athlete_id IN ($1, $2)")
            .execute(io.vertx.mutiny.sqlclient.Tuple.of(athlete, Tokens.subject(demo2))).await().indefinitely();
      }
      cleared = true;
    }
  }

  static String planBody(String raceDate, String extra) {
    return "{\"raceDate\":\"" + raceDate + "\",\"distance\":\"HALF\",\"currentWeeklyKm\":30,"
        + "\"availableDays\":[\"TUESDAY\",\"WEDNESDAY\",\"THURSDAY\",\"SATURDAY\",\"SUNDAY\"],\"longRunDay\":\"SUNDAY\""
        + extra + "}";
  }

  JsonPath createPlan() {
    return given().auth().oauth2(demo).contentType("application/json")
        .body(planBody(TODAY.plusWeeks(16).toString(), ",\"goalTime\":\"1:45:00\""))
        .post("/plans").then().statusCode(201).extract().jsonPath();
  }

  List<Map<String, Object>> workouts(String token) {
    return given().auth().oauth2(token).get("/plans/current/workouts").then().statusCode(200).extract().jsonPath().getList("$");
  }

  long count(String sql) {
    return pool.preparedQuery(sql).execute(Tuple.of(athlete)).await().indefinitely().iterator().next().getLong(0);
  }

  static void eventually(String what, Supplier<Boolean> condition) {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
    while (!condition.get()) {
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("never happened: " + what);
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  static BodyStateComputed.Explanation why() {
    return new BodyStateComputed.Explanation("test", null, "test state", null, null, null);
  }

  String bodyState(UUID id, LocalDate date, Instant time, Status neural) {
    var state = new BodyStateComputed(athlete, date, new BodyStateComputed.Cardio(Status.GREEN, null, null, why()),
        new BodyStateComputed.Muscular(Status.GREEN, null, null, why()),
        new BodyStateComputed.Skeletal(Status.GREEN, null, null, why()),
        new BodyStateComputed.Neural(neural, null, null, why()),
        new BodyStateComputed.Overall(neural == Status.RED ? 20 : 80,
            neural == Status.RED ? BodyStateComputed.Directive.RECOVER : BodyStateComputed.Directive.PUSH, 1.0, "test"),
        "note", "test", List.of(UUID.randomUUID()));
    return EventCodec.encode(EventEnvelope.of(EventType.BODY_STATE_COMPUTED, "/readiness-service", athlete, id, time, state));
  }

  /** A consumer of the real plan-adapted topic, positioned at its end. */
  static KafkaConsumer<String, String> planAdaptedFromNow() {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9092");
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props);
    List<TopicPartition> partitions = new ArrayList<>();
    consumer.partitionsFor(Topics.PLAN_ADAPTED, Duration.ofSeconds(10))
        .forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
    consumer.assign(partitions);
    consumer.seekToEnd(partitions);
    partitions.forEach(consumer::position);
    return consumer;
  }

  String dayType(LocalDate date) {
    return given().auth().oauth2(demo).get("/days/" + date).then().extract().path("scheduledWorkout.type");
  }

  boolean processed(UUID eventId) {
    return pool.preparedQuery("SELECT count(*) FROM processed_event WHERE event_id = $1").execute(Tuple.of(eventId))
        .await().indefinitely().iterator().next().getLong(0) == 1;
  }

  @Test
  void aNewPlanHasItsPhasesAndOneWorkoutADayAndShowsOnTheDay() {
    JsonPath plan = createPlan();
    assertThat(plan.getList("phases.phase")).containsExactly("BASE", "BUILD", "PEAK", "TAPER");
    assertThat(plan.getString("goalTime")).isEqualTo("1:45:00");
    given().auth().oauth2(demo).get("/plans/current").then().statusCode(200).body("id", equalTo(plan.getString("id")));
    List<Map<String, Object>> all = workouts(demo);
    assertThat(all).hasSize(16 * 7);
    Map<String, Object> first = all.get(0);
    given().auth().oauth2(demo).get("/days/" + first.get("date")).then().statusCode(200)
        .body("scheduledWorkout.id", equalTo(first.get("id")));
    given().auth().oauth2(demo).get("/plans/current/workouts?from=" + TODAY.plusDays(7) + "&to=" + TODAY.plusDays(13))
        .then().statusCode(200).body("size()", equalTo(7));
    given().auth().oauth2(demo).get("/plan/today?date=" + first.get("date")).then().statusCode(200)
        .body("workouts.id", hasItem(first.get("id"))).body("planId", equalTo(plan.getString("id")))
        .body("adaptations.size()", equalTo(0));
    given().auth().oauth2(demo).get("/plan/today?date=" + TODAY.plusYears(2)).then().statusCode(200)
        .body("workouts.size()", equalTo(0));
  }

  record Bad(String name, String body, String field) {}

  @Test
  void badPlanRequestsGetAProblemNamingTheFieldAndStoreNothing() {
    String race = TODAY.plusWeeks(16).toString();
    List<Bad> cases = List.of(
        new Bad("race too soon", planBody(TODAY.plusWeeks(3).toString(), ""), "raceDate"),
        new Bad("unknown distance", planBody(race, "").replace("HALF", "ULTRA"), "distance"),
        new Bad("missing raceDate", planBody(race, "").replace("\"raceDate\":\"" + race + "\",", ""), "raceDate"),
        new Bad("no volume", planBody(race, "").replace("\"currentWeeklyKm\":30,", ""), "currentWeeklyKm"),
        new Bad("both volumes", planBody(race, ",\"currentWeeklyMinutes\":200"), "currentWeeklyKm"),
        new Bad("negative volume", planBody(race, "").replace(":30", ":-5"), "currentWeeklyKm"),
        new Bad("too little volume", planBody(race, "").replace(":30", ":3"), "currentWeeklyKm"),
        new Bad("long run on a day off", planBody(race, "").replace("\"longRunDay\":\"SUNDAY\"", "\"longRunDay\":\"MONDAY\""),
            "longRunDay"),
        new Bad("goal time garbage", planBody(race, ",\"goalTime\":\"fast\""), "goalTime"),
        new Bad("start in the past", planBody(race, ",\"startDate\":\"" + TODAY.minusDays(10) + "\""), "startDate"),
        new Bad("unknown field", planBody(race, ",\"athleteId\":\"someone\""), "athleteId"));
    long before = count("SELECT count(*) FROM training_plan WHERE athlete_id = $1");
    for (Bad c : cases) {
      var response = given().auth().oauth2(demo).contentType("application/json").body(c.body()).post("/plans").then();
      try {
        response.statusCode(400).contentType(startsWith("application/problem+json"))
            .body("errors.field", hasItem(c.field())).body("detail", notNullValue());
      } catch (AssertionError e) {
        throw new AssertionError("case '" + c.name() + "' got " + response.extract().asString(), e);
      }
    }
    assertThat(count("SELECT count(*) FROM training_plan WHERE athlete_id = $1")).isEqualTo(before);
  }

  @Test
  void aRedDayMovesTheKeyWorkoutAndALaterGreenStatePutsItBackBothLogged() {
    createPlan();
    Map<String, Object> key = workouts(demo).stream()
        .filter(w -> List.of("TEMPO", "INTERVALS").contains(w.get("type")) && !LocalDate.parse((String) w.get("date")).isBefore(TODAY.plusDays(7)))
        .findFirst().orElseThrow();
    LocalDate date = LocalDate.parse((String) key.get("date"));
    UUID red = UUID.randomUUID();
    Instant t0 = Instant.now();
    try (KafkaConsumer<String, String> planAdapted = planAdaptedFromNow()) {
      connector.source("body-state-computed").send(bodyState(red, date, t0, Status.RED));
      eventually("today becomes active recovery", () -> "RECOVERY".equals(dayType(date)));
      List<String> announced = new ArrayList<>();
      eventually("PlanAdapted is published", () -> {
        planAdapted.poll(Duration.ofMillis(200)).forEach(r -> announced.add(r.value()));
        return announced.stream().anyMatch(v -> v.contains(red.toString()));
      });
      var event = EventCodec.decode(announced.stream().filter(v -> v.contains(red.toString())).findFirst().orElseThrow(),
          EventType.PLAN_ADAPTED);
      assertThat(event.data().causedBy()).containsExactly(red);
      assertThat(event.data().changes()).extracting(PlanAdapted.Change::rule).contains("adapt.red.recovery");
    }
    List<Map<String, Object>> log = given().auth().oauth2(demo).get("/adaptations").then().statusCode(200)
        .extract().jsonPath().getList("findAll { it.causedBy == '" + red + "' }");
    assertThat(log).extracting(m -> m.get("rule")).contains("adapt.red.recovery");
    assertThat(log).extracting(m -> m.get("reason")).contains("Active recovery today due to CNS fatigue (neural Red).");
    assertThat(log).allSatisfy(m -> assertThat(m.get("actor")).isEqualTo("ENGINE"));

    // the day itself: today's session is the recovery, and the log says what happened to the key workout
    JsonPath today = given().auth().oauth2(demo).get("/plan/today?date=" + date).then().statusCode(200)
        .extract().jsonPath();
    assertThat(today.getString("workouts[0].type")).isEqualTo("RECOVERY");
    assertThat(today.getList("adaptations.rule")).contains("adapt.red.recovery", "adapt.red.move");
    assertThat(today.getList("adaptations.causedBy")).containsOnly(red.toString());
    assertThat(today.getList("adaptations.findAll { it.rule == 'adapt.red.move' }.workoutId"))
        .containsExactly(key.get("id"));

    // the same event again changes nothing; an older state of the day arriving late changes nothing
    long entries = count("SELECT count(*) FROM adaptation_log WHERE athlete_id = $1");
    connector.source("body-state-computed").send(bodyState(red, date, t0, Status.RED));
    UUID stale = UUID.randomUUID();
    connector.source("body-state-computed").send(bodyState(stale, date, t0.minusSeconds(60), Status.GREEN));
    eventually("the stale state is processed", () -> processed(stale));
    assertThat(count("SELECT count(*) FROM adaptation_log WHERE athlete_id = $1")).isEqualTo(entries);
    assertThat(dayType(date)).isEqualTo("RECOVERY");

    UUID green = UUID.randomUUID();
    connector.source("body-state-computed").send(bodyState(green, date, t0.plusSeconds(60), Status.GREEN));
    eventually("the key workout is back", () -> key.get("type").equals(dayType(date)));
    given().auth().oauth2(demo).get("/adaptations").then().statusCode(200)
        .body("findAll { it.causedBy == '" + green + "' }.rule", hasItem("adapt.undo"));
  }

  @Test
  void sicknessClearsTheNextThreeDaysAndStartsAGradedReturn() {
    createPlan();
    LocalDate start = TODAY.plusDays(14);
    UUID id = UUID.randomUUID();
    var event = new LifeEventReported(athlete, UUID.randomUUID(), LifeEventReported.LifeEventType.SICK, start, null, false, false);
    connector.source("life-event-reported").send(EventCodec.encode(
        EventEnvelope.of(EventType.LIFE_EVENT_REPORTED, "/ingestion-service/life-events", athlete, id, Instant.now(), event)));
    eventually("the life event is processed", () -> processed(id));
    List<Map<String, Object>> days = given().auth().oauth2(demo)
        .get("/plans/current/workouts?from=" + start + "&to=" + start.plusDays(13)).then().statusCode(200)
        .extract().jsonPath().getList("$");
    assertThat(days.subList(0, 3)).allSatisfy(w -> assertThat(w.get("type")).isEqualTo("REST"));
    assertThat(days).extracting(w -> w.get("type")).contains("RETURN_TO_RUN");
  }

  @Test
  void theAthleteSkipsMovesAndMarksDoneOnlyTheirOwnWorkouts() {
    createPlan();
    List<Map<String, Object>> all = workouts(demo);
    Map<String, Object> easy = all.stream().filter(w -> "EASY".equals(w.get("type"))).findFirst().orElseThrow();
    Map<String, Object> rest = all.stream().filter(w -> "REST".equals(w.get("type"))
        && LocalDate.parse((String) w.get("date")).isAfter(LocalDate.parse((String) easy.get("date")))).findFirst().orElseThrow();
    Map<String, Object> tempo = all.stream().filter(w -> "TEMPO".equals(w.get("type"))).findFirst().orElseThrow();
    String id = (String) easy.get("id");

    given().auth().oauth2(demo2).post("/workouts/" + id + "/skip").then().statusCode(404)
        .contentType(startsWith("application/problem+json"));
    given().auth().oauth2(demo2).contentType("application/json").body("{\"toDate\":\"" + rest.get("date") + "\"}")
        .post("/workouts/" + id + "/move").then().statusCode(404);
    given().auth().oauth2(demo).contentType("application/json").body("{\"toDate\":\"2020-01-01\"}")
        .post("/workouts/" + id + "/move").then().statusCode(400).body("errors.field", hasItem("toDate"));
    given().auth().oauth2(demo).contentType("application/json").body("{\"toDate\":\"soon\"}")
        .post("/workouts/" + id + "/move").then().statusCode(400).body("errors.field", hasItem("toDate"));
    given().auth().oauth2(demo).contentType("application/json").body("{\"toDate\":\"" + tempo.get("date") + "\"}")
        .post("/workouts/" + id + "/move").then().statusCode(409).body("errors.field", hasItem("toDate"));

    given().auth().oauth2(demo).contentType("application/json").body("{\"toDate\":\"" + rest.get("date") + "\"}")
        .post("/workouts/" + id + "/move").then().statusCode(200)
        .body("date", equalTo(rest.get("date"))).body("changedByAthlete", equalTo(true));
    given().auth().oauth2(demo).post("/workouts/" + id + "/done").then().statusCode(200).body("status", equalTo("DONE"));
    given().auth().oauth2(demo).post("/workouts/" + tempo.get("id") + "/skip").then().statusCode(200)
        .body("status", equalTo("SKIPPED"));
    given().auth().oauth2(demo).get("/adaptations").then().statusCode(200)
        .body("findAll { it.workoutId == '" + id + "' }.rule", hasItem("athlete.move"))
        .body("findAll { it.workoutId == '" + id + "' }.actor", hasItem("ATHLETE"));
  }

  @Test
  void withoutAPlanThereIsNothingToShow() {
    given().auth().oauth2(demo2).get("/plans/current").then().statusCode(404);
    given().auth().oauth2(demo2).get("/plan/today").then().statusCode(404)
        .contentType(startsWith("application/problem+json"));
    given().auth().oauth2(demo).get("/plan/today?date=tomorrow").then().statusCode(400)
        .body("errors.field", hasItem("date"));
    given().get("/plans/current").then().statusCode(401);
    given().auth().oauth2(demo).get("/adaptations?from=2026-13-01").then().statusCode(400)
        .body("errors.field", hasItem("from"));
  }
}
