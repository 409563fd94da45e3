package org.runningcoach.ingestion;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/**
 * SQL and JSON injection strings in text fields are data: stored verbatim (sealed) and read back
 * unchanged, never executed; JSON that tries to smuggle fields in is refused.
 */
@QuarkusTest
class InjectionTest {

  static final String SQL = "x'); DROP TABLE checkin; --";
  static final String JSON = "\"},\"athleteId\":\"someone-else\",\"x\":{\"$where\":\"1==1\"}";

  @Inject Pool pool;

  long checkins() {
    return pool.query("SELECT count(*) FROM checkin").execute().await().indefinitely().iterator().next().getLong(0);
  }

  @Test
  void injectionStringsInTextFieldsAreStoredVerbatimAndNeverExecuted() {
    String demo = Tokens.of("demo");
    LocalDate day = LocalDate.now(ZoneOffset.UTC).minusDays(3);
    long before = checkins();
    JsonObject body = new JsonObject().put("date", day.toString()).put("sleepHours", 7).put("soreness", 3).put("stress", 4)
        .put("sorenessArea", SQL.substring(0, 20)).put("notes", SQL + " " + JSON);
    given().auth().oauth2(demo).contentType("application/json").body(body.encode()).post("/checkins").then().statusCode(202);

    assertThat(checkins()).as("the table is still there, one row more").isEqualTo(before + 1);
    given().auth().oauth2(demo).get("/checkins/" + day).then().statusCode(200)
        .body("notes", equalTo(SQL + " " + JSON)).body("sorenessArea", equalTo(SQL.substring(0, 20)));
  }

  @Test
  void aBodyThatSmugglesAnotherAthleteOrADuplicateKeyIsRefused() {
    String demo = Tokens.of("demo");
    String day = LocalDate.now(ZoneOffset.UTC).minusDays(3).toString();
    given().auth().oauth2(demo).contentType("application/json")
        .body("{\"date\":\"" + day + "\",\"sleepHours\":7,\"soreness\":3,\"stress\":4,\"athleteId\":\"someone-else\"}")
        .post("/checkins").then().statusCode(400).contentType(startsWith("application/problem+json"));
    given().auth().oauth2(demo).contentType("application/json")
        .body("{\"date\":\"" + day + "\",\"sleepHours\":7,\"soreness\":3,\"stress\":4,\"stress\":9}")
        .post("/checkins").then().statusCode(400).contentType(startsWith("application/problem+json"));
  }
}
