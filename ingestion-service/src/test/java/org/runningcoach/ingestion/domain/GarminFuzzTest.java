package org.runningcoach.ingestion.domain;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Mutation fuzzing of the Garmin push parser and the readings taken from it, seeded with the real
 * notification bodies in test resources: byte mutations (flips, truncations, chunks) and
 * structural ones (a value replaced by another JSON type, an extreme number, a deep nest, a
 * field removed), a fixed number of iterations per seed (-Dfuzz.iterations, default 300;
 * seeded). Allowed: a parse, or an IOException from parse (the resource answers 400); the
 * readings of a parsed summary must never throw (an odd field keeps the raw summary and emits
 * nothing). Jazzer did not resolve from the package index here, hence generated mutations.
 */
class GarminFuzzTest {

  static final List<String> SEEDS = List.of("openwearables-push-dailies.json", "openwearables-push-sleeps-minimal.json",
      "openwearables-push-hrv.json", "openwearables-push-activities.json", "openwearables-push-pulseox.json",
      "openwearables-deregistrations.json", "openwearables-userPermissionsChange-reduced.json");
  static final ObjectMapper JSON = new ObjectMapper();
  static final JsonNodeFactory F = JsonNodeFactory.instance;

  static byte[] resource(String name) throws IOException {
    try (InputStream in = GarminFuzzTest.class.getResourceAsStream("/vendor/" + name)) {
      return in.readAllBytes();
    }
  }

  static byte[] byteMutation(byte[] seed, Random rnd) {
    byte[] b = seed.clone();
    switch (rnd.nextInt(4)) {
      case 0 -> {
        for (int k = 0, n = 1 + rnd.nextInt(8); k < n; k++) {
          b[rnd.nextInt(b.length)] ^= (byte) (1 << rnd.nextInt(8));
        }
      }
      case 1 -> b = Arrays.copyOf(b, rnd.nextInt(b.length));
      case 2 -> {
        byte[] values = "{}[]\":,-0e9\\".getBytes(StandardCharsets.UTF_8);
        for (int k = 0, n = 1 + rnd.nextInt(4); k < n; k++) {
          b[rnd.nextInt(b.length)] = values[rnd.nextInt(values.length)];
        }
      }
      default -> {
        int from = rnd.nextInt(b.length);
        int len = Math.min(b.length - from, 1 + rnd.nextInt(32));
        byte[] c = new byte[b.length - len];
        System.arraycopy(b, 0, c, 0, from);
        System.arraycopy(b, from + len, c, from, b.length - from - len);
        b = c;
      }
    }
    return b;
  }

  static JsonNode oddValue(Random rnd) {
    return switch (rnd.nextInt(12)) {
      case 0 -> F.textNode("n/a");
      case 1 -> F.numberNode(-1);
      case 2 -> F.numberNode(Long.MAX_VALUE);
      case 3 -> F.numberNode(1e308);
      case 4 -> F.numberNode(-2147483649L);
      case 5 -> F.nullNode();
      case 6 -> F.booleanNode(true);
      case 7 -> F.arrayNode().add(1);
      case 8 -> F.objectNode().put("x", 1);
      case 9 -> F.textNode("2026-02-30");
      case 10 -> F.numberNode(0.5);
      default -> F.textNode("\u0000\ud800");
    };
  }

  /** A value somewhere in the tree replaced by one of another type or an extreme, or removed. */
  static byte[] structuralMutation(byte[] seed, Random rnd) throws IOException {
    JsonNode root = JSON.readTree(seed);
    List<JsonNode> containers = new ArrayList<>();
    collect(root, containers);
    for (int k = 0, n = 1 + rnd.nextInt(3); k < n; k++) {
      JsonNode target = containers.get(rnd.nextInt(containers.size()));
      if (target instanceof ObjectNode o && o.size() > 0) {
        List<String> names = new ArrayList<>();
        o.fieldNames().forEachRemaining(names::add);
        String name = names.get(rnd.nextInt(names.size()));
        if (rnd.nextInt(5) == 0) {
          o.remove(name);
        } else {
          o.set(name, oddValue(rnd));
        }
      } else if (target instanceof ArrayNode a && a.size() > 0) {
        a.set(rnd.nextInt(a.size()), oddValue(rnd));
      }
    }
    return JSON.writeValueAsBytes(root);
  }

