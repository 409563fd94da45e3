package org.runningcoach.benchmarks;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamReader;
import org.runningcoach.ingestion.domain.AppleExportReader;
import org.runningcoach.ingestion.domain.AppleSamples.Sample;

/**
 * The Apple Health export.xml import, measured on a generated export of realistic shape (a day of
 * an Apple Watch wearer: heart rate every ~6 minutes, steps, a few HRV readings, resting HR,
 * a night of staged sleep from the watch overlapped by a second sleep app, a workout every other
 * day), in one run beside two baselines on the same file:
 * <ol>
 *   <li>raw: a plain StAX read of every element and its attributes, nothing kept;</li>
 *   <li>reader: {@link AppleExportReader} mapping records to samples, nothing stored;</li>
 *   <li>import: the file POSTed to a running ingestion-service ({@code POST /imports/apple-health}),
 *       timed until {@code GET /imports/{id}} says DONE (validation pass, samples stored in
 *       batches, every day recomputed and announced through the outbox), with the service's
 *       RSS and heap sampled before, during (peak) and after;</li>
 *   <li>re-import: the same export with one byte changed in a comment, so it is read and every
 *       day recomputed again, and nothing is announced.</li>
 * </ol>
 * Arguments: records (default 1,000,000), ingestion base URL, bearer token, service pid.
 * {@code make bench-import} starts the service, fetches the token and passes them.
 */
public final class AppleImportBenchmark {

  private static final DateTimeFormatter APPLE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss Z");

  private AppleImportBenchmark() {}

  public static void main(String[] args) throws Exception {
    long records = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000;
    String base = args.length > 1 ? args[1] : null;
    String token = args.length > 2 ? args[2] : null;
    long pid = args.length > 3 ? Long.parseLong(args[3]) : -1;

    Path file = Files.createTempFile("bench-export-", ".xml");
    long t0 = System.nanoTime();
    long written = generate(file, records, "first");
    double genSeconds = (System.nanoTime() - t0) / 1e9;
    System.out.printf("generated %,d records, %,d bytes (%.0f MB) in %.1f s%n", written, Files.size(file),
        Files.size(file) / 1e6, genSeconds);

    // Warm both in-process readers once on the file, then measure.
    rawStax(file);
    reader(file);
    long[] raw = time(() -> rawStax(file));
    long[] mapped = time(() -> reader(file));
    System.out.printf("raw StAX read:            %,10.0f records/s (%.1f s)%n", raw[0] / (raw[1] / 1e9), raw[1] / 1e9);
    System.out.printf("AppleExportReader only:   %,10.0f records/s (%.1f s) = %.2f of raw%n", mapped[0] / (mapped[1] / 1e9),
        mapped[1] / 1e9, (mapped[0] / (mapped[1] / 1e9)) / (raw[0] / (raw[1] / 1e9)));

    if (base != null && token != null) {
      double rawRate = raw[0] / (raw[1] / 1e9);
      importThroughService(base, token, pid, file, written, rawRate, "import");
      Path changed = Files.createTempFile("bench-export-", ".xml");
      generate(changed, records, "second");
      importThroughService(base, token, pid, changed, written, rawRate, "re-import (same data, other bytes)");
      Files.deleteIfExists(changed);
    }
    Files.deleteIfExists(file);
  }

  private interface Run {
    long run() throws Exception;
  }

  /** {records, nanoseconds}. */
  private static long[] time(Run run) throws Exception {
    long start = System.nanoTime();
    long n = run.run();
    return new long[] {n, System.nanoTime() - start};
  }

  /** The baseline: every top-level element read with its attributes, nothing mapped or kept. */
  static long rawStax(Path file) throws Exception {
    XMLInputFactory factory = AppleExportReader.factory();
    long n = 0;
    long chars = 0;
    try (InputStream in = Files.newInputStream(file)) {
      XMLStreamReader xml = factory.createXMLStreamReader(in);
      int depth = 0;
      while (xml.hasNext()) {
        int event = xml.next();
        if (event == XMLStreamConstants.START_ELEMENT) {
          depth++;
          if (depth == 2) {
            n++;
          }
          for (int i = 0; i < xml.getAttributeCount(); i++) {
            chars += xml.getAttributeValue(i).length();
          }
        } else if (event == XMLStreamConstants.END_ELEMENT) {
          depth--;
        }
      }
      xml.close();
    }
    return chars < 0 ? -1 : n - 2; // ExportDate and Me are not records
  }

  static long reader(Path file) throws Exception {
    long[] samples = {0};
    try (InputStream in = Files.newInputStream(file)) {
      return AppleExportReader.read(in, new AppleExportReader.Sink() {
        @Override
        public void read() {}

        @Override
        public void sample(Sample sample) {
          samples[0]++;
        }

        @Override
        public void skipped(String reason) {}
      });
    }
  }

