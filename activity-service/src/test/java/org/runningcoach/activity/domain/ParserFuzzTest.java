package org.runningcoach.activity.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Mutation fuzzing of the workout parsers with the real files in test resources as seeds: bit
 * flips, interesting byte values, truncations, deleted, duplicated and inserted chunks, and splices
 * of two files, a fixed number of iterations per seed (-Dfuzz.iterations, default 300; seeded, so a
 * failure repeats). The whole pipeline a upload runs is exercised (parse, metrics, loads), and the
 * only outcomes allowed are a parse or InvalidActivityFile (a 400 naming the file); anything else
 * would be a 500. Jazzer (com.code-intelligence:jazzer-junit) was not available from the package
 * index here, hence generated mutations rather than coverage guidance. Failing inputs are written
 * to target/fuzz-crashes for a regression test.
 */
class ParserFuzzTest {

  static final List<String> SEEDS = List.of("fitparse_fenix5-run-short-with-rr.fit", "fitparse_fr70-run-footpod-compressed-ts.fit",
      "fitparse_fr110-run-2013-02-06.fit", "fitparse_stryd-run-developer-fields.fit", "tcxparser_fr410-run-2012-12-26.tcx",
      "apple-health-route-2019-06-11.gpx");

  static byte[] resource(String name) throws IOException {
    try (InputStream in = ParserFuzzTest.class.getResourceAsStream("/activities/" + name)) {
      return in.readAllBytes();
    }
  }

  /** One mutation of {@code seed}, sometimes spliced with {@code other}. */
  static byte[] mutate(byte[] seed, byte[] other, Random rnd) {
    byte[] b = seed.clone();
    int rounds = 1 + rnd.nextInt(2);
    for (int r = 0; r < rounds && b.length > 2; r++) {
      switch (rnd.nextInt(8)) {
        case 0 -> { // bit flips
          for (int k = 0, n = 1 + rnd.nextInt(16); k < n; k++) {
            int at = rnd.nextInt(b.length);
            b[at] ^= (byte) (1 << rnd.nextInt(8));
          }
        }
        case 1 -> { // interesting values
          byte[] values = {0, (byte) 0xFF, 0x7F, (byte) 0x80, 1, (byte) 0xFE, '<', '>', '&', '"'};
          for (int k = 0, n = 1 + rnd.nextInt(8); k < n; k++) {
            b[rnd.nextInt(b.length)] = values[rnd.nextInt(values.length)];
          }
        }
        case 2 -> b = Arrays.copyOf(b, 1 + rnd.nextInt(b.length - 1)); // truncate
        case 3 -> { // delete a chunk
          int from = rnd.nextInt(b.length);
          int len = Math.min(b.length - from, 1 + rnd.nextInt(64));
          byte[] c = new byte[b.length - len];
          System.arraycopy(b, 0, c, 0, from);
          System.arraycopy(b, from + len, c, from, b.length - from - len);
          b = c;
        }
        case 4 -> { // duplicate a chunk
          int from = rnd.nextInt(b.length);
          int len = Math.min(b.length - from, 1 + rnd.nextInt(256));
          byte[] c = new byte[b.length + len];
          System.arraycopy(b, 0, c, 0, from + len);
          System.arraycopy(b, from, c, from + len, b.length - from);
          b = c;
        }
        case 5 -> { // insert random bytes
          int at = rnd.nextInt(b.length);
          byte[] noise = new byte[1 + rnd.nextInt(32)];
          rnd.nextBytes(noise);
          byte[] c = new byte[b.length + noise.length];
          System.arraycopy(b, 0, c, 0, at);
          System.arraycopy(noise, 0, c, at, noise.length);
          System.arraycopy(b, at, c, at + noise.length, b.length - at);
          b = c;
        }
        case 6 -> { // splice: the head of this file, the tail of another
          int cut = rnd.nextInt(b.length);
          int otherCut = rnd.nextInt(other.length);
          byte[] c = Arrays.copyOf(b, cut + other.length - otherCut);
          System.arraycopy(other, otherCut, c, cut, other.length - otherCut);
          b = c;
        }
        default -> { // overwrite a 2- or 4-byte field with an extreme number
          int at = rnd.nextInt(Math.max(1, b.length - 4));
          int width = rnd.nextBoolean() ? 2 : 4;
          for (int k = 0; k < width && at + k < b.length; k++) {
            b[at + k] = rnd.nextBoolean() ? (byte) 0xFF : 0;
          }
        }
      }
    }
    return b;
  }

