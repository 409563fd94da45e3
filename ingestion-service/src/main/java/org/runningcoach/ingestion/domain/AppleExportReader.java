package org.runningcoach.ingestion.domain;

import java.io.InputStream;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Set;
import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import javax.xml.stream.util.StreamReaderDelegate;
import org.runningcoach.ingestion.domain.AppleSamples.Sample;
import org.runningcoach.ingestion.domain.AppleSamples.Stage;
import org.runningcoach.ingestion.domain.AppleSamples.Type;
import org.runningcoach.ingestion.domain.AppleSamples.WorkoutDetail;

/**
 * Streams an Apple Health {@code export.xml} (Health app → Export All Health Data) into samples,
 * one element at a time: the file can be gigabytes, so nothing but the current element is held.
 * The JDK's StAX parser is used with DTD processing and external entities off: the export's own
 * internal DTD (element and attribute lists only) is read past, and a document that declares
 * entities (an "XML bomb") or points at an external DTD is refused by {@link #checkProlog}.
 * <ul>
 *   <li>{@code Record} of HeartRateVariabilitySDNN → HRV_SDNN, RestingHeartRate → RESTING_HR,
 *       SleepAnalysis → SLEEP_STAGE; every other type is skipped as not used.</li>
 *   <li>{@code Workout} → WORKOUT, its totals from the attributes (old exports) or its
 *       {@code WorkoutStatistics} children (iOS 16+).</li>
 *   <li>{@code Correlation} children are skipped: the export repeats them as top-level records.</li>
 * </ul>
 * Dates are {@code yyyy-MM-dd HH:mm:ss ±HHMM} in the phone's offset at the time; numbers are read
 * in any locale (a French export may write "25,5").
 */
public final class AppleExportReader {

  /** Why a file is refused before anything is read from it. */
  public static final class Refused extends Exception {
    public Refused(String message) {
      super(message);
    }
  }

  /** Receives what the reader finds, in document order. */
  public interface Sink {
    /** A top-level element (a record, workout, correlation, activity summary…) was read. */
    void read();

    /** A mapped sample. */
    void sample(Sample sample);

    /** A top-level element that gives no sample, and why. */
    void skipped(String reason);
  }

  private static final String HRV = "HKQuantityTypeIdentifierHeartRateVariabilitySDNN";
  private static final String RESTING_HR = "HKQuantityTypeIdentifierRestingHeartRate";
  private static final String SLEEP = "HKCategoryTypeIdentifierSleepAnalysis";
  /** At most this many distinct "not used: <type>" reasons; the rest are counted together. */
  static final int MAX_REASONS = 64;

  private AppleExportReader() {}

