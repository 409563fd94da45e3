package org.runningcoach.ingestion;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.runningcoach.ingestion.service.CheckinService;
import org.runningcoach.ingestion.service.LifeEventService;
import org.runningcoach.support.crypto.Aead.UndecryptableException;
import org.runningcoach.support.crypto.DataKeys;

/**
 * Free text is sealed with the athlete's data key: the database holds no readable note, the
 * athlete reads it back, another athlete's key cannot open it, and after Delete My Data a copy
 * taken before (a backup) cannot be opened at all. The broker is unreachable (as in DeleteMeTest)
 * so the UserDataErased of demo2 never leaves the outbox.
 */
@QuarkusTest
@TestProfile(DeleteMeTest.BrokerUnreachable.class)
class SealedAtRestTest {

  static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);
  static final String NOTE = "left knee aches after the track session";

  @Inject Pool pool;
  @Inject DataKeys keys;

  Row latestCheckin(String athlete) {
    return pool.preparedQuery("SELECT * FROM checkin WHERE athlete_id = $1 ORDER BY received_at DESC LIMIT 1")
        .execute(Tuple.of(athlete)).await().indefinitely().iterator().next();
  }

  @Test
  void checkinNotesAreStoredSealedAndReadBackByTheAthleteOnly() {
    String demo = Tokens.of("demo");
    String athlete = DeleteMeTest.subjectOf(demo);
    given().auth().oauth2(demo).contentType("application/json")
        .body("{\"date\":\"" + TODAY + "\",\"sleepHours\":7,\"soreness\":6,\"sorenessArea\":\"left knee\",\"stress\":4,"
            + "\"notes\":\"" + NOTE + "\"}")
        .post("/checkins").then().statusCode(202);

    Row row = latestCheckin(athlete);
    assertThat(row.getString("notes")).isNull();
    assertThat(row.getString("soreness_area")).isNull();
    assertThat(new String(row.getBuffer("notes_sealed").getBytes(), StandardCharsets.ISO_8859_1)).doesNotContain("knee");
    assertThat(row.getInteger("soreness")).as("numbers stay queryable").isEqualTo(6);
    given().auth().oauth2(demo).get("/checkins/" + TODAY).then().statusCode(200)
        .body("notes", equalTo(NOTE)).body("sorenessArea", equalTo("left knee"));

    String other = DeleteMeTest.subjectOf(Tokens.of("demo2"));
    keys.forWriting(pool, other).await().indefinitely();
    byte[] sealed = row.getBuffer("notes_sealed").getBytes();
    assertThatThrownBy(() -> keys.forReading(pool, other).await().indefinitely()
        .open(CheckinService.TABLE + ".notes", row.getUUID("id"), sealed))
        .as("demo2's key does not open demo's note").isInstanceOf(UndecryptableException.class);
    assertThatThrownBy(() -> keys.forReading(pool, athlete).await().indefinitely()
        .open(CheckinService.TABLE + ".soreness_area", row.getUUID("id"), sealed))
        .as("a note moved into another column does not open").isInstanceOf(UndecryptableException.class);
  }

  @Test
  void afterDeleteMyDataASealedCopyTakenBeforeCannotBeOpened() {
    String demo2 = Tokens.of("demo2");
    String leaving = DeleteMeTest.subjectOf(demo2);
    given().auth().oauth2(demo2).contentType("application/json")
        .body("{\"type\":\"SICK\",\"startDate\":\"" + TODAY + "\",\"notes\":\"" + NOTE + "\"}")
        .post("/life-events").then().statusCode(202);
    Row backup = pool.preparedQuery("SELECT id, notes_sealed FROM life_event WHERE athlete_id = $1 ORDER BY received_at DESC LIMIT 1")
        .execute(Tuple.of(leaving)).await().indefinitely().iterator().next();
    byte[] copy = backup.getBuffer("notes_sealed").getBytes();
    assertThat(new String(keys.forReading(pool, leaving).await().indefinitely()
        .open(LifeEventService.NOTES, backup.getUUID("id"), copy), StandardCharsets.UTF_8)).isEqualTo(NOTE);

    try {
      given().auth().oauth2(demo2).delete("/me").then().statusCode(202);

      assertThat(pool.preparedQuery("SELECT count(*) FROM athlete_key WHERE athlete_id = $1").execute(Tuple.of(leaving))
          .await().indefinitely().iterator().next().getLong(0)).as("the data key is gone").isZero();
      assertThatThrownBy(() -> keys.forReading(pool, leaving).await().indefinitely()
          .open(LifeEventService.NOTES, backup.getUUID("id"), copy))
          .isInstanceOf(UndecryptableException.class);
    } finally {
      pool.preparedQuery("DELETE FROM outbox WHERE event_key = $1 AND topic = 'user-data-erased'")
          .execute(Tuple.of(leaving)).await().indefinitely();
    }
  }
}
