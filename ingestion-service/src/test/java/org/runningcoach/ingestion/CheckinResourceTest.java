package org.runningcoach.ingestion;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@QuarkusTest
class CheckinResourceTest {

  static String demo;
  static String demo2;
  static final String TODAY = LocalDate.now(ZoneOffset.UTC).toString();

  @Inject Pool pool;

  @BeforeAll
  static void tokens() {
    demo = Tokens.of("demo");
    demo2 = Tokens.of("demo2");
  }

  String body(String date, String sleep, String soreness, String stress) {
    return "{\"date\":\"" + date + "\",\"sleepHours\":" + sleep + ",\"soreness\":" + soreness + ",\"stress\":" + stress + "}";
  }

  /** A check-in and its event are written in one transaction: no check-in row means no event either. */
  long storedCheckins() {
    return pool.query("SELECT count(*) FROM checkin").execute().await().indefinitely().iterator().next().getLong(0);
  }

  @Test
  void anAcceptedCheckinIsStoredAndTheLatestOneCountsForItsDate() {
    String eventId = given().auth().oauth2(demo).contentType("application/json")
        .body("{\"date\":\"" + TODAY + "\",\"sleepHours\":7.5,\"sleepQuality\":7,\"soreness\":3,\"sorenessArea\":\"calves\","
            + "\"stress\":4,\"fatigue\":5,\"mood\":6,\"lastSessionRpe\":6,\"notes\":\"felt fine\"}")
        .post("/checkins")
        .then().statusCode(202).body("eventId", notNullValue()).body("date", equalTo(TODAY))
        .extract().path("eventId");
    given().auth().oauth2(demo).contentType("application/json").body(body(TODAY, "4.5", "2", "3"))
        .post("/checkins").then().statusCode(202);

    given().auth().oauth2(demo).get("/checkins/" + TODAY)
        .then().statusCode(200).body("sleepHours", equalTo(4.5f)).body("soreness", equalTo(2));
    Long events = pool.preparedQuery("SELECT count(*) FROM checkin WHERE event_id = $1::uuid")
        .execute(Tuple.of(eventId)).await().indefinitely().iterator().next().getLong(0);
    assertThat(events).isEqualTo(1);
  }

  @Test
  void anotherAthleteCannotReadThisAthletesCheckin() {
    LocalDate day = LocalDate.now(ZoneOffset.UTC).minusDays(40);
    // The e2e suites may have given demo2 a check-in that day in the same test database.
    pool.preparedQuery("DELETE FROM checkin WHERE athlete_id = $1 AND local_date = $2")
        .execute(Tuple.of(Tokens.subject(demo2), day)).await().indefinitely();
    given().auth().oauth2(demo).contentType("application/json").body(body(day.toString(), "8", "2", "2"))
        .post("/checkins").then().statusCode(202);
    given().auth().oauth2(demo2).get("/checkins/" + day).then().statusCode(404);
    given().auth().oauth2(demo).get("/checkins/" + day).then().statusCode(200);
  }

  @Test
  void withoutAValidTokenNothingIsAccepted() {
    given().contentType("application/json").body(body(TODAY, "7", "2", "2")).post("/checkins").then().statusCode(401);
    given().auth().oauth2(demo + "x").contentType("application/json").body(body(TODAY, "7", "2", "2"))
        .post("/checkins").then().statusCode(401);
  }

  record BadCase(String name, String contentType, String body, int status, String field) {}

  @Test
  void badInputGetsAProblemNamingTheFieldAndStoresNothing() {
    String future = LocalDate.now(ZoneOffset.UTC).plusDays(3).toString();
    List<BadCase> cases = List.of(
        new BadCase("malformed JSON", "application/json", "{\"date\":\"" + TODAY + "\",", 400, null),
        new BadCase("not JSON at all", "application/json", "sleep well", 400, null),
        new BadCase("empty body", "application/json", "", 400, null),
        new BadCase("missing sleepHours", "application/json", "{\"date\":\"" + TODAY + "\",\"soreness\":3,\"stress\":3}", 400, "sleepHours"),
        new BadCase("missing date", "application/json", "{\"sleepHours\":7,\"soreness\":3,\"stress\":3}", 400, "date"),
        new BadCase("soreness 11", "application/json", body(TODAY, "7", "11", "3"), 400, "soreness"),
        new BadCase("soreness 0", "application/json", body(TODAY, "7", "0", "3"), 400, "soreness"),
        new BadCase("stress 11", "application/json", body(TODAY, "7", "3", "11"), 400, "stress"),
        new BadCase("sleep -2", "application/json", body(TODAY, "-2", "3", "3"), 400, "sleepHours"),
        new BadCase("sleep 30", "application/json", body(TODAY, "30", "3", "3"), 400, "sleepHours"),
        new BadCase("date 02/03/2026", "application/json", body("02/03/2026", "7", "3", "3"), 400, "date"),
        new BadCase("date in the future", "application/json", body(future, "7", "3", "3"), 400, "date"),
        new BadCase("soreness as text", "application/json", body(TODAY, "7", "\"3\"", "3"), 400, "soreness"),
        new BadCase("soreness 3.5", "application/json", body(TODAY, "7", "3.5", "3"), 400, "soreness"),
        new BadCase("sleepHours as text", "application/json", body(TODAY, "\"seven\"", "3", "3"), 400, "sleepHours"),
        new BadCase("unknown field", "application/json",
            "{\"date\":\"" + TODAY + "\",\"sleepHours\":7,\"soreness\":3,\"stress\":3,\"athleteId\":\"someone-else\"}", 400, "athleteId"),
        new BadCase("deeply nested", "application/json", "[".repeat(5000) + "]".repeat(5000), 400, null),
        new BadCase("wrong content type", "text/plain", body(TODAY, "7", "3", "3"), 415, null));

    long before = storedCheckins();
    for (BadCase c : cases) {
      try {
        var response = given().auth().oauth2(demo).contentType(c.contentType()).body(c.body())
            .post("/checkins").then();
        response.statusCode(c.status())
            .contentType(startsWith("application/problem+json"))
            .body("status", equalTo(c.status()))
            .body("detail", notNullValue());
        if (c.field() != null) {
          response.body("errors.field", hasItem(c.field()));
        }
      } catch (AssertionError e) {
        String answer = given().auth().oauth2(demo).contentType(c.contentType()).body(c.body())
            .post("/checkins").then().extract().asString();
        throw new AssertionError("case '" + c.name() + "' got " + answer + ": " + e.getMessage(), e);
      }
    }
    assertThat(storedCheckins()).as("check-ins after %d bad requests", cases.size()).isEqualTo(before);
  }
}