  private static void importThroughService(String base, String token, long pid, Path file, long records,
      double rawRate, String label) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    Memory before = Memory.of(http, base, pid);
    long start = System.nanoTime();
    HttpResponse<String> accepted = http.send(HttpRequest.newBuilder(URI.create(base + "/imports/apple-health"))
        .header("Authorization", "Bearer " + token).header("Content-Type", "application/xml")
        .POST(HttpRequest.BodyPublishers.ofFile(file)).build(), HttpResponse.BodyHandlers.ofString());
    double uploadSeconds = (System.nanoTime() - start) / 1e9;
    if (accepted.statusCode() != 202) {
      throw new IllegalStateException("upload answered " + accepted.statusCode() + ": " + accepted.body());
    }
    String id = field(accepted.body(), "id");
    Memory peak = before;
    String view;
    while (true) {
      Thread.sleep(250);
      peak = peak.max(Memory.of(http, base, pid));
      view = http.send(HttpRequest.newBuilder(URI.create(base + "/imports/" + id)).header("Authorization",
          "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString()).body();
      String state = field(view, "state");
      if ("DONE".equals(state) || "FAILED".equals(state)) {
        break;
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    Memory after = Memory.of(http, base, pid);
    double rate = records / seconds;
    System.out.printf("%s: %,10.0f records/s (%.1f s, upload %.1f s) = %.3f of raw StAX; state %s, accepted %s, "
            + "days %s, events %s%n", label, rate, seconds, uploadSeconds, rate / rawRate, field(view, "state"),
        field(view, "accepted"), field(view, "daysAffected"), field(view, "events"));
    System.out.printf("  service RSS MB before/peak/after: %d / %d / %d; heap used MB before/peak/after: %d / %d / %d%n",
        before.rssMb, peak.rssMb, after.rssMb, before.heapMb, peak.heapMb, after.heapMb);
  }

  private static String field(String json, String name) {
    Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*\"?([^\",}]*)").matcher(json);
    return m.find() ? m.group(1) : null;
  }

  /** RSS of the service process (from /proc) and its JVM heap in use (from its Prometheus metrics). */
  record Memory(long rssMb, long heapMb) {
    Memory max(Memory other) {
      return new Memory(Math.max(rssMb, other.rssMb), Math.max(heapMb, other.heapMb));
    }

    static Memory of(HttpClient http, String base, long pid) {
      long rss = -1;
      if (pid > 0) {
        try {
          for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
              rss = Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
            }
          }
        } catch (IOException e) {
          rss = -1;
        }
      }
      long heap = 0;
      try {
        String metrics = http.send(HttpRequest.newBuilder(URI.create(base + "/q/metrics")).GET().build(),
            HttpResponse.BodyHandlers.ofString()).body();
        Matcher m = Pattern.compile("(?m)^jvm_memory_used_bytes\\{[^}]*area=\"heap\"[^}]*\\} ([0-9.E+]+)")
            .matcher(metrics);
        while (m.find()) {
          heap += (long) Double.parseDouble(m.group(1));
        }
      } catch (IOException | InterruptedException e) {
        heap = -1;
      }
      return new Memory(rss, heap < 0 ? -1 : heap / (1024 * 1024));
    }
  }

