package org.runningcoach.ingestion.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
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
import javax.xml.stream.XMLStreamException;
import org.junit.jupiter.api.Test;
import org.runningcoach.ingestion.domain.AppleSamples.Sample;

/**
 * Mutations of the two real export.xml files (test resources, see vendor/README.md): bit flips,
 * truncations, repeated and dropped chunks, splices of the two, and attribute values replaced by
 * what a damaged or foreign export could hold (letters for numbers, other date shapes, huge and
 * negative numbers, other units). A fixed number of inputs (-Dfuzz.iterations, default 400, seeded).
 * For each, the prolog check refuses or passes, the reader reads to the end or stops with an
 * XMLStreamException (the import's FAILED), and the samples it gave become readings: nothing
 * else may be thrown, since anything else would leave an import neither DONE nor FAILED.
 */
class AppleExportFuzzTest {

  static final String[] FILES = {"dogsheep-export-2019.xml", "jdecool-export-fr_FR-2019.xml"};
  static final String[] VALUES = {"x", "", "-1", "1e400", "NaN", "Infinity", "0,5", "１２", "9999999999999999999999",
      "2019-13-45 25:61:00 +0000", "2019-01-01T07:00:00Z", "2019-01-01 07:00:00", "2019-01-01 07:00:00 +2500",
      "HKCategoryValueSleepAnalysisAsleepREM", "ms", "count/min", "kJ", "mi", "\u0000", "&lt;", "]]>"};

  @Test
  void mutatedExportsAreReadOrRefusedNeverAnException() throws Exception {
    int iterations = Integer.getInteger("fuzz.iterations", 400);
    Random rnd = new Random(20261126L);
    List<byte[]> seeds = new ArrayList<>();
    for (String file : FILES) {
      try (InputStream in = getClass().getResourceAsStream("/vendor/" + file)) {
        seeds.add(in.readAllBytes());
      }
    }
    Map<String, String> crashes = new LinkedHashMap<>();
    int refused = 0;
    int failed = 0;
    int read = 0;
    int readings = 0;
    for (int i = 0; i < iterations; i++) {
      byte[] input = mutate(seeds, rnd);
      try {
        AppleExportReader.checkProlog(new ByteArrayInputStream(input));
      } catch (AppleExportReader.Refused e) {
        refused++;
        continue;
      } catch (Throwable t) {
        crashes.putIfAbsent(where(t), "prolog: " + t);
        continue;
      }
      List<Sample> samples = new ArrayList<>();
      try {
        AppleExportReader.read(new ByteArrayInputStream(input), new AppleExportReader.Sink() {
          @Override
          public void read() {}

          @Override
          public void sample(Sample sample) {
            samples.add(sample);
          }

          @Override
          public void skipped(String reason) {}
        });
        read++;
      } catch (XMLStreamException e) {
        failed++;
      } catch (Throwable t) {
        crashes.putIfAbsent(where(t), "read: " + t);
        continue;
      }
      try {
        readings += AppleSamples.readings(samples, "athlete", UUID.randomUUID(), Instant.now()).size();
      } catch (Throwable t) {
        crashes.putIfAbsent(where(t), "readings: " + t);
      }
    }
    System.out.printf("[fuzz] export.xml: %d mutated files from %d real ones: %d refused by the prolog check, %d read to "
        + "the end, %d stopped by a parse error, %d readings, %d distinct crashes%n", iterations, FILES.length, refused, read,
        failed, readings, crashes.size());
    crashes.forEach((k, v) -> System.out.println("[fuzz]   " + k + " — " + v));
    assertThat(crashes).as("mutated exports that threw something other than a refusal or a parse error").isEmpty();
  }

  static String where(Throwable t) {
    return t.getClass().getName() + " at " + (t.getStackTrace().length > 0 ? t.getStackTrace()[0] : "?");
  }

  static byte[] mutate(List<byte[]> seeds, Random rnd) throws IOException {
    byte[] b = seeds.get(rnd.nextInt(seeds.size())).clone();
    switch (rnd.nextInt(6)) {
      case 0 -> { // bit flips
        for (int k = 0, n = 1 + rnd.nextInt(8); k < n; k++) {
          b[rnd.nextInt(b.length)] ^= (byte) (1 << rnd.nextInt(8));
        }
      }
      case 1 -> b = Arrays.copyOf(b, rnd.nextInt(b.length)); // truncated
      case 2 -> { // a chunk repeated
        int from = rnd.nextInt(b.length);
        int len = Math.min(b.length - from, 1 + rnd.nextInt(400));
        byte[] out = Arrays.copyOf(b, b.length + len);
        System.arraycopy(b, from, out, from + len, b.length - from);
        b = out;
      }
      case 3 -> { // a chunk dropped
        int from = rnd.nextInt(b.length);
        int len = Math.min(b.length - from, 1 + rnd.nextInt(400));
        byte[] out = new byte[b.length - len];
        System.arraycopy(b, 0, out, 0, from);
        System.arraycopy(b, from + len, out, from, b.length - from - len);
        b = out;
      }
      case 4 -> { // the head of one file, the tail of the other
        byte[] other = seeds.get(rnd.nextInt(seeds.size()));
        int cut = rnd.nextInt(b.length);
        int otherCut = rnd.nextInt(other.length);
        byte[] out = Arrays.copyOf(b, cut + other.length - otherCut);
        System.arraycopy(other, otherCut, out, cut, other.length - otherCut);
        b = out;
      }
      default -> b = replaceAttributes(new String(b, StandardCharsets.UTF_8), rnd).getBytes(StandardCharsets.UTF_8);
    }
    return b;
  }

  /** A few attribute values (value, unit, dates, sleep values…) replaced by foreign or damaged ones. */
  static String replaceAttributes(String xml, Random rnd) {
    StringBuilder out = new StringBuilder(xml);
    for (int k = 0, n = 1 + rnd.nextInt(6); k < n; k++) {
      int at = out.indexOf("=\"", rnd.nextInt(out.length()));
      if (at < 0) {
        continue;
      }
      int end = out.indexOf("\"", at + 2);
      if (end < 0) {
        continue;
      }
      out.replace(at + 2, end, VALUES[rnd.nextInt(VALUES.length)]);
    }
    return out.toString();
  }
}
