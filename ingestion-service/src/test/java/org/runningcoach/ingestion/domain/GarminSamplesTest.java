package org.runningcoach.ingestion.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.runningcoach.events.HealthDataReceived;
import org.runningcoach.events.HealthDataReceived.DataSource;
import org.runningcoach.events.HealthDataReceived.HealthDataKind;
import org.runningcoach.events.HealthDataReceived.HrvMetric;
import org.runningcoach.ingestion.domain.GarminNotification.Summary;

/** Real Garmin webhook bodies (open-wearables fixtures) → what readiness receives. */
class GarminSamplesTest {

  static final UUID RECORD = UUID.fromString("00000000-0000-0000-0000-000000000001");
  static final Instant AT = Instant.parse("2026-01-14T08:00:00Z");

  static byte[] sample(String name) throws IOException {
    try (InputStream in = GarminSamplesTest.class.getResourceAsStream("/vendor/" + name)) {
      return in.readAllBytes();
    }
  }

  static Summary only(String file) throws IOException {
    List<Summary> summaries = GarminNotification.parse(sample(file));
    assertThat(summaries).hasSize(1);
    return summaries.get(0);
  }

  static List<HealthDataReceived> readings(Summary s) {
    return GarminReadings.of(s, "athlete-1", RECORD, AT);
  }

  @Test
  void aDailyGivesTheRestingHeartRateOfItsCalendarDate() throws IOException {
    Summary daily = only("openwearables-push-dailies.json");
    assertThat(daily.type()).isEqualTo("dailies");
    assertThat(daily.userId()).isEqualTo("garmin_user_123");

    List<HealthDataReceived> events = readings(daily);
    // No averageStressLevel in this daily: no stress event rather than a zero.
    assertThat(events).singleElement().satisfies(e -> {
      assertThat(e.kind()).isEqualTo(HealthDataKind.RESTING_HR);
      assertThat(e.source()).isEqualTo(DataSource.GARMIN);
      assertThat(e.localDate()).isEqualTo(LocalDate.parse("2026-01-13"));
      assertThat(e.restingHr().bpm()).isEqualTo(43);
      assertThat(e.athleteId()).isEqualTo("athlete-1");
      assertThat(e.recordId()).isEqualTo(RECORD);
      assertThat(e.recordedAt()).isEqualTo(AT);
    });
  }

  @Test
  void anOvernightHrvIsRmssdOnTheMorningItEndsOn() throws IOException {
    List<HealthDataReceived> events = readings(only("openwearables-push-hrv.json"));
    assertThat(events).singleElement().satisfies(e -> {
      assertThat(e.kind()).isEqualTo(HealthDataKind.HRV);
      assertThat(e.hrv().metric()).isEqualTo(HrvMetric.RMSSD);
      assertThat(e.hrv().valueMs()).isEqualTo(84.0);
      assertThat(e.localDate()).isEqualTo(LocalDate.parse("2026-01-14"));
      assertThat(e.hrv().measuredAt()).isEqualTo(Instant.ofEpochSecond(1768340715L + 36565));
    });
  }

  @Test
  void aMinimalSleepGivesItsDurationInHoursOnItsCalendarDate() throws IOException {
    List<HealthDataReceived> events = readings(only("openwearables-push-sleeps-minimal.json"));
    assertThat(events).singleElement().satisfies(e -> {
      assertThat(e.kind()).isEqualTo(HealthDataKind.SLEEP);
      assertThat(e.localDate()).isEqualTo(LocalDate.parse("2026-01-13"));
      assertThat(e.sleep().totalHours()).isEqualTo(8.0);
      assertThat(e.sleep().deepHours()).isNull();
      assertThat(e.sleep().start()).isEqualTo(Instant.ofEpochSecond(1768290000L));
      assertThat(e.sleep().end()).isEqualTo(Instant.ofEpochSecond(1768290000L + 28800));
    });
  }

  @Test
  void summaryTypesReadinessDoesNotUseAreKeptButAnnounceNothing() throws IOException {
    for (String file : List.of("openwearables-push-activities.json", "openwearables-push-pulseox.json",
        "openwearables-deregistrations.json", "openwearables-userPermissionsChange-reduced.json")) {
      Summary s = only(file);
      assertThat(s.userId()).as(file).isEqualTo("garmin_user_123");
      assertThat(readings(s)).as(file).isEmpty();
    }
  }

  @Test
  void aPingIsRecognisedByItsCallbackUrl() throws IOException {
    Summary ping = only("openwearables-ping-activities.json");
    assertThat(ping.isPing()).isTrue();
    assertThat(ping.callbackUrl()).isEqualTo("https://apis.garmin.com/wellness-api/rest/activities?token=abc");
  }

