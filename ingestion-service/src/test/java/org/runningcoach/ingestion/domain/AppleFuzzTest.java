package org.runningcoach.ingestion.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.runningcoach.ingestion.domain.AppleSamples.Sample;
import org.runningcoach.ingestion.domain.AppleSamples.Stage;
import org.runningcoach.ingestion.domain.AppleSamples.Type;

/**
 * Generated HealthKit sample batches (what POST /webhooks/apple binds after its field checks:
 * type, start and end present): random types, stages, units and values, reversed, zero-length,
 * days-long and overlapping intervals, far-apart offsets, extreme values, a fixed number of
 * batches (-Dfuzz.iterations, default 300, seeded). Turning them into readings must never throw:
 * it runs inside the request's transaction, so an exception there is a 500. (The shared Health
 * Auto Export files are another format that this route does not take, so they are not seeds.)
 */
class AppleFuzzTest {

  static final String[] UNITS = {"ms", "s", "count/min", "bpm", "count/s", "Hz", "", " MS ", "furlongs", null};
  static final double[] VALUES = {0, -1, 1e-9, 35, 55, 120, 300, 1e6, 1e308, -1e308, Double.MIN_VALUE};
  static final int[] OFFSETS = {-12, -5, 0, 1, 5, 9, 14};

  static Sample sample(Random rnd) {
    Type type = Type.values()[rnd.nextInt(Type.values().length)];
    OffsetDateTime start = OffsetDateTime.of(2026, 1, 1 + rnd.nextInt(5), rnd.nextInt(24), rnd.nextInt(60), 0, 0,
        ZoneOffset.ofHours(OFFSETS[rnd.nextInt(OFFSETS.length)]));
    long seconds = switch (rnd.nextInt(6)) {
      case 0 -> 0;
      case 1 -> -3600 * (1 + rnd.nextInt(10)); // ends before it starts
      case 2 -> 86_400L * (1 + rnd.nextInt(400)); // days to a year long
      default -> 60L * (1 + rnd.nextInt(600));
    };
    OffsetDateTime end = start.plusSeconds(seconds).withOffsetSameInstant(ZoneOffset.ofHours(OFFSETS[rnd.nextInt(OFFSETS.length)]));
    if (rnd.nextInt(40) == 0) {
      end = OffsetDateTime.MAX;
    }
    Double value = rnd.nextInt(8) == 0 ? null : VALUES[rnd.nextInt(VALUES.length)];
    Stage stage = rnd.nextInt(4) == 0 ? null : Stage.values()[rnd.nextInt(Stage.values().length)];
    return new Sample(type, start, end, value, UNITS[rnd.nextInt(UNITS.length)], stage,
        rnd.nextBoolean() ? "Watch" : rnd.nextBoolean() ? "iPhone" : null);
  }

  @Test
  void generatedSampleBatchesBecomeReadingsNeverAnException() {
    int iterations = Integer.getInteger("fuzz.iterations", 300);
    Random rnd = new Random(20261125L);
    Map<String, String> crashes = new LinkedHashMap<>();
    int readings = 0;
    for (int i = 0; i < iterations; i++) {
      List<Sample> batch = new ArrayList<>();
      for (int k = 0, n = 1 + rnd.nextInt(40); k < n; k++) {
        batch.add(sample(rnd));
      }
      try {
        readings += AppleSamples.readings(batch, "athlete", UUID.randomUUID(), Instant.now()).size();
      } catch (Throwable t) {
        crashes.putIfAbsent(t.getClass().getName() + " at " + (t.getStackTrace().length > 0 ? t.getStackTrace()[0] : "?"),
            t.getMessage() + " — batch " + batch);
      }
    }
    System.out.printf("[fuzz] Apple samples: %d generated batches, %d readings, %d distinct crashes%n",
        iterations, readings, crashes.size());
    crashes.forEach((k, v) -> System.out.println("[fuzz]   " + k + " — " + v.substring(0, Math.min(600, v.length()))));
    assertThat(crashes).as("batches whose readings threw").isEmpty();
  }
}