  static void collect(JsonNode node, List<JsonNode> out) {
    if (node.isContainerNode()) {
      out.add(node);
      node.forEach(child -> collect(child, out));
    }
  }

  /** Found by the fuzzing below: an HRV summary starting at 2^63-1 seconds threw DateTimeException (a 500). */
  @Test
  void aSummaryWithATimeBeyondAnyClockIsKeptRawAndEmitsNothing() throws IOException {
    byte[] body = ("{\"hrv\":[{\"userId\":\"garmin_user_123\",\"summaryId\":\"x\",\"calendarDate\":\"2026-01-14\","
        + "\"lastNightAvg\":84,\"startTimeOffsetInSeconds\":3600,\"startTimeInSeconds\":9223372036854775807}]}")
        .getBytes(StandardCharsets.UTF_8);
    List<GarminNotification.Summary> summaries = GarminNotification.parse(body);
    assertThat(summaries).hasSize(1);
    assertThat(GarminReadings.of(summaries.get(0), "athlete", UUID.randomUUID(), Instant.now())).isEmpty();
  }

  /** jsonb cannot store U+0000: such a push is refused before the insert (it was a 500). */
  @Test
  void aPushHoldingANulCharacterIsRefused() {
    byte[] body = "{\"dailies\":[{\"userId\":\"u\",\"summaryId\":\"a\\u0000b\",\"calendarDate\":\"2026-01-14\"}]}"
        .getBytes(StandardCharsets.UTF_8);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> GarminNotification.parse(body))
        .isInstanceOf(GarminNotification.NotANotification.class).hasMessageContaining("U+0000");
  }

  @Test
  void mutatedRealPushesAreReadOrRefusedCleanlyNeverCrash() throws IOException {
    int iterations = Integer.getInteger("fuzz.iterations", 300);
    Random rnd = new Random(20261125L);
    Map<String, String> crashes = new LinkedHashMap<>();
    int parsed = 0;
    int total = 0;
    for (String name : SEEDS) {
      byte[] seed = resource(name);
      for (int i = 0; i < iterations; i++) {
        byte[] input = rnd.nextBoolean() ? byteMutation(seed, rnd) : structuralMutation(seed, rnd);
        total++;
        List<GarminNotification.Summary> summaries;
        try {
          summaries = GarminNotification.parse(input);
        } catch (IOException clean) {
          continue;
        } catch (Throwable t) {
          crashes.putIfAbsent(t.getClass().getName() + " in parse", new String(input, StandardCharsets.UTF_8));
          continue;
        }
        parsed++;
        for (GarminNotification.Summary s : summaries) {
          try {
            GarminReadings.of(s, "athlete", UUID.randomUUID(), Instant.now());
          } catch (Throwable t) {
            crashes.putIfAbsent(t.getClass().getName() + " in readings of " + s.type() + " at "
                + (t.getStackTrace().length > 0 ? t.getStackTrace()[0] : "?"), s.payload().toString());
          }
        }
      }
    }
    System.out.printf("[fuzz] Garmin pushes: %d mutated bodies from %d real ones, %d parsed, %d distinct crashes%n",
        total, SEEDS.size(), parsed, crashes.size());
    crashes.forEach((k, v) -> System.out.println("[fuzz]   " + k + " — input " + v.substring(0, Math.min(300, v.length()))));
    assertThat(crashes).as("inputs that crash the Garmin parser or its readings").isEmpty();
  }
}
