package org.runningcoach.ingestion.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.xml.stream.XMLStreamException;
import org.junit.jupiter.api.Test;
import org.runningcoach.events.HealthDataReceived;
import org.runningcoach.ingestion.domain.AppleSamples.Sample;
import org.runningcoach.ingestion.domain.AppleSamples.Stage;
import org.runningcoach.ingestion.domain.AppleSamples.Type;

/** The real export.xml files (a French and an English one) and what an export never contains. */
class AppleExportReaderTest {

  record Collected(long read, List<Sample> samples, Map<String, Integer> skipped) {}

  static Collected read(InputStream in) throws XMLStreamException {
    List<Sample> samples = new ArrayList<>();
    Map<String, Integer> skipped = new TreeMap<>();
    long[] reads = {0};
    long read = AppleExportReader.read(in, new AppleExportReader.Sink() {
      @Override
      public void read() {
        reads[0]++;
      }

      @Override
      public void sample(Sample sample) {
        samples.add(sample);
      }

      @Override
      public void skipped(String reason) {
        skipped.merge(reason, 1, Integer::sum);
      }
    });
    assertThat(read).isEqualTo(reads[0]);
    return new Collected(read, samples, skipped);
  }

  static InputStream vendor(String file) {
    return AppleExportReaderTest.class.getResourceAsStream("/vendor/" + file);
  }

