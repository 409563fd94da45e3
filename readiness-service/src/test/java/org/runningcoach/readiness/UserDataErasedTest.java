package org.runningcoach.readiness;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.runningcoach.events.EventCodec;
import org.runningcoach.events.EventEnvelope;
import org.runningcoach.events.EventType;
import org.runningcoach.events.UserDataErased;

@QuarkusTest
class UserDataErasedTest {

  @Inject Pool pool;
  @Inject @Any InMemoryConnector connector;

  void store(String athlete) {
    Tuple key = Tuple.of(athlete, UUID.randomUUID());
    pool.preparedQuery("INSERT INTO body_state (athlete_id, local_date, state, event_id, computed_at) "
        + "VALUES ($1, DATE '2026-03-02', '{}'::jsonb, $2, now())").execute(key).await().indefinitely();
    pool.preparedQuery("INSERT INTO daily_input (athlete_id, local_date, kind, source_key, source, payload, recorded_at, event_id) "
        + "VALUES ($1, DATE '2026-03-02', 'CHECKIN', 'CHECKIN', 'MANUAL', '{\"sleepHours\":7}'::jsonb, now(), $2)")
        .execute(key).await().indefinitely();
    pool.preparedQuery("INSERT INTO life_event (athlete_id, life_event_id, type, start_date, event_id) "
        + "VALUES ($1, $2, 'SICK', DATE '2026-03-01', $2)").execute(key).await().indefinitely();
    pool.preparedQuery("INSERT INTO athlete_profile (athlete_id, resting_hr, updated_at) VALUES ($1, 48, now())")
        .execute(Tuple.of(athlete)).await().indefinitely();
  }

  Map<String, Long> rowsOf(String athlete) {
    Map<String, Long> counts = new LinkedHashMap<>();
    for (String table : new String[] {"body_state", "daily_input", "life_event", "athlete_profile"}) {
      counts.put(table, pool.preparedQuery("SELECT count(*) FROM " + table + " WHERE athlete_id = $1")
          .execute(Tuple.of(athlete)).await().indefinitely().iterator().next().getLong(0));
    }
    return counts;
  }

  static String erased(String athlete) {
    return EventCodec.encode(EventEnvelope.of(EventType.USER_DATA_ERASED, "/test", athlete, UUID.randomUUID(),
        Instant.now(), new UserDataErased(athlete, Instant.now())));
  }

  @Test
  void anErasedAthletesProfileInputsAndBodyStatesAreGoneAndOthersStay() throws InterruptedException {
    String leaving = "erase-test-" + UUID.randomUUID();
    String staying = "erase-test-" + UUID.randomUUID();
    store(leaving);
    store(staying);
    try {
      connector.source("user-data-erased").send(erased(leaving));
      for (int i = 0; i < 100 && rowsOf(leaving).values().stream().anyMatch(n -> n > 0); i++) {
        Thread.sleep(100);
      }
      assertThat(rowsOf(leaving)).allSatisfy((table, n) -> assertThat(n).as(table).isZero());
      assertThat(rowsOf(staying)).allSatisfy((table, n) -> assertThat(n).as(table).isEqualTo(1));
    } finally {
      connector.source("user-data-erased").send(erased(staying));
    }
  }
}
