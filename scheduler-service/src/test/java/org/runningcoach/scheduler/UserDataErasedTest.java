package org.runningcoach.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
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
@QuarkusTestResource(InMemoryChannels.class)
class UserDataErasedTest {

  @Inject Pool pool;
  @Inject @Any InMemoryConnector connector;

  void store(String athlete) {
    UUID plan = UUID.randomUUID();
    UUID workout = UUID.randomUUID();
    pool.preparedQuery("INSERT INTO training_plan (id, athlete_id, race_date, distance, weekly_volume, volume_unit, "
        + "available_days, long_run_day, start_date, weeks, created_at) VALUES ($1, $2, DATE '2026-06-01', 'HALF', 30, "
        + "'KM', 'MON,WED,SAT', 'SAT', DATE '2026-03-02', '[]'::jsonb, now())")
        .execute(Tuple.of(plan, athlete)).await().indefinitely();
    pool.preparedQuery("INSERT INTO scheduled_workout (id, plan_id, athlete_id, local_date, phase, type, duration_min) "
        + "VALUES ($1, $2, $3, DATE '2026-03-04', 'BASE', 'EASY', 40)")
        .execute(Tuple.of(workout, plan, athlete)).await().indefinitely();
    pool.preparedQuery("INSERT INTO adaptation_log (id, athlete_id, plan_id, workout_id, workout_date, before_text, "
        + "after_text, before_state, after_state, rule, reason, actor, created_at) VALUES ($1, $2, $3, $4, "
        + "DATE '2026-03-04', 'Easy 40 min', 'Rest', '{}'::jsonb, '{}'::jsonb, 'RED_REST', 'CNS fatigue', 'ENGINE', now())")
        .execute(Tuple.of(UUID.randomUUID(), athlete, plan, workout)).await().indefinitely();
    pool.preparedQuery("INSERT INTO plan_input (plan_id, seq, athlete_id, kind, input, received_at) VALUES ($1, 1, $2, "
        + "'SKIP', '{}'::jsonb, now())")
        .execute(Tuple.of(plan, athlete)).await().indefinitely();
    pool.preparedQuery("INSERT INTO day_readiness (athlete_id, local_date, directive, statuses, body_state_event_id, "
        + "computed_at) VALUES ($1, DATE '2026-03-04', 'RECOVER', '{}'::jsonb, $2, now())")
        .execute(Tuple.of(athlete, UUID.randomUUID())).await().indefinitely();
  }

  Map<String, Long> rowsOf(String athlete) {
    Map<String, Long> counts = new LinkedHashMap<>();
    for (String table : new String[] {"training_plan", "scheduled_workout", "adaptation_log", "plan_input", "day_readiness"}) {
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
  void anErasedAthletesPlansWorkoutsAndAdaptationLogAreGoneAndOthersStay() throws InterruptedException {
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