  static InputStream text(String xml) {
    return new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void theFrenchExportWithItsInternalDtdGivesItsHrvAndRestingHeartRate() throws Exception {
    AppleExportReader.checkProlog(vendor("jdecool-export-fr_FR-2019.xml"));
    Collected c = read(vendor("jdecool-export-fr_FR-2019.xml"));
    assertThat(c.read()).isEqualTo(13);
    assertThat(c.samples()).extracting(Sample::type).containsExactly(Type.RESTING_HR, Type.HRV_SDNN);
    Sample hrv = c.samples().get(1);
    assertThat(hrv.value()).isEqualTo(25.5526);
    assertThat(hrv.end()).isEqualTo(OffsetDateTime.parse("2018-11-19T08:34:44+01:00"));
    assertThat(AppleDay.of(LocalDate.of(2018, 11, 19), c.samples()).hrv().valueMs()).isEqualTo(25.6);
    assertThat(AppleDay.of(LocalDate.of(2018, 11, 30), c.samples()).restingHr().bpm()).isEqualTo(49);
    assertThat(c.skipped()).containsEntry("not used: HKQuantityTypeIdentifierVO2Max", 1)
        .containsEntry("not used: HKQuantityTypeIdentifierHeartRate", 1);
    assertThat(c.skipped().values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(11);
  }

  @Test
  void theOldLayoutWorkoutIsReadInMetresAndKilocalories() throws Exception {
    AppleExportReader.checkProlog(vendor("dogsheep-export-2019.xml"));
    Collected c = read(vendor("dogsheep-export-2019.xml"));
    assertThat(c.read()).isEqualTo(5); // two records, a workout, two activity summaries
    Sample workout = c.samples().get(0);
    assertThat(workout.type()).isEqualTo(Type.WORKOUT);
    assertThat(workout.workout().activityType()).isEqualTo("HKWorkoutActivityTypeRunning");
    assertThat(workout.workout().durationSeconds()).isEqualTo(312);
    assertThat(workout.workout().distanceMeters()).isEqualTo(800.1);
    assertThat(workout.workout().activeEnergyKcal()).isEqualTo(48.7);
    assertThat(workout.end().toLocalDate()).isEqualTo(LocalDate.of(2016, 11, 14));
    assertThat(c.skipped()).containsEntry("not used: ActivitySummary", 2);
  }

  @Test
  void sleepStagesStatisticsAndLocaleNumbersOfARecentExport() throws Exception {
    Collected c = read(text("""
        <?xml version="1.0" encoding="UTF-8"?>
        <HealthData locale="fr_FR">
         <Record type="HKCategoryTypeIdentifierSleepAnalysis" sourceName="Montre" startDate="2024-03-01 23:10:00 +0100" endDate="2024-03-02 03:00:00 +0100" value="HKCategoryValueSleepAnalysisAsleepCore"><MetadataEntry key="HKTimeZone" value="Europe/Paris"/></Record>
         <Record type="HKCategoryTypeIdentifierSleepAnalysis" sourceName="Montre" startDate="2024-03-02 03:00:00 +0100" endDate="2024-03-02 04:00:00 +0100" value="HKCategoryValueSleepAnalysisAsleepDeep"/>
         <Record type="HKCategoryTypeIdentifierSleepAnalysis" sourceName="AutoSleep" startDate="2024-03-01 23:00:00 +0100" endDate="2024-03-02 04:30:00 +0100" value="HKCategoryValueSleepAnalysisAsleepUnspecified"/>
         <Record type="HKQuantityTypeIdentifierHeartRateVariabilitySDNN" sourceName="Montre" unit="ms" startDate="2024-03-02 05:00:00 +0100" endDate="2024-03-02 05:01:00 +0100" value="41,5"><HeartRateVariabilityMetadataList><InstantaneousBeatsPerMinute bpm="58" time="05:00:01,12"/></HeartRateVariabilityMetadataList></Record>
         <Record type="HKQuantityTypeIdentifierRestingHeartRate" sourceName="Montre" unit="count/min" startDate="2024-03-02 01:00:00 +0100" endDate="2024-03-02 06:00:00 +0100" value="400"/>
         <Correlation type="HKCorrelationTypeIdentifierBloodPressure" sourceName="Omron" startDate="2024-03-02 07:00:00 +0100" endDate="2024-03-02 07:00:00 +0100"><Record type="HKQuantityTypeIdentifierRestingHeartRate" sourceName="Omron" unit="count/min" startDate="2024-03-02 07:00:00 +0100" endDate="2024-03-02 07:00:00 +0100" value="50"/></Correlation>
         <Workout workoutActivityType="HKWorkoutActivityTypeRunning" duration="45,5" durationUnit="min" sourceName="Montre" startDate="2024-03-02 18:00:00 +0100" endDate="2024-03-02 18:46:00 +0100">
          <MetadataEntry key="HKIndoorWorkout" value="0"/><MetadataEntry key="HKElevationAscended" value="4520 cm"/>
          <WorkoutStatistics type="HKQuantityTypeIdentifierHeartRate" startDate="2024-03-02 18:00:00 +0100" endDate="2024-03-02 18:46:00 +0100" average="148,2" minimum="90" maximum="171" unit="count/min"/>
          <WorkoutStatistics type="HKQuantityTypeIdentifierDistanceWalkingRunning" startDate="2024-03-02 18:00:00 +0100" endDate="2024-03-02 18:46:00 +0100" sum="8,21" unit="km"/>
          <WorkoutStatistics type="HKQuantityTypeIdentifierActiveEnergyBurned" startDate="2024-03-02 18:00:00 +0100" endDate="2024-03-02 18:46:00 +0100" sum="2510" unit="kJ"/>
         </Workout>
        </HealthData>"""));
    assertThat(c.read()).isEqualTo(7);
    assertThat(c.skipped()).containsEntry("value out of physiological range", 1)
        .containsEntry("correlation (its records are repeated at top level)", 1);
    AppleDay.Inputs day = AppleDay.of(LocalDate.of(2024, 3, 2), c.samples());
    assertThat(day.hrv().valueMs()).isEqualTo(41.5);
    assertThat(day.restingHr()).isNull();
    HealthDataReceived.Sleep sleep = day.sleep();
    assertThat(sleep.totalHours()).isEqualTo(5.5); // the watch's 4 h 50 + AutoSleep's edges, never 4 h 50 + 5 h 30
    assertThat(sleep.deepHours()).isEqualTo(1.0);
    var workout = c.samples().stream().filter(s -> s.type() == Type.WORKOUT).findFirst().orElseThrow().workout();
    assertThat(workout.durationSeconds()).isEqualTo(2730);
    assertThat(workout.distanceMeters()).isEqualTo(8210.0);
    assertThat(workout.activeEnergyKcal()).isEqualTo(599.9);
    assertThat(workout.avgHr()).isEqualTo(148);
    assertThat(workout.maxHr()).isEqualTo(171);
    assertThat(workout.elevationGainMeters()).isEqualTo(45.2);
    assertThat(workout.indoor()).isFalse();
    assertThat(AppleExportReader.sleepStage("HKCategoryValueSleepAnalysisInBed")).isEqualTo(Stage.IN_BED);
    assertThat(AppleExportReader.sleepStage("HKCategoryValueSleepAnalysisAsleep")).isEqualTo(Stage.ASLEEP_UNSPECIFIED);
  }

  @Test
  void entityDeclarationsAnExternalDtdOrAnotherRootAreRefusedBeforeAnythingIsRead() {
    String bomb = """
        <?xml version="1.0"?>
        <!DOCTYPE HealthData [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>
        <HealthData locale="en_US"><Record type="x" value="&b;"/></HealthData>""";
    String xxe = """
        <?xml version="1.0"?>
        <!DOCTYPE HealthData [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
        <HealthData locale="en_US"><ExportDate value="&xxe;"/></HealthData>""";
    String external = """
        <?xml version="1.0"?>
        <!DOCTYPE HealthData SYSTEM "http://127.0.0.1:9/healthdata.dtd">
        <HealthData locale="en_US"/>""";
    assertThatThrownBy(() -> AppleExportReader.checkProlog(text(bomb))).hasMessageContaining("entities");
    assertThatThrownBy(() -> AppleExportReader.checkProlog(text(xxe))).hasMessageContaining("entities");
    assertThatThrownBy(() -> AppleExportReader.checkProlog(text(external))).hasMessageContaining("external DTD");
    assertThatThrownBy(() -> AppleExportReader.checkProlog(text("<gpx/>"))).hasMessageContaining("not an Apple");
    assertThatThrownBy(() -> AppleExportReader.checkProlog(text("{\"samples\":[]}")))
        .hasMessageContaining("Not well-formed");
    // Even past the prolog check, nothing is expanded.
    assertThatThrownBy(() -> read(text(bomb))).isInstanceOf(XMLStreamException.class);
  }

  @Test
  void anExportWithMoreEscapedCharactersThanTheJdksEntityLimitIsReadToItsEnd() throws Exception {
    // 60 million &lt; in device attributes: past the JDK's default 50 million "accumulated entity size".
    String record = "<Record type=\"HKQuantityTypeIdentifierStepCount\" sourceName=\"iPhone\" device=\""
        + "&lt;".repeat(1000) + "\" unit=\"count\" startDate=\"2024-03-02 01:00:00 +0100\" "
        + "endDate=\"2024-03-02 01:01:00 +0100\" value=\"5\"/>\n";
    int records = 60_000;
    InputStream big = new java.io.SequenceInputStream(java.util.Collections.enumeration(List.of(
        text("<HealthData locale=\"en_US\">\n"),
        new InputStream() {
          final byte[] one = record.getBytes(StandardCharsets.UTF_8);
          long pos;

          @Override
          public int read() {
            if (pos >= (long) one.length * records) {
              return -1;
            }
            return one[(int) (pos++ % one.length)];
          }

          @Override
          public int read(byte[] b, int off, int len) {
            long total = (long) one.length * records;
            if (pos >= total) {
              return -1;
            }
            int n = (int) Math.min(len, total - pos);
            for (int i = 0; i < n; i++) {
              b[off + i] = one[(int) (pos++ % one.length)];
            }
            return n;
          }
        },
        text("</HealthData>"))));
    assertThat(read(big).read()).isEqualTo(records);
  }

  /** Found by AppleExportFuzzTest: the JDK parser threw MissingResourceException on a damaged DOCTYPE (a 500). */
  @Test
  void aDamagedDoctypeIsRefusedAsUnreadable() {
    assertThatThrownBy(() -> AppleExportReader.checkProlog(text("<?xml version=\"1.0\"?><!DOCTYPE HealthData [ \u0001 ]>"
        + "<HealthData locale=\"en_US\"/>")))
        .isInstanceOf(AppleExportReader.Refused.class).hasMessageContaining("could not read the document");
  }

  @Test
  void aTruncatedFileFailsAtItsEnd() {
    String truncated = """
        <HealthData locale="en_US">
         <Record type="HKQuantityTypeIdentifierRestingHeartRate" sourceName="W" unit="count/min" startDate="2024-03-02 01:00:00 +0100" endDate="2024-03-02 06:00:00 +0100" value="50"/>
         <Record type="HKQuantityTypeIdentifierRestingHeartRate" sourceName="W" unit="count/min" startDate="2024-03-03 01:00:00 +01""";
    assertThatThrownBy(() -> read(text(truncated))).isInstanceOf(XMLStreamException.class);
  }
}
