package org.runningcoach.ingestion;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.runningcoach.events.EventCodec;
import org.runningcoach.events.EventType;
import org.runningcoach.events.UserDataErased;

/**
 * DELETE /me against the real database. The outbox relay is pointed at a port where no broker
 * listens, so the UserDataErased event stays in the outbox where the test can read it, and the
 * test removes it afterwards: published, it would erase demo2 in every system sharing the broker.
 */
@QuarkusTest
@TestProfile(DeleteMeTest.BrokerUnreachable.class)
class DeleteMeTest {

  public static class BrokerUnreachable implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("kafka.bootstrap.servers", "127.0.0.1:1");
    }
  }

  static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);

  @Inject Pool pool;

  static String subjectOf(String token) {
    String payload = new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8);
    return EventCodec.tree(payload).get("sub").asText();
  }

  long rows(String table, String athlete) {
    return pool.preparedQuery("SELECT count(*) FROM " + table + " WHERE athlete_id = $1").execute(Tuple.of(athlete))
        .await().indefinitely().iterator().next().getLong(0);
  }

  static void checkin(String token) {
    given().auth().oauth2(token).contentType("application/json")
        .body("{\"date\":\"" + TODAY + "\",\"sleepHours\":7,\"soreness\":3,\"stress\":4}")
        .post("/checkins").then().statusCode(202);
  }

  @Test
  void deleteMeErasesOnlyTheCallersRowsAndQueuesUserDataErased() {
    String demo = Tokens.of("demo");
    String demo2 = Tokens.of("demo2");
    String leaving = subjectOf(demo2);
    String staying = subjectOf(demo);
    checkin(demo);
    checkin(demo2);
    given().auth().oauth2(demo2).contentType("application/json")
        .body("{\"type\":\"SICK\",\"startDate\":\"" + TODAY + "\",\"notes\":\"head cold\"}")
        .post("/life-events").then().statusCode(202);
    String eventId = null;
    try {
      eventId = given().auth().oauth2(demo2).delete("/me")
          .then().statusCode(202).body("eventId", notNullValue()).extract().path("eventId");

      assertThat(rows("checkin", leaving)).isZero();
      assertThat(rows("life_event", leaving)).isZero();
      given().auth().oauth2(demo2).get("/checkins/" + TODAY).then().statusCode(404);
      assertThat(rows("checkin", staying)).isPositive();
      given().auth().oauth2(demo).get("/checkins/" + TODAY).then().statusCode(200);

      RowSet<Row> queued = pool.preparedQuery("SELECT topic, event_key, payload FROM outbox WHERE event_id = $1::uuid")
          .execute(Tuple.of(eventId)).await().indefinitely();
      assertThat(queued.size()).isEqualTo(1);
      Row row = queued.iterator().next();
      assertThat(row.getString("topic")).isEqualTo("user-data-erased");
      assertThat(row.getString("event_key")).isEqualTo(leaving);
      UserDataErased erased = EventCodec.decode(row.getString("payload"), EventType.USER_DATA_ERASED).data();
      assertThat(erased.athleteId()).isEqualTo(leaving);
      // Nothing else of demo2 is left waiting to be published.
      assertThat(pool.preparedQuery("SELECT count(*) FROM outbox WHERE event_key = $1").execute(Tuple.of(leaving))
          .await().indefinitely().iterator().next().getLong(0)).isEqualTo(1);
    } finally {
      pool.preparedQuery("DELETE FROM outbox WHERE event_key = $1 AND topic = 'user-data-erased'")
          .execute(Tuple.of(leaving)).await().indefinitely();
    }
  }

  @Test
  void withoutATokenNothingIsErased() {
    given().delete("/me").then().statusCode(401);
  }
}
