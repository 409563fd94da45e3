package org.runningcoach.activity.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.garmin.fit.DateTime;
import com.garmin.fit.FileEncoder;
import com.garmin.fit.FileIdMesg;
import com.garmin.fit.HrMesg;
import com.garmin.fit.Manufacturer;
import com.garmin.fit.RecordMesg;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Files that are damaged, hostile or written by unusual tools. */
class FileEdgesTest {

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  static final String BOMB = """
      <?xml version="1.0"?>
      <!DOCTYPE gpx [
        <!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">
        <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
        <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
        <!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">
        <!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;">
      ]>
      <gpx version="1.1" xmlns="http://www.topografix.com/GPX/1/1"><trk><name>&e;</name><trkseg>
      <trkpt lat="1" lon="1"><time>2024-01-01T10:00:00Z</time></trkpt></trkseg></trk></gpx>
      """;

  static final String XXE = """
      <?xml version="1.0"?>
      <!DOCTYPE TrainingCenterDatabase [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
      <TrainingCenterDatabase xmlns="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2">
        <Activities><Activity Sport="Running"><Id>&secret;</Id></Activity></Activities>
      </TrainingCenterDatabase>
      """;

  static byte[] realFile(String name) {
    return RealFilesTest.file(name);
  }

  record Refused(String name, byte[] content, String saying) {}