  /** A FIT file's trailing CRC-16 recomputed (and the header's CRC zeroed, "not set"), so the damage is read, not refused. */
  static byte[] withValidCrc(byte[] b) {
    if (b.length < 16 || b[0] != 14) {
      return b;
    }
    byte[] c = b.clone();
    c[12] = 0;
    c[13] = 0;
    int dataSize = c.length - 16;
    c[4] = (byte) dataSize;
    c[5] = (byte) (dataSize >> 8);
    c[6] = (byte) (dataSize >> 16);
    c[7] = (byte) (dataSize >> 24);
    int crc = 0;
    for (int i = 0; i < c.length - 2; i++) {
      crc = com.garmin.fit.CRC.get16(crc, c[i]);
    }
    c[c.length - 2] = (byte) crc;
    c[c.length - 1] = (byte) (crc >> 8);
    return c;
  }

  /** The upload pipeline; returns the unexpected failure, or null for a parse or a clean rejection. */
  static Throwable run(byte[] input) {
    try {
      ParsedActivity parsed = ActivityFiles.parse(input);
      Metrics m = MetricsCalculator.compute(parsed);
      LoadCalculator.compute(parsed, m, 5);
      return null;
    } catch (InvalidActivityFile clean) {
      return null;
    } catch (Throwable t) {
      return t;
    }
  }

  @Test
  void mutatedRealFilesAreParsedOrRejectedCleanlyNeverCrashTheUpload() throws IOException {
    int iterations = Integer.getInteger("fuzz.iterations", 300);
    Map<String, byte[]> seeds = new LinkedHashMap<>();
    for (String s : SEEDS) {
      seeds.put(s, resource(s));
    }
    List<byte[]> all = new ArrayList<>(seeds.values());
    Random rnd = new Random(20261125L);
    Map<String, String> crashes = new LinkedHashMap<>();
    Path out = Path.of("target/fuzz-crashes");
    int parsed = 0;
    int total = 0;
    for (var seed : seeds.entrySet()) {
      for (int i = 0; i < iterations; i++) {
        byte[] input = mutate(seed.getValue(), all.get(rnd.nextInt(all.size())), rnd);
        if (seed.getKey().endsWith(".fit") && rnd.nextBoolean()) {
          input = withValidCrc(input); // past the integrity check, into the decoder and our code
        }
        total++;
        Throwable t = run(input);
        if (t != null) {
          String kind = t.getClass().getName() + " at " + (t.getStackTrace().length > 0 ? t.getStackTrace()[0] : "?");
          if (!crashes.containsKey(kind)) {
            Files.createDirectories(out);
            Path file = out.resolve(seed.getKey() + "-" + i + ".bin");
            Files.write(file, input);
            crashes.put(kind, file + ": " + t);
          }
        } else if (parsesCleanly(input)) {
          parsed++;
        }
      }
    }
    System.out.printf("[fuzz] activity parsers: %d mutated inputs from %d real files, %d still parsed, %d distinct crashes%n",
        total, seeds.size(), parsed, crashes.size());
    crashes.forEach((k, v) -> System.out.println("[fuzz]   " + k + " — " + v));
    assertThat(crashes).as("inputs that neither parse nor are rejected as InvalidActivityFile").isEmpty();
  }

  private static boolean parsesCleanly(byte[] input) {
    try {
      ActivityFiles.parse(input);
      return true;
    } catch (RuntimeException e) {
      return false;
    }
  }
}