  /**
   * An export.xml of about {@code records} top-level records, a day at a time back from
   * 2026-01-01: ~300 records a day, in the layout iOS 17 writes (prolog, internal DTD header).
   */
  static long generate(Path file, long records, String variant) throws IOException {
    Random random = new Random(42);
    long n = 0;
    try (Writer out = new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8), 1 << 16)) {
      out.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE HealthData [\n<!-- HealthKit Export Version: 14 -->\n"
          + "<!ELEMENT HealthData (ExportDate,Me,(Record|Correlation|Workout|ActivitySummary|ClinicalRecord)*)>\n"
          + "<!ATTLIST HealthData locale CDATA #REQUIRED>\n]>\n<!-- " + variant + " -->\n<HealthData locale=\"en_US\">\n"
          + " <ExportDate value=\"2026-01-01 08:00:00 +0100\"/>\n <Me HKCharacteristicTypeIdentifierDateOfBirth=\"1990-02-02\"/>\n");
      LocalDate day = LocalDate.of(2026, 1, 1);
      String device = "&lt;&lt;HKDevice: 0x283336ee0&gt;, name:Apple Watch, manufacturer:Apple Inc., model:Watch, "
          + "hardware:Watch6,10, software:10.6.1&gt;";
      while (n < records) {
        day = day.minusDays(1);
        String offset = day.getMonthValue() >= 4 && day.getMonthValue() <= 10 ? "+0200" : "+0100";
        // Heart rate about every 6 minutes (240 a day), steps every hour of the day.
        for (int i = 0; i < 240 && n < records; i++, n++) {
          String t = at(day, i * 6, offset);
          out.write(" <Record type=\"HKQuantityTypeIdentifierHeartRate\" sourceName=\"Watch\" sourceVersion=\"10.6.1\" device=\""
              + device + "\" unit=\"count/min\" creationDate=\"" + t + "\" startDate=\"" + t + "\" endDate=\"" + t
              + "\" value=\"" + (55 + random.nextInt(60)) + "\">\n  <MetadataEntry key=\"HKMetadataKeyHeartRateMotionContext\" value=\"0\"/>\n </Record>\n");
        }
        for (int h = 7; h < 23 && n < records; h++, n++) {
          out.write(" <Record type=\"HKQuantityTypeIdentifierStepCount\" sourceName=\"iPhone\" unit=\"count\" startDate=\""
              + at(day, h * 60, offset) + "\" endDate=\"" + at(day, h * 60 + 50, offset) + "\" value=\"" + random.nextInt(900)
              + "\"/>\n");
        }
        for (int i = 0; i < 5 && n < records; i++, n++) {
          String t = at(day, 60 + i * 70, offset);
          out.write(" <Record type=\"HKQuantityTypeIdentifierHeartRateVariabilitySDNN\" sourceName=\"Watch\" unit=\"ms\" startDate=\""
              + t + "\" endDate=\"" + at(day, 61 + i * 70, offset) + "\" value=\"" + (30 + random.nextInt(40)) + "."
              + random.nextInt(10) + "\">\n  <HeartRateVariabilityMetadataList>\n   <InstantaneousBeatsPerMinute bpm=\"58\" time=\"1:00:01.12 AM\"/>\n"
              + "  </HeartRateVariabilityMetadataList>\n </Record>\n");
        }
        if (n < records) {
          out.write(" <Record type=\"HKQuantityTypeIdentifierRestingHeartRate\" sourceName=\"Watch\" unit=\"count/min\" startDate=\""
              + at(day, 0, offset) + "\" endDate=\"" + at(day, 20 * 60, offset) + "\" value=\"" + (45 + random.nextInt(10)) + "\"/>\n");
          n++;
        }
        // The night ending this morning: the watch's stages from 23:00, AutoSleep over all of it, and in bed.
        String[] stages = {"AsleepCore", "AsleepDeep", "AsleepCore", "AsleepREM", "Awake", "AsleepCore", "AsleepDeep",
            "AsleepCore", "AsleepREM", "AsleepCore"};
        int minute = -60;
        for (int i = 0; i < stages.length && n < records; i++, n++) {
          int length = 35 + random.nextInt(30);
          out.write(" <Record type=\"HKCategoryTypeIdentifierSleepAnalysis\" sourceName=\"Watch\" startDate=\""
              + at(day, minute, offset) + "\" endDate=\"" + at(day, minute + length, offset)
              + "\" value=\"HKCategoryValueSleepAnalysis" + stages[i] + "\">\n  <MetadataEntry key=\"HKTimeZone\" value=\"Europe/Paris\"/>\n </Record>\n");
          minute += length;
        }
        for (String value : new String[] {"AsleepUnspecified", "InBed"}) {
          if (n < records) {
            out.write(" <Record type=\"HKCategoryTypeIdentifierSleepAnalysis\" sourceName=\"AutoSleep\" startDate=\""
                + at(day, -75, offset) + "\" endDate=\"" + at(day, minute + 10, offset)
                + "\" value=\"HKCategoryValueSleepAnalysis" + value + "\"/>\n");
            n++;
          }
        }
        if (day.getDayOfYear() % 2 == 0 && n < records) {
          out.write(" <Workout workoutActivityType=\"HKWorkoutActivityTypeRunning\" duration=\"45.5\" durationUnit=\"min\" "
              + "sourceName=\"Watch\" startDate=\"" + at(day, 18 * 60, offset) + "\" endDate=\"" + at(day, 18 * 60 + 46, offset)
              + "\">\n  <MetadataEntry key=\"HKIndoorWorkout\" value=\"0\"/>\n"
              + "  <WorkoutStatistics type=\"HKQuantityTypeIdentifierHeartRate\" startDate=\"" + at(day, 18 * 60, offset)
              + "\" endDate=\"" + at(day, 18 * 60 + 46, offset) + "\" average=\"148\" minimum=\"90\" maximum=\"171\" unit=\"count/min\"/>\n"
              + "  <WorkoutStatistics type=\"HKQuantityTypeIdentifierDistanceWalkingRunning\" startDate=\"" + at(day, 18 * 60, offset)
              + "\" endDate=\"" + at(day, 18 * 60 + 46, offset) + "\" sum=\"8.21\" unit=\"km\"/>\n </Workout>\n");
          n++;
        }
      }
      out.write("</HealthData>\n");
    }
    return n;
  }

  private static String at(LocalDate day, int minutes, String offset) {
    return day.atStartOfDay().plusMinutes(minutes).atOffset(ZoneOffset.of(offset)).format(APPLE);
  }
}
