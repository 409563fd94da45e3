package org.runningcoach.faults;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.runningcoach.faults.Athletes.Athlete;

/**
 * The generated, bounded workload: per athlete a fixed mix of check-ins (some dates submitted
 * again with other answers), Garmin pushes (dailies, sleeps, HRV; exact redeliveries and updated
 * summaries), JSON and FIT activity uploads (and copies of them) and a life event, in a seeded
 * random order in which a re-submission always follows what it repeats. An athlete's operations
 * run one after another, so "the last accepted version" is well defined.
 */
final class Workload {

  enum Kind { DEVICE_LINK, PLAN, CHECKIN, GARMIN, ACTIVITY_JSON, ACTIVITY_FIT, LIFE_EVENT }

  static final String GARMIN_CLIENT_ID = "dev-garmin-consumer-key";
  static final String GARMIN_SECRET = "dev-garmin-signing-secret";

  /** One request of the workload; {@code key} names what it writes (a date, a Garmin summary id, a start time). */
  record Op(Athlete athlete, Kind kind, String path, String contentType, byte[] body, String key, LocalDate date,
      boolean repeat) {

    boolean signed() {
      return kind == Kind.GARMIN;
    }

    boolean needsToken() {
      return kind != Kind.GARMIN;
    }

    Map<String, String> headers() {
      if (!signed()) {
        return Map.of();
      }
      String ts = String.valueOf(System.currentTimeMillis() / 1000);
      return Map.of("garmin-client-id", GARMIN_CLIENT_ID, "x-runningcoach-timestamp", ts,
          "x-runningcoach-signature", hmac(ts + "." + new String(body, StandardCharsets.UTF_8)));
    }
  }

  final List<List<Op>> setup = new ArrayList<>();
  final List<List<Op>> load = new ArrayList<>();
  final Map<Kind, Integer> counts = new EnumMap<>(Kind.class);
  final LocalDate today = LocalDate.now(ZoneOffset.UTC);

  Workload(List<Athlete> athletes, Path dataDir, long seed) throws Exception {
    byte[] fit = Files.readAllBytes(dataDir.resolve("activities/fitparse_fr70-run-footpod-compressed-ts.fit"));
    for (Athlete a : athletes) {
      Random rnd = new Random(seed + a.index);
      List<Op> s = new ArrayList<>();
      s.add(op(a, Kind.DEVICE_LINK, "/device-links/garmin", obj().put("garminUserId", a.garminUserId()), null, null, false));
      ObjectNode plan = obj().put("raceDate", today.plusWeeks(12).toString()).put("distance", "HALF")
          .put("currentWeeklyKm", 30.0).put("longRunDay", "SUNDAY"); // starts today: today's check-ins adapt it
      ArrayNode days = plan.putArray("availableDays");
      for (DayOfWeek d : DayOfWeek.values()) {
        days.add(d.name());
      }
      s.add(op(a, Kind.PLAN, "/plans", plan, null, null, false));
      setup.add(s);

      List<Op> base = new ArrayList<>();
      List<Op> repeats = new ArrayList<>();
      for (int d = 0; d < 16; d++) {
        LocalDate date = today.minusDays(d);
        base.add(checkin(a, date, rnd, false));
        if (d % 4 == 1) {
          repeats.add(checkin(a, date, rnd, true));
        }
      }
      for (int d = 1; d <= 6; d++) {
        LocalDate date = today.minusDays(d);
        for (String type : List.of("dailies", "sleeps", "hrv")) {
          ObjectNode summary = garminSummary(a, type, date, rnd);
          base.add(garmin(a, type, date, summary, false));
          if ((d + type.length()) % 5 == 0) {
            repeats.add(garmin(a, type, date, summary, true)); // exact redelivery
          }
          if ((d + type.length()) % 5 == 1) {
            ObjectNode updated = garminSummary(a, type, date, rnd); // same summary, new values
            repeats.add(garmin(a, type, date, updated, true));
          }
        }
      }
      for (int i = 0; i < 3; i++) {
        LocalDate date = today.minusDays(2 + 4 * i);
        ObjectNode act = obj().put("startTime", date + "T07:" + String.format("%02d", a.index % 60) + ":00+01:00")
            .put("sport", "running").put("durationSeconds", 1800 + 300 * rnd.nextInt(8))
            .put("distanceMeters", 5000.0 + rnd.nextInt(7000)).put("avgHr", 130 + rnd.nextInt(30)).put("rpe", 3 + rnd.nextInt(6));
        base.add(op(a, Kind.ACTIVITY_JSON, "/activity", act, act.get("startTime").asText(), date, false));
        if (i == 0) {
          repeats.add(op(a, Kind.ACTIVITY_JSON, "/activity", act, act.get("startTime").asText(), date, true));
        }
      }
      if (a.index % 3 == 0) {
        String boundary = "faults" + a.index;
        byte[] body = Http.multipart(boundary, "run.fit", fit);
        base.add(new Op(a, Kind.ACTIVITY_FIT, "/activity", "multipart/form-data; boundary=" + boundary, body, "fit", null, false));
        repeats.add(new Op(a, Kind.ACTIVITY_FIT, "/activity", "multipart/form-data; boundary=" + boundary, body, "fit", null, true));
      }
      LocalDate travel = today.minusDays(5 + rnd.nextInt(5));
      base.add(op(a, Kind.LIFE_EVENT, "/life-event", obj().put("type", "TRAVEL").put("startDate", travel.toString())
          .put("endDate", travel.plusDays(2).toString()), null, travel, false));

      java.util.Collections.shuffle(base, rnd);
      List<Op> ops = new ArrayList<>(base);
      for (Op r : repeats) {
        int original = 0;
        for (int i = 0; i < ops.size(); i++) {
          Op o = ops.get(i);
          if (o.kind() == r.kind() && java.util.Objects.equals(o.key(), r.key()) && java.util.Objects.equals(o.date(), r.date())) {
            original = i;
          }
        }
        ops.add(original + 1 + rnd.nextInt(ops.size() - original), r);
      }
      ops.forEach(o -> counts.merge(o.kind(), 1, Integer::sum));
      load.add(ops);
    }
  }

