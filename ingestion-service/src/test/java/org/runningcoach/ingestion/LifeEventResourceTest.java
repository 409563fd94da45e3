package org.runningcoach.ingestion;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@QuarkusTest
class LifeEventResourceTest {

  static String demo;
  static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);

  @Inject Pool pool;

  @BeforeAll
  static void tokens() {
    demo = Tokens.of("demo");
  }

  long stored() {
    return pool.query("SELECT count(*) FROM life_event").execute().await().indefinitely().iterator().next().getLong(0);
  }

  @Test
  void anAcceptedLifeEventIsStoredForTheTokensAthlete() {
    String id = given().auth().oauth2(demo).contentType("application/json")
        .body("{\"type\":\"SICK\",\"startDate\":\"" + TODAY + "\",\"belowNeckSymptoms\":true,\"fever\":false,"
            + "\"notes\":\"chest cold\"}")
        .post("/life-events")
        .then().statusCode(202).body("id", notNullValue()).body("eventId", notNullValue())
        .extract().path("id");
    Row row = pool.preparedQuery("SELECT * FROM life_event WHERE id = $1::uuid").execute(Tuple.of(id))
        .await().indefinitely().iterator().next();
    assertThat(row.getString("type")).isEqualTo("SICK");
    assertThat(row.getBoolean("below_neck_symptoms")).isTrue();
    assertThat(row.getString("athlete_id")).isNotBlank();
    given().auth().oauth2(demo).contentType("application/json")
        .body("{\"type\":\"TRAVEL\",\"startDate\":\"" + TODAY.plusDays(30) + "\",\"endDate\":\"" + TODAY.plusDays(35) + "\"}")
        .post("/life-events").then().statusCode(202);
  }

  @Test
  void withoutATokenNothingIsAccepted() {
    given().contentType("application/json").body("{\"type\":\"SICK\",\"startDate\":\"" + TODAY + "\"}")
        .post("/life-events").then().statusCode(401);
  }

  record BadCase(String name, String body, String field) {}

  @Test
  void badInputGetsAProblemNamingTheFieldAndStoresNothing() {
    List<BadCase> cases = List.of(
        new BadCase("malformed JSON", "{\"type\":", null),
        new BadCase("missing type", "{\"startDate\":\"" + TODAY + "\"}", "type"),
        new BadCase("unknown type", "{\"type\":\"HOLIDAY\",\"startDate\":\"" + TODAY + "\"}", "type"),
        new BadCase("missing startDate", "{\"type\":\"SICK\"}", "startDate"),
        new BadCase("bad date", "{\"type\":\"SICK\",\"startDate\":\"05/03/2026\"}", "startDate"),
        new BadCase("sick next week", "{\"type\":\"SICK\",\"startDate\":\"" + TODAY.plusDays(7) + "\"}", "startDate"),
        new BadCase("end before start", "{\"type\":\"INJURY\",\"startDate\":\"" + TODAY + "\",\"endDate\":\""
            + TODAY.minusDays(2) + "\"}", "endDate"),
        new BadCase("fever as text", "{\"type\":\"SICK\",\"startDate\":\"" + TODAY + "\",\"fever\":\"yes\"}", "fever"),
        new BadCase("unknown field", "{\"type\":\"SICK\",\"startDate\":\"" + TODAY + "\",\"athleteId\":\"x\"}", "athleteId"),
        new BadCase("notes too long", "{\"type\":\"SICK\",\"startDate\":\"" + TODAY + "\",\"notes\":\"" + "x".repeat(2001)
            + "\"}", "notes"));
    long before = stored();
    for (BadCase c : cases) {
      var response = given().auth().oauth2(demo).contentType("application/json").body(c.body()).post("/life-events").then();
      try {
        response.statusCode(400).contentType(startsWith("application/problem+json")).body("status", equalTo(400));
        if (c.field() != null) {
          response.body("errors.field", hasItem(c.field()));
        }
      } catch (AssertionError e) {
        throw new AssertionError("case '" + c.name() + "' got " + response.extract().asString(), e);
      }
    }
    assertThat(stored()).isEqualTo(before);
  }
}