  @Test
  void damagedHostileOrUnknownFilesAreRefusedWithAReason() {
    byte[] fit = realFile("fitparse_fr110-run-2013-02-06.fit");
    byte[] corrupted = fit.clone();
    corrupted[5000] ^= (byte) 0xFF;
    byte[] tcx = realFile("tcxparser_fr410-run-2012-12-26.tcx");
    List<Refused> cases = List.of(
        new Refused("empty", new byte[0], "empty"),
        new Refused("a PNG", new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0, 0, 13}, "Unknown file format"),
        new Refused("plain text", utf8("distance: 10 km, time: 50 min"), "Unknown file format"),
        new Refused("truncated FIT", Arrays.copyOf(fit, fit.length / 2), "FIT"),
        new Refused("corrupted FIT", corrupted, "FIT"),
        new Refused("truncated TCX", Arrays.copyOf(tcx, tcx.length / 2), "truncated"),
        new Refused("XML bomb", utf8(BOMB), "DTD"),
        new Refused("XXE", utf8(XXE), "DTD"),
        // Found by AppleExportFuzzTest in the same JDK parser: a damaged DOCTYPE threw MissingResourceException.
        new Refused("a DOCTYPE with a control character", utf8("<?xml version=\"1.0\"?><!DOCTYPE gpx [ \u0001 ]><gpx/>"),
            "malformed"),
        new Refused("other XML", utf8("<?xml version=\"1.0\"?><kml xmlns=\"http://www.opengis.net/kml/2.2\"/>"), "neither TCX nor GPX"),
        new Refused("GPX without times", utf8("<gpx xmlns=\"http://www.topografix.com/GPX/1/1\"><trk><trkseg>"
            + "<trkpt lat=\"1\" lon=\"2\"/></trkseg></trk></gpx>"), "no track points with a time"),
        new Refused("TCX without laps", utf8("<TrainingCenterDatabase xmlns=\"http://www.garmin.com/xmlschemas/"
            + "TrainingCenterDatabase/v2\"><Activities/></TrainingCenterDatabase>"), "no activity"),
        new Refused("GPX with a bad number", utf8("<gpx><trk><trkseg><trkpt lat=\"north\" lon=\"2\">"
            + "<time>2024-01-01T10:00:00Z</time></trkpt></trkseg></trk></gpx>"), "not a number"));
    for (Refused c : cases) {
      assertThatThrownBy(() -> ActivityFiles.parse(c.content()))
          .as(c.name())
          .isInstanceOf(InvalidActivityFile.class)
          .hasMessageContaining(c.saying());
    }
  }

  /** Found by ParserFuzzTest: the FIT SDK read past an array instead of raising FitRuntimeException (was a 500). */
  @Test
  void aFitFileWithADamagedDefinitionMessageIsRefusedNotA500() {
    byte[] damaged = realFile("fuzz-fenix5-damaged-definition.fit");
    assertThatThrownBy(() -> ActivityFiles.parse(damaged))
        .isInstanceOf(InvalidActivityFile.class)
        .hasMessageContaining("damaged");
  }

  /** Found by Jazzer: a damaged definition made the SDK cast a string field to a number (ClassCastException, a 500). */
  @Test
  void aFitFileWhoseDefinitionGivesAStringForANumberIsRefused() {
    byte[] damaged = realFile("jazzer-fit-string-as-number.fit");
    assertThatThrownBy(() -> ActivityFiles.parse(damaged))
        .isInstanceOf(InvalidActivityFile.class)
        .hasMessageContaining("damaged");
  }

  /** Cleaning rules: points are put in time order, impossible heart rates and positions are dropped, not the point. */
  @Test
  void outOfOrderPointsImpossibleHeartRatesAndPositionsAreCleanedNotCounted() {
    String gpx = """
        <gpx xmlns="http://www.topografix.com/GPX/1/1" xmlns:gpxtpx="http://www.garmin.com/xmlschemas/TrackPointExtension/v1">
          <trk><type>running</type><trkseg>
            <trkpt lat="52.0000" lon="13.0000"><time>2024-05-01T06:00:00Z</time>%s</trkpt>
            <trkpt lat="52.0002" lon="13.0000"><time>2024-05-01T06:00:20Z</time>%s</trkpt>
            <trkpt lat="95.0000" lon="200.0000"><time>2024-05-01T06:00:10Z</time>%s</trkpt>
            <trkpt lat="52.0003" lon="13.0000"><time>2024-05-01T06:00:30Z</time>%s</trkpt>
          </trkseg></trk>
        </gpx>
        """.formatted(hr(140), hr(300), hr(0), hr(150));
    ParsedActivity p = ActivityFiles.parse(utf8(gpx));
    assertThat(p.samples()).extracting(Sample::time).isSorted().doesNotHaveDuplicates().hasSize(4);
    assertThat(p.samples()).extracting(Sample::hr).containsExactly(140, null, null, 150);
    assertThat(p.samples().get(1).lat()).isNull();
    assertThat(p.samples().get(1).lon()).isNull();
    Metrics m = MetricsCalculator.compute(p);
    assertThat(m.elapsedSeconds()).isEqualTo(30);
    // 0 and 300 bpm never reach the average, the maximum or the TRIMP histogram
    assertThat(m.maxHr()).isEqualTo(150);
    assertThat(m.avgHr()).isBetween(140, 150);
    assertThat(LoadCalculator.compute(p, m, null).hrSecondsByBpm().keySet()).allMatch(bpm -> bpm >= 25 && bpm <= 250);
    // the track skips the impossible position: 0.0002° + 0.0001° of latitude ≈ 33 m
    assertThat(m.distanceMeters()).isBetween(33.0, 34.0);
  }

  static String hr(int bpm) {
    return "<extensions><gpxtpx:TrackPointExtension><gpxtpx:hr>" + bpm + "</gpxtpx:hr></gpxtpx:TrackPointExtension></extensions>";
  }

  @Test
  void aRecordingOfMoreThanFortyEightHoursIsRefusedAndAThirtyHourUltraIsKept() {
    String gpx = """
        <gpx xmlns="http://www.topografix.com/GPX/1/1"><trk><trkseg>
          <trkpt lat="52.0000" lon="13.0000"><time>2024-05-01T06:00:00Z</time></trkpt>
          <trkpt lat="52.0100" lon="13.0000"><time>2024-05-01T07:00:00Z</time></trkpt>
          <trkpt lat="52.3000" lon="13.0000"><time>%s</time></trkpt>
        </trkseg></trk></gpx>
        """;
    Metrics ultra = MetricsCalculator.compute(ActivityFiles.parse(utf8(gpx.formatted("2024-05-02T12:00:00Z"))));
    assertThat(ultra.elapsedSeconds()).isEqualTo(30 * 3600);
    assertThat(MetricsCalculator.compute(ActivityFiles.parse(utf8(gpx.formatted("2024-05-03T06:00:00Z")))).elapsedSeconds())
        .isEqualTo(MetricsCalculator.MAX_ELAPSED_SECONDS);
    assertThatThrownBy(() -> MetricsCalculator.compute(ActivityFiles.parse(utf8(gpx.formatted("2024-05-03T06:00:01Z")))))
        .isInstanceOf(InvalidActivityFile.class).hasMessageContaining("at most 48 hours");
  }

  @Test
  void gpxHeartRateIsFoundUnderAnyPrefixAndMissingPointsAreToleratedWithMilliseconds() {
    String gpx = """
        <?xml version="1.0" encoding="UTF-8"?>
        <gpx version="1.0" creator="x" xmlns="http://www.topografix.com/GPX/1/1"
             xmlns:gpxtpx="http://www.garmin.com/xmlschemas/TrackPointExtension/v1"
             xmlns:ns3="http://www.garmin.com/xmlschemas/TrackPointExtension/v2">
          <trk><type>running</type><trkseg>
            <trkpt lat="52.0000" lon="13.0000"><ele>30</ele><time>2024-05-01T06:00:00.000Z</time>
              <extensions><gpxtpx:TrackPointExtension><gpxtpx:hr>140</gpxtpx:hr><gpxtpx:cad>85</gpxtpx:cad></gpxtpx:TrackPointExtension></extensions></trkpt>
            <trkpt lat="52.0001" lon="13.0000"><ele>30</ele><time>2024-05-01T06:00:05.250Z</time></trkpt>
            <trkpt lat="52.0002" lon="13.0000"><ele>30</ele><time>2024-05-01T06:00:10.500Z</time>
              <extensions><ns3:TrackPointExtension><ns3:hr>150</ns3:hr><ns3:cad>86</ns3:cad></ns3:TrackPointExtension></extensions></trkpt>
          </trkseg><trkseg>
            <trkpt lat="52.0003" lon="13.0000"><time>2024-05-01T06:02:00Z</time><extensions><hr xmlns="http://www.garmin.com/xmlschemas/TrackPointExtension/v1">160</hr></extensions></trkpt>
          </trkseg></trk>
        </gpx>
        """;
    ParsedActivity p = ActivityFiles.parse(utf8(gpx));
    assertThat(p.samples()).extracting(Sample::hr).containsExactly(140, null, 150, 160);
    // cadence 85 strides/min becomes 170 steps/min
    assertThat(p.samples().get(0).cadence()).isEqualTo(170.0);
    // a second segment follows a pause
    assertThat(p.pauses()).containsExactly(new Pause(Instant.parse("2024-05-01T06:00:10.500Z"), Instant.parse("2024-05-01T06:02:00Z")));
    // distance comes from the GPS track: 3 × 11.1 m
    Metrics m = MetricsCalculator.compute(p);
    assertThat(m.distanceMeters()).isBetween(33.0, 34.0);
    assertThat(m.timerSeconds()).isEqualTo(11);
  }

  @Test
  void tcxTimesWithAnOffsetGiveTheAthletesLocalDate() {
    String tcx = """
        <TrainingCenterDatabase xmlns="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2"
            xmlns:ns3="http://www.garmin.com/xmlschemas/ActivityExtension/v2">
          <Activities><Activity Sport="Running"><Id>2024-03-01T23:30:00+01:00</Id>
            <Lap StartTime="2024-03-01T23:30:00+01:00"><TotalTimeSeconds>120</TotalTimeSeconds><DistanceMeters>400</DistanceMeters>
              <Track>
                <Trackpoint><Time>2024-03-01T23:30:00+01:00</Time><DistanceMeters>0</DistanceMeters><HeartRateBpm><Value>130</Value></HeartRateBpm>
                  <Extensions><ns3:TPX><ns3:Speed>3.3</ns3:Speed><ns3:RunCadence>84</ns3:RunCadence></ns3:TPX></Extensions></Trackpoint>
                <Trackpoint><Time>2024-03-01T23:32:00+01:00</Time><DistanceMeters>400</DistanceMeters><HeartRateBpm><Value>150</Value></HeartRateBpm></Trackpoint>
              </Track>
            </Lap></Activity></Activities>
        </TrainingCenterDatabase>
        """;
    ParsedActivity p = ActivityFiles.parse(utf8(tcx));
    assertThat(p.utcOffset()).isEqualTo(ZoneOffset.ofHours(1));
    assertThat(p.start()).isEqualTo(Instant.parse("2024-03-01T22:30:00Z"));
    assertThat(p.localDate()).isEqualTo(LocalDate.of(2024, 3, 1));
    assertThat(p.timeNote()).isNull();
    assertThat(p.samples().get(0).speed()).isEqualTo(3.3);
    assertThat(p.samples().get(0).cadence()).isEqualTo(168.0);
    Metrics m = MetricsCalculator.compute(p);
    assertThat(m.avgHr()).isEqualTo(130);
    assertThat(m.hrSecondsByBpm()).containsEntry(130, 120);
    assertThat(m.avgPaceSecondsPerKm()).isEqualTo(300.0);
  }

  @Test
  void heartRateOnlyInHrMessagesFillsTheRecords() throws Exception {
    long t0 = 1_000_000_000L; // FIT seconds: 2021-09-09
    File file = File.createTempFile("hr-messages", ".fit");
    try {
      FileEncoder encoder = new FileEncoder(file);
      FileIdMesg id = new FileIdMesg();
      id.setType(com.garmin.fit.File.ACTIVITY);
      id.setManufacturer(Manufacturer.DEVELOPMENT);
      id.setTimeCreated(new DateTime(t0));
      encoder.write(id);
      for (int i = 0; i < 10; i++) {
        RecordMesg r = new RecordMesg();
        r.setTimestamp(new DateTime(t0 + i));
        r.setDistance(3.0f * i);
        encoder.write(r);
      }
      HrMesg anchor = new HrMesg();
      anchor.setTimestamp(new DateTime(t0));
      anchor.setFractionalTimestamp(0f);
      anchor.setEventTimestamp(0, 5000f);
      anchor.setFilteredBpm(0, (short) 120);
      encoder.write(anchor);
      HrMesg more = new HrMesg();
      for (int i = 1; i < 10; i++) {
        more.setEventTimestamp(i - 1, 5000f + i);
        more.setFilteredBpm(i - 1, (short) (120 + i));
      }
      encoder.write(more);
      encoder.close();
      ParsedActivity p = ActivityFiles.parse(Files.readAllBytes(file.toPath()));
      assertThat(p.samples()).extracting(Sample::hr).containsExactly(120, 121, 122, 123, 124, 125, 126, 127, 128, 129);
      assertThat(p.start()).isEqualTo(new DateTime(t0).getInstant());
      Metrics m = MetricsCalculator.compute(p);
      assertThat(m.maxHr()).isEqualTo(129);
      assertThat(m.hrSecondsByBpm()).hasSize(9).containsEntry(120, 1);
    } finally {
      file.delete();
    }
  }

  @Test
  void aFitFileWhoseClockWasNeverSetAndThatHasNoLocalTimeIsRefused() throws Exception {
    File file = File.createTempFile("relative", ".fit");
    try {
      FileEncoder encoder = new FileEncoder(file);
      FileIdMesg id = new FileIdMesg();
      id.setType(com.garmin.fit.File.ACTIVITY);
      encoder.write(id);
      RecordMesg r = new RecordMesg();
      r.setTimestamp(new DateTime(12_345L));
      encoder.write(r);
      encoder.close();
      assertThatThrownBy(() -> ActivityFiles.parse(Files.readAllBytes(file.toPath())))
          .isInstanceOf(InvalidActivityFile.class).hasMessageContaining("never set");
    } finally {
      file.delete();
    }
  }
}