  /** A StAX factory that never processes a DTD, never expands an entity and never fetches anything. */
  public static XMLInputFactory factory() {
    XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
    factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
    factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
    factory.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
    factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, false);
    // Every record's device attribute is written with &lt; and &gt;, and the JDK counts those toward
    // a 50 million character "accumulated entity size" limit: a real multi-gigabyte export hits it.
    // With DTDs off no other entity exists, so the limit guards nothing here.
    factory.setProperty("jdk.xml.totalEntitySizeLimit", "0");
    return factory;
  }

  /**
   * Reads up to the root element and refuses what an Apple export never contains: entity
   * declarations, an external DTD, a root other than {@code HealthData}, or no XML at all.
   */
  public static void checkProlog(InputStream in) throws Refused {
    XMLStreamReader xml = null;
    try {
      xml = reader(in);
      while (xml.hasNext()) {
        int event = xml.next();
        if (event == XMLStreamConstants.DTD) {
          String dtd = xml.getText();
          if (dtd.contains("<!ENTITY")) {
            throw new Refused("The document declares XML entities; an Apple Health export never does, and "
                + "entities are not expanded here (XML bomb or external entity)");
          }
          int subset = dtd.indexOf('[');
          String head = subset < 0 ? dtd : dtd.substring(0, subset);
          if (head.contains("SYSTEM") || head.contains("PUBLIC")) {
            throw new Refused("The document refers to an external DTD; it is not fetched. Send export.xml as "
                + "the Health app writes it");
          }
        } else if (event == XMLStreamConstants.START_ELEMENT) {
          if (!"HealthData".equals(xml.getLocalName())) {
            throw new Refused("The root element is <" + xml.getLocalName() + ">, not <HealthData>: this is not an "
                + "Apple Health export.xml");
          }
          return;
        }
      }
      throw new Refused("The document has no root element");
    } catch (XMLStreamException e) {
      throw new Refused("Not well-formed XML: " + message(e));
    } finally {
      close(xml);
    }
  }

  /** Streams the whole document into the sink; the number of top-level elements read. */
  public static long read(InputStream in, Sink sink) throws XMLStreamException {
    XMLStreamReader xml = reader(in);
    try {
      return new Walk(xml, sink).run();
    } finally {
      close(xml);
    }
  }

  /**
   * A reader whose unchecked failures are parse errors. The JDK's parser throws some of its own
   * errors unchecked: on a damaged DTD it looks up a message key its bundle lacks and throws
   * MissingResourceException ("InvalidCharInDTD", found by AppleExportFuzzTest), which would
   * otherwise answer a damaged file with a 500, or leave an import neither DONE nor FAILED.
   */
  static XMLStreamReader reader(InputStream in) throws XMLStreamException {
    XMLStreamReader parser = guarded(() -> factory().createXMLStreamReader(in));
    return new StreamReaderDelegate(parser) {
      @Override
      public int next() throws XMLStreamException {
        return guarded(super::next);
      }

      @Override
      public boolean hasNext() throws XMLStreamException {
        return guarded(super::hasNext);
      }

      @Override
      public String getElementText() throws XMLStreamException {
        return guarded(super::getElementText);
      }

      @Override
      public int nextTag() throws XMLStreamException {
        return guarded(super::nextTag);
      }
    };
  }

  /** A parser call. */
  private interface ParserCall<T> {
    T call() throws XMLStreamException;
  }

  private static <T> T guarded(ParserCall<T> call) throws XMLStreamException {
    try {
      return call.call();
    } catch (RuntimeException e) {
      throw unreadable(e);
    }
  }

  private static XMLStreamException unreadable(RuntimeException e) {
    XMLStreamException x = new XMLStreamException("the XML parser could not read the document ("
        + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")");
    x.initCause(e);
    return x;
  }

  /** The parser's message without its location prefix, for a client to read. */
  public static String message(XMLStreamException e) {
    String m = e.getMessage() == null ? e.toString() : e.getMessage();
    int i = m.indexOf("Message: ");
    String where = e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNumber() + ", column "
        + e.getLocation().getColumnNumber() + ")";
    return (i >= 0 ? m.substring(i + 9) : m).trim() + where;
  }

  private static void close(XMLStreamReader xml) {
    if (xml != null) {
      try {
        xml.close();
      } catch (XMLStreamException e) {
        // nothing to release beyond the stream, which the caller closes
      }
    }
  }

  private static final class Walk {
    private final XMLStreamReader xml;
    private final Sink sink;
    private final Set<String> reasons = new java.util.HashSet<>();
    private long read;
    private int depth;
    private WorkoutBuilder workout;

    Walk(XMLStreamReader xml, Sink sink) {
      this.xml = xml;
      this.sink = sink;
    }

    long run() throws XMLStreamException {
      while (xml.hasNext()) {
        int event = xml.next();
        if (event == XMLStreamConstants.START_ELEMENT) {
          depth++;
          String name = xml.getLocalName();
          if (depth == 1 && !"HealthData".equals(name)) {
            throw new XMLStreamException("The root element is <" + name + ">, not <HealthData>");
          }
          if (depth == 2) {
            top(name);
          } else if (depth == 3 && workout != null) {
            workout.child(xml, name);
          }
        } else if (event == XMLStreamConstants.END_ELEMENT) {
          if (depth == 2 && workout != null) {
            workout.finish(sink, this::skip);
            workout = null;
          }
          depth--;
        }
      }
      return read;
    }

    private void top(String name) {
      switch (name) {
        case "ExportDate", "Me" -> {
          return;
        }
        default -> read++;
      }
      sink.read();
      switch (name) {
        case "Record" -> record();
        case "Workout" -> workout = new WorkoutBuilder(xml);
        case "Correlation" -> skip("correlation (its records are repeated at top level)");
        default -> skip("not used: " + name);
      }
    }

    private void skip(String reason) {
      if (reason.startsWith("not used: ") && !reasons.contains(reason)) {
        if (reasons.size() >= MAX_REASONS) {
          reason = "not used: other types";
        } else {
          reasons.add(reason);
        }
      }
      sink.skipped(reason);
    }

    private void record() {
      String type = attr(xml, "type");
      if (type == null) {
        skip("record without a type");
        return;
      }
      switch (type) {
        case HRV, RESTING_HR, SLEEP -> { }
        default -> {
          skip("not used: " + type);
          return;
        }
      }
      OffsetDateTime start = Units.dateTime(attr(xml, "startDate"));
      OffsetDateTime end = Units.dateTime(attr(xml, "endDate"));
      if (start == null || end == null || end.isBefore(start)) {
        skip("unreadable startDate/endDate");
        return;
      }
      String source = source(attr(xml, "sourceName"));
      String value = attr(xml, "value");
      if (type.equals(SLEEP)) {
        Stage stage = sleepStage(value);
        if (stage == null) {
          skip("unknown sleep value");
        } else if (Duration.between(start, end).compareTo(Duration.ofHours(24)) > 0) {
          skip("value out of physiological range");
        } else {
          sink.sample(new Sample(Type.SLEEP_STAGE, start, end, null, null, stage, source));
        }
        return;
      }
      Double number = Units.number(value);
      String unit = attr(xml, "unit");
      if (number == null) {
        skip("unreadable value");
        return;
      }
      boolean hrv = type.equals(HRV);
      Double converted = hrv ? Units.millis(number, unit) : Units.bpm(number, unit);
      if (converted == null) {
        skip("unknown unit " + unit);
        return;
      }
      boolean inRange = hrv
          ? converted >= HealthAutoExport.HRV_MIN_MS && converted <= HealthAutoExport.HRV_MAX_MS
          : converted >= HealthAutoExport.RHR_MIN && converted <= HealthAutoExport.RHR_MAX;
      if (!inRange) {
        skip("value out of physiological range");
        return;
      }
      sink.sample(new Sample(hrv ? Type.HRV_SDNN : Type.RESTING_HR, start, end, converted, hrv ? "ms" : "count/min",
          null, source));
    }
  }

  /** "HKCategoryValueSleepAnalysisAsleepCore", or HealthKit's raw number as older tools write it. */
  static Stage sleepStage(String value) {
    if (value == null) {
      return null;
    }
    String v = value.trim();
    return switch (v) {
      case "0" -> Stage.IN_BED;
      case "1" -> Stage.ASLEEP_UNSPECIFIED;
      case "2" -> Stage.AWAKE;
      case "3" -> Stage.CORE;
      case "4" -> Stage.DEEP;
      case "5" -> Stage.REM;
      default -> HealthAutoExport.stage(v.startsWith("HKCategoryValueSleepAnalysis")
          ? v.substring("HKCategoryValueSleepAnalysis".length()) : v);
    };
  }

  private static String attr(XMLStreamReader xml, String name) {
    return xml.getAttributeValue(null, name);
  }

  private static String source(String name) {
    if (name == null || name.isBlank()) {
      return "Apple Health";
    }
    return name.length() > 200 ? name.substring(0, 200) : name;
  }

  /** A Workout element and its statistics and metadata children. */
  private static final class WorkoutBuilder {
    private final String activityType;
    private final OffsetDateTime start;
    private final OffsetDateTime end;
    private final String source;
    private final Double durationSeconds;
    private Double distance;
    private Double energy;
    private Double avgHr;
    private Double maxHr;
    private Double elevation;
    private Boolean indoor;
    private Double statsDistance;
    private Double statsEnergy;

    WorkoutBuilder(XMLStreamReader xml) {
      activityType = attr(xml, "workoutActivityType");
      start = Units.dateTime(attr(xml, "startDate"));
      end = Units.dateTime(attr(xml, "endDate"));
      source = source(attr(xml, "sourceName"));
      Double duration = Units.number(attr(xml, "duration"));
      durationSeconds = duration == null ? null
          : Units.seconds(duration, attr(xml, "durationUnit") == null ? "min" : attr(xml, "durationUnit"));
      Double d = Units.number(attr(xml, "totalDistance"));
      distance = d == null ? null : Units.meters(d, attr(xml, "totalDistanceUnit"));
      Double e = Units.number(attr(xml, "totalEnergyBurned"));
      energy = e == null ? null : Units.kcal(e, attr(xml, "totalEnergyBurnedUnit"));
    }

    void child(XMLStreamReader xml, String name) {
      if ("WorkoutStatistics".equals(name)) {
        String type = attr(xml, "type");
        String unit = attr(xml, "unit");
        if (type == null) {
          return;
        }
        if (type.equals("HKQuantityTypeIdentifierHeartRate")) {
          Double avg = Units.number(attr(xml, "average"));
          Double max = Units.number(attr(xml, "maximum"));
          avgHr = avg == null ? null : Units.bpm(avg, unit);
          maxHr = max == null ? null : Units.bpm(max, unit);
        } else if (type.startsWith("HKQuantityTypeIdentifierDistance")) {
          Double sum = Units.number(attr(xml, "sum"));
          Double m = sum == null ? null : Units.meters(sum, unit);
          statsDistance = m == null ? statsDistance : (statsDistance == null ? 0 : statsDistance) + m;
        } else if (type.equals("HKQuantityTypeIdentifierActiveEnergyBurned")) {
          Double sum = Units.number(attr(xml, "sum"));
          statsEnergy = sum == null ? null : Units.kcal(sum, unit);
        }
      } else if ("MetadataEntry".equals(name)) {
        String key = attr(xml, "key");
        String value = attr(xml, "value");
        if ("HKIndoorWorkout".equals(key)) {
          indoor = "1".equals(value == null ? null : value.trim());
        } else if ("HKElevationAscended".equals(key) && value != null) {
          String[] parts = value.trim().split("\\s+", 2);
          Double n = Units.number(parts[0]);
          elevation = n == null ? null : Units.meters(n, parts.length > 1 ? parts[1] : "m");
        }
      }
    }

    void finish(Sink sink, java.util.function.Consumer<String> skip) {
      if (start == null || end == null || end.isBefore(start)) {
        skip.accept("workout with unreadable startDate/endDate");
        return;
      }
      long seconds = durationSeconds != null && durationSeconds > 0 ? Math.round(durationSeconds)
          : Duration.between(start, end).getSeconds();
      if (seconds <= 0 || Duration.ofSeconds(seconds).compareTo(HealthAutoExport.WORKOUT_MAX) > 0) {
        skip.accept("workout duration out of range");
        return;
      }
      if (avgHr != null && (avgHr < HealthAutoExport.HR_MIN || avgHr > HealthAutoExport.HR_MAX)) {
        skip.accept("workout heart rate out of physiological range");
        return;
      }
      Double meters = distance != null ? distance : statsDistance;
      Double kcal = energy != null ? energy : statsEnergy;
      WorkoutDetail detail = new WorkoutDetail(activityType, seconds, round(meters), round(kcal),
          avgHr == null ? null : (int) Math.round(avgHr), maxHr == null ? null : (int) Math.round(maxHr),
          round(elevation), indoor, null);
      sink.sample(new Sample(Type.WORKOUT, start, end, Math.round(seconds / 6.0) / 10.0, "min", null, source, null,
          detail));
    }

    private static Double round(Double v) {
      return v == null ? null : Math.round(v * 10) / 10.0;
    }
  }
}
