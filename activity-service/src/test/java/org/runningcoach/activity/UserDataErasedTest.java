package org.runningcoach.activity;

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
    UUID activity = UUID.randomUUID();
    pool.preparedQuery("INSERT INTO activity (id, athlete_id, source, format, sport, start_time, local_date, "
        + "elapsed_seconds, moving_seconds, timer_seconds, impact_load, sample_count, received_at, event_id) "
        + "VALUES ($1, $2, 'MANUAL', 'JSON', 'running', now(), DATE '2026-03-02', 1800, 1800, 1800, 10, 1, now(), $3)")
        .execute(Tuple.of(activity, athlete, UUID.randomUUID())).await().indefinitely();
    pool.preparedQuery("INSERT INTO activity_sample (activity_id, athlete_id, t, hr) VALUES ($1, $2, now(), 150)")
        .execute(Tuple.of(activity, athlete)).await().indefinitely();
    pool.preparedQuery("INSERT INTO activity_duplicate (id, athlete_id, kept_activity_id, reason, source, format, "
        + "start_time, elapsed_seconds, received_at) VALUES ($1, $2, $3, 'SAME_RUN', 'MANUAL', 'JSON', now(), 1800, now())")
        .execute(Tuple.of(UUID.randomUUID(), athlete, activity)).await().indefinitely();
  }

  Map<String, Long> rowsOf(String athlete) {
    Map<String, Long> counts = new LinkedHashMap<>();
    for (String table : new String[] {"activity", "activity_sample", "activity_duplicate"}) {
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
  void anErasedAthletesActivitiesAndSampleStreamsAreGoneAndOthersStay() throws InterruptedException {
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