  @Test
  void stagesAndStressAreReadWhenPresentAndMinusOneMeansNoStress() throws IOException {
    String body = """
        {"sleeps":[{"userId":"u","calendarDate":"2026-03-02","startTimeInSeconds":1772402400,"durationInSeconds":25200,
          "deepSleepDurationInSeconds":5400,"lightSleepDurationInSeconds":14400,"remSleepInSeconds":5400,
          "awakeDurationInSeconds":1800,"validation":"ENHANCED_FINAL","someFieldGarminAddsLater":{"x":1}}],
         "dailies":[{"userId":"u","calendarDate":"2026-03-02","averageStressLevel":-1,"maxStressLevel":-1},
                    {"userId":"u","calendarDate":"2026-03-03","averageStressLevel":37,"maxStressLevel":91,
                     "restingHeartRateInBeatsPerMinute":48}]}""";
    List<Summary> summaries = GarminNotification.parse(body.getBytes(StandardCharsets.UTF_8));
    assertThat(summaries).hasSize(3);

    HealthDataReceived sleep = readings(summaries.get(0)).get(0);
    assertThat(sleep.sleep().totalHours()).isEqualTo(7.0);
    assertThat(sleep.sleep().deepHours()).isEqualTo(1.5);
    assertThat(sleep.sleep().lightHours()).isEqualTo(4.0);
    assertThat(sleep.sleep().remHours()).isEqualTo(1.5);
    assertThat(sleep.sleep().awakeHours()).isEqualTo(0.5);
    assertThat(sleep.sleep().end()).isEqualTo(Instant.ofEpochSecond(1772402400L + 25200 + 1800));

    assertThat(readings(summaries.get(1))).isEmpty();
    assertThat(readings(summaries.get(2))).extracting(HealthDataReceived::kind)
        .containsExactly(HealthDataKind.RESTING_HR, HealthDataKind.STRESS);
    assertThat(readings(summaries.get(2)).get(1).stress()).isEqualTo(new HealthDataReceived.Stress(37, 91));
  }

  @Test
  void anOffWristSleepOrAFieldOfTheWrongTypeIsKeptRawWithoutAnEvent() throws IOException {
    String body = """
        {"sleeps":[{"userId":"u","calendarDate":"2026-03-02","durationInSeconds":25200,"validation":"OFF_WRIST"}],
         "hrv":[{"userId":"u","calendarDate":"2026-03-02","lastNightAvg":"n/a"}],
         "dailies":[{"userId":"u","restingHeartRateInBeatsPerMinute":50}]}""";
    List<Summary> summaries = GarminNotification.parse(body.getBytes(StandardCharsets.UTF_8));
    assertThat(summaries).hasSize(3);
    for (Summary s : summaries) {
      assertThat(readings(s)).as(s.type()).isEmpty();
    }
  }

  @Test
  void anUpdateOfTheSameSummaryHasTheSameKeyAndARedeliveryTheSameHash() throws IOException {
    String first = "{\"dailies\":[{\"userId\":\"u\",\"summaryId\":\"d1\",\"startTimeInSeconds\":100,\"durationInSeconds\":3600}]}";
    String update = "{\"dailies\":[{\"userId\":\"u\",\"summaryId\":\"d1\",\"startTimeInSeconds\":100,\"durationInSeconds\":86400}]}";
    Summary a = GarminNotification.parse(first.getBytes(StandardCharsets.UTF_8)).get(0);
    Summary again = GarminNotification.parse(first.getBytes(StandardCharsets.UTF_8)).get(0);
    Summary b = GarminNotification.parse(update.getBytes(StandardCharsets.UTF_8)).get(0);
    assertThat(b.dedupeKey()).isEqualTo(a.dedupeKey());
    assertThat(again.contentHash()).isEqualTo(a.contentHash());
    assertThat(b.contentHash()).isNotEqualTo(a.contentHash());
  }

  @Test
  void epochsOfDifferentActivityTypesInOneBucketAreDifferentRecords() throws IOException {
    String body = "{\"epochs\":[{\"userId\":\"u\",\"startTimeInSeconds\":900,\"activityType\":\"WALKING\"},"
        + "{\"userId\":\"u\",\"startTimeInSeconds\":900,\"activityType\":\"SEDENTARY\"}]}";
    List<Summary> epochs = GarminNotification.parse(body.getBytes(StandardCharsets.UTF_8));
    assertThat(epochs.get(0).dedupeKey()).isNotEqualTo(epochs.get(1).dedupeKey());
  }

  @Test
  void emptyItemsAndItemsWithoutAUserAreSkippedAndNonObjectsAreRefused() throws IOException {
    String body = "{\"dailies\":[{}, {\"calendarDate\":\"2026-01-01\"}], \"unknownType\":[{\"userId\":\"u\"}]}";
    List<Summary> summaries = GarminNotification.parse(body.getBytes(StandardCharsets.UTF_8));
    assertThat(summaries).extracting(Summary::type).containsExactly("unknownType");

    assertThatThrownBy(() -> GarminNotification.parse("{\"dailies\":[],\"x\":5}".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(JsonProcessingException.class).hasMessageContaining("'x' must be a list of summaries");
    assertThatThrownBy(() -> GarminNotification.parse("{\"dailies\":[3]}".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(JsonProcessingException.class).hasMessageContaining("must be a summary object");
    assertThatThrownBy(() -> GarminNotification.parse("[1,2]".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(JsonProcessingException.class);
    assertThatThrownBy(() -> GarminNotification.parse("{\"dailies\":[".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(JsonProcessingException.class);
  }
}
