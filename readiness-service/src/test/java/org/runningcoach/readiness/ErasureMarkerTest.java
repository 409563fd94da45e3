package org.runningcoach.readiness;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.runningcoach.events.EventCodec;
import org.runningcoach.events.EventEnvelope;
import org.runningcoach.events.EventType;
import org.runningcoach.events.HealthDataReceived;
import org.runningcoach.events.HealthDataReceived.DataSource;
import org.runningcoach.events.UserDataErased;
import org.runningcoach.support.erase.AthleteData;

/**
 * A check-in sent before the athlete erased their data but delivered after the erasure must not
 * bring their inputs back; one sent after the erasure (they keep using the app) is taken.
 */
@QuarkusTest
class ErasureMarkerTest {

  static final LocalDate DAY = LocalDate.of(2019, 6, 1);

  @Inject Pool pool;
  @Inject @Any InMemoryConnector connector;

  long count(String sql, Object value) {
    return pool.preparedQuery(sql).execute(Tuple.of(value)).await().indefinitely().iterator().next().getLong(0);
  }

  UUID checkin(String athlete, Instant sentAt) {
    UUID id = UUID.randomUUID();
    var data = HealthDataReceived.checkin(athlete, UUID.randomUUID(), DataSource.MANUAL, DAY, sentAt,
        new HealthDataReceived.Checkin(7, null, 3, 4, null, null, null));
    connector.source("health-data-received").send(
        EventCodec.encode(EventEnvelope.of(EventType.HEALTH_DATA_RECEIVED, "/test", athlete, id, sentAt, data)));
    return id;
  }

  static void await(BooleanSupplier condition) throws InterruptedException {
    for (int i = 0; i < 150 && !condition.getAsBoolean(); i++) {
      Thread.sleep(100);
    }
    assertThat(condition.getAsBoolean()).isTrue();
  }

  @Test
  void anEventInFlightAtTheErasureIsSkippedAndALaterOneIsTaken() throws InterruptedException {
    String athlete = "erase-marker-" + UUID.randomUUID();
    Instant erasedAt = Instant.now();
    try {
      connector.source("user-data-erased").send(EventCodec.encode(EventEnvelope.of(EventType.USER_DATA_ERASED, "/test",
          athlete, UUID.randomUUID(), erasedAt, new UserDataErased(athlete, erasedAt))));
      await(() -> count("SELECT count(*) FROM erased_athlete WHERE athlete_id_sha256 = $1", AthleteData.marker(athlete)) == 1);
      assertThat(count("SELECT count(*) FROM erased_athlete WHERE athlete_id_sha256 = $1", athlete))
          .as("the marker never holds the athlete id itself").isZero();

      UUID inFlight = checkin(athlete, erasedAt.minusSeconds(1));
      await(() -> count("SELECT count(*) FROM processed_event WHERE event_id = $1", inFlight) == 1);
      assertThat(count("SELECT count(*) FROM daily_input WHERE athlete_id = $1", athlete))
          .as("the check-in sent before the erasure is not stored").isZero();

      checkin(athlete, erasedAt.plusSeconds(1));
      await(() -> count("SELECT count(*) FROM daily_input WHERE athlete_id = $1", athlete) == 1);
    } finally {
      for (String table : new String[] {"daily_input", "body_state"}) {
        pool.preparedQuery("DELETE FROM " + table + " WHERE athlete_id = $1").execute(Tuple.of(athlete))
            .await().indefinitely();
      }
      pool.preparedQuery("DELETE FROM erased_athlete WHERE athlete_id_sha256 = $1").execute(Tuple.of(AthleteData.marker(athlete)))
          .await().indefinitely();
    }
  }
}