  int size() {
    return load.stream().mapToInt(List::size).sum();
  }

  private Op checkin(Athlete a, LocalDate date, Random rnd, boolean repeat) {
    ObjectNode c = obj().put("date", date.toString()).put("sleepHours", 4.0 + rnd.nextInt(9) * 0.5)
        .put("soreness", 1 + rnd.nextInt(9)).put("stress", 1 + rnd.nextInt(9)).put("mood", 1 + rnd.nextInt(10));
    return op(a, Kind.CHECKIN, "/checkin", c, date.toString(), date, repeat);
  }

  private static ObjectNode garminSummary(Athlete a, String type, LocalDate date, Random rnd) {
    long midnight = date.atStartOfDay().toEpochSecond(ZoneOffset.UTC);
    ObjectNode s = obj().put("userId", a.garminUserId()).put("summaryId", type.charAt(0) + "-" + a.index + "-" + date)
        .put("calendarDate", date.toString()).put("startTimeOffsetInSeconds", 0);
    switch (type) {
      case "dailies" -> s.put("startTimeInSeconds", midnight).put("durationInSeconds", 86400)
          .put("steps", 4000 + rnd.nextInt(10000)).put("restingHeartRateInBeatsPerMinute", 42 + rnd.nextInt(20))
          .put("averageStressLevel", 20 + rnd.nextInt(40));
      case "sleeps" -> s.put("startTimeInSeconds", midnight - 7200).put("durationInSeconds", 18000 + 600 * rnd.nextInt(24))
          .put("validation", "AUTO_FINAL");
      default -> s.put("startTimeInSeconds", midnight - 3600).put("durationInSeconds", 28000)
          .put("lastNightAvg", 40 + rnd.nextInt(60)).put("lastNight5MinHigh", 110);
    }
    return s;
  }

  private static Op garmin(Athlete a, String type, LocalDate date, ObjectNode summary, boolean repeat) {
    ObjectNode body = obj();
    body.putArray(type).add(summary);
    return op(a, Kind.GARMIN, "/webhooks/garmin", body, summary.get("summaryId").asText(), date, repeat);
  }

  private static Op op(Athlete a, Kind kind, String path, ObjectNode body, String key, LocalDate date, boolean repeat) {
    try {
      return new Op(a, kind, path, "application/json", Http.JSON.writeValueAsBytes(body), key, date, repeat);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static ObjectNode obj() {
    return Http.JSON.createObjectNode();
  }

  static String hmac(String text) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(GARMIN_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return java.util.HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
