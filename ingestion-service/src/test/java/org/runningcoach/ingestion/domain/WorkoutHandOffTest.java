package org.runningcoach.ingestion.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.runningcoach.events.ActivityReported;

class WorkoutHandOffTest {

  static final UUID RECORD = UUID.fromString("00000000-0000-0000-0000-000000000002");
  static final Instant AT = Instant.parse("2026-01-14T08:00:00Z");

  static Optional<ActivityReported> garmin(String activityJson) throws Exception {
    List<GarminNotification.Summary> s = GarminNotification.parse(
        ("{\"activities\":[" + activityJson + "]}").getBytes(StandardCharsets.UTF_8));
    return WorkoutHandOff.garmin(s.get(0), "athlete-1", RECORD, AT);
  }

  @Test
  void theRealGarminPushBecomesAHandOffWithEveryFieldItHas() throws Exception {
    GarminNotification.Summary summary = GarminSamplesTest.only("openwearables-push-activities.json");
    ActivityReported a = WorkoutHandOff.garmin(summary, "athlete-1", RECORD, AT).orElseThrow();
    assertThat(a).isEqualTo(new ActivityReported("athlete-1", RECORD, ActivityReported.Source.GARMIN, "21047282990",
        "running", Instant.ofEpochSecond(1763597760), 3600, 3600, null, null, null, null, "Forerunner 965", AT));
  }

  @Test
  void durationHeartRateDistanceAndSportAtTheirEdges() throws Exception {
    String base = "{\"userId\":\"u\",\"summaryId\":\"s\",\"startTimeInSeconds\":1763597760,\"activityType\":\"%s\","
        + "\"durationInSeconds\":%d,\"averageHeartRateInBeatsPerMinute\":%d,\"maxHeartRateInBeatsPerMinute\":%d,"
        + "\"distanceInMeters\":%s}";
    assertThat(garmin(base.formatted("RUNNING", 0, 150, 170, "1000"))).isEmpty();
    assertThat(garmin(base.formatted("RUNNING", 172_801, 150, 170, "1000"))).isEmpty();
    ActivityReported longest = garmin(base.formatted("TRAIL_RUNNING", 172_800, 25, 250, "0")).orElseThrow();
    assertThat(longest.durationSeconds()).isEqualTo(172_800);
    assertThat(longest.avgHr()).isEqualTo(25);
    assertThat(longest.maxHr()).isEqualTo(250);
    assertThat(longest.distanceMeters()).isZero();
    assertThat(longest.sport()).isEqualTo("trail_running");
    assertThat(longest.utcOffsetSeconds()).isNull();
    ActivityReported odd = garmin(base.formatted("STREET_RUNNING", 60, 24, 251, "-5")).orElseThrow();
    assertThat(odd.avgHr()).isNull();
    assertThat(odd.maxHr()).isNull();
    assertThat(odd.distanceMeters()).isNull();
    assertThat(odd.sport()).isEqualTo("running");
    assertThat(garmin(base.formatted("INDOOR_RUNNING", 60, 160, 150, "1")).orElseThrow().maxHr()).isNull();
    assertThat(garmin(base.formatted("Yoga 2", 60, 100, 110, "0")).orElseThrow().sport()).isEqualTo("other");
    assertThat(garmin("{\"userId\":\"u\",\"summaryId\":\"s\",\"durationInSeconds\":60}")).isEmpty();
  }

  static AppleSamples.Sample workout(String start, String end, Double value, String unit) {
    return new AppleSamples.Sample(AppleSamples.Type.WORKOUT, OffsetDateTime.parse(start), OffsetDateTime.parse(end), value,
        unit, null, "Apple Watch");
  }

  @Test
  void appleWorkoutsKeepTheirOffsetAndDistanceInMetresAndOnlyWorkoutsAreHandedOver() {
    List<ActivityReported> out = WorkoutHandOff.apple(List.of(
        workout("2026-02-11T06:00:00+09:00", "2026-02-11T07:00:00+09:00", 10.0, "km"),
        workout("2026-02-12T06:00:00-05:00", "2026-02-12T06:30:00-05:00", 3.0, "mi"),
        workout("2026-02-13T06:00:00Z", "2026-02-13T06:00:00Z", 1.0, "km"),
        workout("2026-02-14T06:00:00Z", "2026-02-14T06:20:00Z", 5.0, "kcal"),
        new AppleSamples.Sample(AppleSamples.Type.RESTING_HR, OffsetDateTime.parse("2026-02-11T06:00:00Z"),
            OffsetDateTime.parse("2026-02-11T06:01:00Z"), 50.0, "bpm", null, "Apple Watch")), "athlete-1", RECORD, AT);
    assertThat(out).hasSize(3);
    assertThat(out.get(0).distanceMeters()).isEqualTo(10_000.0);
    assertThat(out.get(0).utcOffsetSeconds()).isEqualTo(9 * 3600);
    assertThat(out.get(0).durationSeconds()).isEqualTo(3600);
    assertThat(out.get(1).distanceMeters()).isCloseTo(4828.0, org.assertj.core.data.Offset.offset(0.1));
    assertThat(out.get(2).distanceMeters()).isNull(); // kcal is not a distance
    assertThat(out).allSatisfy(a -> {
      assertThat(a.source()).isEqualTo(ActivityReported.Source.APPLE);
      assertThat(a.sport()).isEqualTo("workout");
      assertThat(a.device()).isEqualTo("Apple Watch");
    });
  }
}
