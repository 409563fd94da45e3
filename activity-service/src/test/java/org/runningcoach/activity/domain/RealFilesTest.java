package org.runningcoach.activity.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** What a runner would see for each real file: the numbers their watch or app showed. */
class RealFilesTest {

  static byte[] file(String name) {
    try (InputStream in = RealFilesTest.class.getResourceAsStream("/activities/" + name)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  record Read(ParsedActivity parsed, Metrics metrics, Loads loads) {}

  static Read read(String name, Integer rpe) {
    ParsedActivity p = ActivityFiles.parse(file(name));
    Metrics m = MetricsCalculator.compute(p);
    return new Read(p, m, LoadCalculator.compute(p, m, rpe));
  }

  @Test
  void forerunner110RunShowsTheWatchsDistanceTimeAndHeartRate() {
    Read r = read("fitparse_fr110-run-2013-02-06.fit", null);
    assertThat(r.parsed().format()).isEqualTo(ActivityFormat.FIT);
    assertThat(r.parsed().sport()).isEqualTo("running");
    assertThat(r.parsed().start()).isEqualTo(Instant.parse("2013-02-06T12:11:14Z"));
    assertThat(r.metrics().distanceMeters()).isCloseTo(4835.4, within(0.1));
    assertThat(r.metrics().elapsedSeconds()).isEqualTo(2625);
    assertThat(r.metrics().timerSeconds()).isEqualTo(2625);
    // the watch's own session summary says 147 / 171: computed from the records it agrees
    assertThat(r.metrics().avgHr()).isBetween(146, 148);
    assertThat(r.metrics().maxHr()).isEqualTo(171);
    assertThat(r.metrics().elevationGainMeters()).isEqualTo(168.0);
    assertThat(r.metrics().elevationLossMeters()).isEqualTo(160.0);
    assertThat(r.metrics().sampleCount()).isBetween(580, 590);
    assertThat(r.metrics().movingSeconds()).isLessThanOrEqualTo(r.metrics().timerSeconds()).isGreaterThan(1800);
    // no offset in the file: the local date is taken in UTC, and the athlete is told
    assertThat(r.parsed().utcOffset()).isNull();
    assertThat(r.parsed().timeNote()).contains("UTC");
  }

  @Test
  void fenix2RunWithoutHeartRateInItsSessionGetsItFromTheRecords() {
    Read r = read("fitparse_fenix2-run-2015-08-15.fit", 6);
    assertThat(r.parsed().summary().avgHr()).isNull();
    assertThat(r.metrics().avgHr()).isBetween(140, 170);
    assertThat(r.metrics().maxHr()).isGreaterThan(r.metrics().avgHr());
    assertThat(r.metrics().distanceMeters()).isCloseTo(9008.2, within(0.1));
    assertThat(r.metrics().elapsedSeconds()).isEqualTo(2832);
    // the activity message's local time gives the athlete's offset: two hours ahead of UTC in August
    assertThat(r.parsed().utcOffset()).isEqualTo(ZoneOffset.ofHours(2));
    assertThat(r.parsed().localDate()).isEqualTo(LocalDate.of(2015, 8, 15));
    // running dynamics: the session says 81 strides/min and 106.2 mm
    assertThat(r.metrics().avgCadence()).isBetween(155.0, 170.0);
    assertThat(r.metrics().avgVerticalOscillationMm()).isCloseTo(106.2, within(2.0));
    assertThat(r.metrics().avgGroundContactMs()).isBetween(200.0, 300.0);
    // sRPE = RPE × moving minutes
    assertThat(r.loads().srpeLoad()).isCloseTo(6 * r.metrics().movingSeconds() / 60.0, within(0.1));
    assertThat(r.loads().impactLoad()).isGreaterThan(5.0);
    int histogramSeconds = r.metrics().hrSecondsByBpm().values().stream().mapToInt(Integer::intValue).sum();
    assertThat(histogramSeconds).isCloseTo(2832, within(10));
  }

  @Test
  void fenix5RunKeepsItsBeatToBeatIntervalsAndComputesRmssd() {
    Read r = read("fitparse_fenix5-run-short-with-rr.fit", null);
    assertThat(r.metrics().elapsedSeconds()).isEqualTo(57);
    assertThat(r.metrics().distanceMeters()).isCloseTo(157.6, within(0.1));
    assertThat(r.metrics().rrIntervalsMs()).hasSizeGreaterThan(100).allMatch(rr -> rr >= 300 && rr <= 2000);
    assertThat(r.metrics().rrIntervalsMs().get(0)).isEqualTo(1093);
    assertThat(r.metrics().rmssdMs()).isBetween(10.0, 100.0);
    assertThat(r.parsed().utcOffset()).isEqualTo(ZoneOffset.ofHours(-7));
    assertThat(r.metrics().sampleCount()).isEqualTo(21);
  }

  @Test
  void forerunner70WithCompressedTimestampsAndAnUnsetClockGetsItsLocalDateAndPause() {
    Read r = read("fitparse_fr70-run-footpod-compressed-ts.fit", null);
    // the device counted seconds from power-on; the activity's local time dates it in Feb 2012
    assertThat(r.parsed().localDate()).isEqualTo(LocalDate.of(2012, 2, 13));
    assertThat(r.parsed().utcOffset()).isNull();
    assertThat(r.parsed().timeNote()).contains("clock was not set");
    assertThat(r.metrics().sampleCount()).isEqualTo(755);
    assertThat(r.metrics().distanceMeters()).isCloseTo(10248.7, within(0.1));
    // 3883 s elapsed, 3773 s on the timer: the 110 s pause is not training time
    assertThat(r.metrics().elapsedSeconds()).isEqualTo(3883);
    assertThat(r.metrics().timerSeconds()).isEqualTo(3773);
    assertThat(r.parsed().pauses()).hasSize(1);
    assertThat(r.metrics().movingSeconds()).isLessThanOrEqualTo(3773);
    assertThat(r.metrics().avgHr()).isBetween(169, 171); // watch: 170
    assertThat(r.metrics().avgCadence()).isBetween(170.0, 180.0); // watch: 88 strides/min
  }

  @Test
  void strydRunWithDeveloperFieldsReadsItsPowerAndComputesClimbFromAltitude() {
    Read r = read("fitparse_stryd-run-developer-fields.fit", null);
    assertThat(r.metrics().sampleCount()).isEqualTo(3424);
    assertThat(r.metrics().elapsedSeconds()).isEqualTo(3424);
    assertThat(r.metrics().distanceMeters()).isCloseTo(6754.0, within(0.1));
    assertThat(r.metrics().avgHr()).isBetween(100, 170);
    assertThat(r.metrics().avgPowerWatts()).isCloseTo(218, within(5.0)); // session: avg_power 218
    assertThat(r.metrics().elevationGainMeters()).isNotNull();
    assertThat(r.loads().srpeLoad()).isNull();
  }

  @Test
  void forerunner410TcxShowsDistanceTimeAndHeartRateAcrossItsLaps() {
    Read r = read("tcxparser_fr410-run-2012-12-26.tcx", 5);
    assertThat(r.parsed().format()).isEqualTo(ActivityFormat.TCX);
    assertThat(r.parsed().start()).isEqualTo(Instant.parse("2012-12-26T21:29:53Z"));
    assertThat(r.metrics().distanceMeters()).isCloseTo(4689.2, within(0.1));
    assertThat(r.metrics().timerSeconds()).isEqualTo(1993);
    assertThat(r.metrics().elapsedSeconds()).isBetween(1992L, 1993L);
    assertThat(r.metrics().avgHr()).isBetween(150, 170);
    assertThat(r.metrics().maxHr()).isEqualTo(189);
    assertThat(r.metrics().sampleCount()).isEqualTo(384); // the last trackpoint has only a time
    assertThat(r.parsed().pauses()).isEmpty(); // one Track per lap is not a pause
    assertThat(r.metrics().elevationGainMeters()).isGreaterThan(20.0);
    assertThat(r.metrics().avgPaceSecondsPerKm()).isBetween(400.0, 440.0);
  }

  @Test
  void appleHealthRouteGpxIsReadWithItsDuplicateSecondMerged() {
    Read r = read("apple-health-route-2019-06-11.gpx", null);
    assertThat(r.parsed().format()).isEqualTo(ActivityFormat.GPX);
    assertThat(r.parsed().sport()).isEqualTo("running");
    assertThat(r.parsed().start()).isEqualTo(Instant.parse("2019-06-11T22:00:42Z"));
    assertThat(r.metrics().sampleCount()).isEqualTo(2); // three points, two in the same second
    assertThat(r.parsed().samples().get(0).speed()).isCloseTo(0.18, within(0.01));
    assertThat(r.metrics().avgHr()).isNull();
    assertThat(r.metrics().hrSecondsByBpm()).isEmpty();
  }
}
