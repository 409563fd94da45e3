package org.runningcoach.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.runningcoach.faults.Athletes.Athlete;
import org.runningcoach.faults.Driver.Outcome;
import org.runningcoach.faults.Workload.Kind;

/**
 * Compares what the driver was promised (every 2xx) with what the system holds once it is quiet:
 * each accepted input present exactly once in the service that owns it and taken in by its
 * consumers; the last accepted version of a re-submitted check-in or an updated Garmin summary is
 * the one in force; every BodyState equals its recomputation from the stored inputs (readiness'
 * replay); every plan adaptation names an event the scheduler processed, none applied twice, the
 * scheduler's view of each day is the latest BodyState of that day, and every plan equals the
 * plan rebuilt from its request and its inputs in their order (the scheduler's replay check).
 */
final class Checker {

  /** Counts per category; up to five examples of each problem for the report. */
  static final class Tally {
    final Map<String, int[]> rows = new LinkedHashMap<>(); // accepted, stored, lost, duplicated, mismatched
    final List<String> examples = new ArrayList<>();

    int[] row(String category) {
      return rows.computeIfAbsent(category, k -> new int[5]);
    }

    void accepted(String c) { row(c)[0]++; }
    void stored(String c) { row(c)[1]++; }
    void lost(String c, String what) { row(c)[2]++; example("LOST " + c + ": " + what); }
    void duplicated(String c, String what) { row(c)[3]++; example("DUPLICATED " + c + ": " + what); }
    void mismatched(String c, String what) { row(c)[4]++; example("MISMATCHED " + c + ": " + what); }

    private void example(String s) {
      if (examples.size() < 25) {
        examples.add(s);
      }
    }

    int total(int column) {
      return rows.values().stream().mapToInt(r -> r[column]).sum();
    }

    String table() {
      StringBuilder sb = new StringBuilder(String.format("%-34s %9s %7s %5s %10s %10s%n",
          "", "accepted", "stored", "lost", "duplicated", "mismatched"));
      rows.forEach((k, r) -> sb.append(String.format("%-34s %9d %7d %5d %10d %10d%n", k, r[0], r[1], r[2], r[3], r[4])));
      sb.append(String.format("%-34s %9d %7d %5d %10d %10d%n", "TOTAL", total(0), total(1), total(2), total(3), total(4)));
      return sb.toString();
    }
  }

  final Tally tally = new Tally();
  final Map<String, Integer> unacknowledged = new TreeMap<>();
  private final Connection db;
  private final List<Outcome> accepted;
  private final List<Athlete> athletes;

  Checker(List<Outcome> accepted, List<Athlete> athletes) throws Exception {
    this.db = DriverManager.getConnection(Infra.JDBC, "postgres", "");
    this.accepted = accepted;
    this.athletes = athletes;
  }

  /** Waits until every outbox is empty and every accepted event is processed (at most 4 minutes). */
  void awaitQuiet() throws Exception {
    Set<String> events = new HashSet<>();
    for (Outcome o : accepted) {
      if (o.answer().json().hasNonNull("eventId") && o.op().kind() != Kind.PLAN) {
        events.add(o.answer().json().get("eventId").asText());
      }
    }
    long deadline = System.nanoTime() + 240_000_000_000L;
    while (System.nanoTime() < deadline) {
      long outbox = longOf("SELECT (SELECT count(*) FROM ingestion.outbox) + (SELECT count(*) FROM activity.outbox)"
          + " + (SELECT count(*) FROM readiness.outbox) + (SELECT count(*) FROM scheduler.outbox)");
      long processed = longOf("SELECT count(DISTINCT event_id) FROM readiness.processed_event WHERE event_id = ANY(?::uuid[])",
          (Object) events.toArray(new String[0]));
      long behind = longOf("SELECT count(*) FROM readiness.body_state b LEFT JOIN scheduler.day_readiness d"
          + " ON d.athlete_id = b.athlete_id AND d.local_date = b.local_date"
          + " WHERE d.body_state_event_id IS DISTINCT FROM b.event_id");
      if (outbox == 0 && processed == events.size() && behind == 0) {
        Thread.sleep(2000); // a last look: nothing in flight between the queries
        return;
      }
      Thread.sleep(1000);
    }
  }

  void checkAll() throws Exception {
    checkins();
    lifeEvents();
    activities();
    garmin();
    plans();
    bodyStates();
  }

  private Map<String, List<Outcome>> byKind(Kind kind) {
    Map<String, List<Outcome>> m = new LinkedHashMap<>();
    for (Outcome o : accepted) {
      if (o.op().kind() == kind) {
        m.computeIfAbsent(o.op().athlete().id + "|" + o.op().key(), k -> new ArrayList<>()).add(o);
      }
    }
    return m;
  }

  private void checkins() throws Exception {
    String c = "check-ins (ingestion)";
    String d = "check-ins → readiness";
    String latest = "check-in in force = last accepted";
    Set<String> acceptedIds = new HashSet<>();
    for (List<Outcome> versions : byKind(Kind.CHECKIN).values()) {
      for (Outcome o : versions) {
        String id = o.answer().json().get("id").asText();
        String eventId = o.answer().json().get("eventId").asText();
        acceptedIds.add(id);
        count(c, longOf("SELECT count(*) FROM ingestion.checkin WHERE id = ?::uuid", id), "check-in " + id);
        count(d, longOf("SELECT count(*) FROM readiness.processed_event WHERE consumer = 'readiness' AND event_id = ?::uuid", eventId),
            "event " + eventId);
      }
      Outcome last = versions.get(versions.size() - 1);
      tally.accepted(latest);
      String inForce = stringOf("SELECT event_id::text FROM readiness.daily_input WHERE athlete_id = ? AND local_date = ?::date"
          + " AND kind = 'CHECKIN'", last.op().athlete().id, last.op().date().toString());
      if (last.answer().json().get("eventId").asText().equals(inForce)) {
        tally.stored(latest);
      } else {
        tally.mismatched(latest, last.op().athlete().username + " " + last.op().date() + ": in force " + inForce);
      }
    }
    long all = longOf("SELECT count(*) FROM ingestion.checkin");
    unacknowledged.put("check-ins stored without a 2xx (a retried request whose first try landed)",
        (int) (all - acceptedIds.size()));
  }

  private void lifeEvents() throws Exception {
    String c = "life events (ingestion)";
    for (List<Outcome> list : byKind(Kind.LIFE_EVENT).values()) {
      for (Outcome o : list) {
        String id = o.answer().json().get("id").asText();
        String eventId = o.answer().json().get("eventId").asText();
        count(c, longOf("SELECT count(*) FROM ingestion.life_event WHERE id = ?::uuid", id), "life event " + id);
        count("life events → readiness", longOf("SELECT count(*) FROM readiness.life_event WHERE life_event_id = ?::uuid", id),
            "life event " + id);
        count("life events → scheduler", longOf("SELECT count(*) FROM scheduler.processed_event WHERE consumer = 'scheduler'"
            + " AND event_id = ?::uuid", eventId), "event " + eventId);
      }
    }
  }

  private void activities() throws Exception {
    String c = "activities (activity)";
    String d = "activities → readiness";
    Map<String, List<Outcome>> all = new LinkedHashMap<>(byKind(Kind.ACTIVITY_JSON));
    all.putAll(byKind(Kind.ACTIVITY_FIT));
    for (List<Outcome> copies : all.values()) {
      String kept = null;
      for (Outcome o : copies) {
        String id = o.answer().json().get("id").asText();
        if (kept != null && !kept.equals(id)) {
          tally.duplicated(c, o.op().athlete().username + " " + o.op().key() + " kept twice: " + kept + ", " + id);
        }
        kept = id;
      }
      Outcome first = copies.get(0);
      count(c, longOf("SELECT count(*) FROM activity.activity WHERE id = ?::uuid", kept), "activity " + kept);
      String eventId = first.answer().json().get("eventId").asText();
      count(d, longOf("SELECT count(*) FROM readiness.daily_input WHERE kind = 'WORKOUT' AND event_id = ?::uuid", eventId),
          "workout event " + eventId);
    }
    for (Athlete a : athletes) {
      long dupes = longOf("SELECT count(*) FROM (SELECT start_time FROM activity.activity WHERE athlete_id = ?"
          + " GROUP BY start_time HAVING count(*) > 1) x", a.id);
      for (int i = 0; i < dupes; i++) {
        tally.duplicated(c, a.username + ": one run stored twice");
      }
    }
  }

  static String sha256(String text) throws Exception {
    return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
        .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
  }

  private void garmin() throws Exception {
    String c = "Garmin summaries (ingestion inbox)";
    String latest = "Garmin summary = last accepted";
    String d = "Garmin summaries → readiness";
    for (List<Outcome> versions : byKind(Kind.GARMIN).values()) {
      Outcome last = versions.get(versions.size() - 1);
      JsonNode body = Http.JSON.readTree(last.op().body());
      String type = body.fieldNames().next();
      JsonNode expected = body.get(type).get(0);
      String who = last.op().athlete().username + " " + last.op().key();
      // Payloads are sealed at rest: a kept summary is found by the hash ingestion records of the item
      // as received (SHA-256 of its compact JSON), over every version the driver sent of it.
      List<String> hashes = new java.util.ArrayList<>();
      for (Outcome v : versions) {
        hashes.add(sha256(Http.JSON.readTree(v.op().body()).get(type).get(0).toString()));
      }
      String lastHash = sha256(expected.toString());
      Object[] params = new Object[hashes.size() + 2];
      params[0] = last.op().athlete().garminUserId();
      params[1] = type;
      for (int i = 0; i < hashes.size(); i++) {
        params[i + 2] = hashes.get(i);
      }
      List<String> kept = strings("SELECT content_hash FROM ingestion.webhook_inbox WHERE vendor_user_id = ?"
          + " AND summary_type = ? AND content_hash IN (" + String.join(",", java.util.Collections.nCopies(hashes.size(), "?"))
          + ")", params);
      tally.accepted(c);
      if (kept.isEmpty()) {
        tally.lost(c, who);
      } else if (kept.size() > 1) {
        tally.duplicated(c, who);
      } else {
        tally.stored(c);
        tally.accepted(latest);
        if (kept.get(0).equals(lastHash)) {
          tally.stored(latest);
        } else {
          tally.mismatched(latest, who + ": an earlier version is in force");
        }
      }
      String kind = switch (type) {
        case "dailies" -> "RESTING_HR";
        case "sleeps" -> "SLEEP";
        default -> "HRV";
      };
      count(d, longOf("SELECT count(*) FROM readiness.daily_input WHERE athlete_id = ? AND local_date = ?::date AND kind = ?",
          last.op().athlete().id, last.op().date().toString(), kind), who + " " + kind);
    }
  }

  /** Adaptations against the events that caused them; the scheduler's day view against readiness. */
  private void plans() throws Exception {
    String c = "plan adaptations (scheduler)";
    try (PreparedStatement q = db.prepareStatement("""
        SELECT a.id::text, a.caused_by::text, p.event_id IS NOT NULL
        FROM scheduler.adaptation_log a
        LEFT JOIN scheduler.processed_event p ON p.event_id = a.caused_by AND p.consumer = 'scheduler'
        WHERE a.actor = 'ENGINE'""");
        ResultSet rs = q.executeQuery()) {
      while (rs.next()) {
        tally.accepted(c);
        if (rs.getString(2) == null || !rs.getBoolean(3)) {
          tally.mismatched(c, "adaptation " + rs.getString(1) + " caused by an event the scheduler never processed: "
              + rs.getString(2));
        } else {
          tally.stored(c);
        }
      }
    }
    for (String twice : strings("SELECT caused_by || ' ' || workout_id || ' ' || rule FROM scheduler.adaptation_log"
        + " WHERE actor = 'ENGINE' GROUP BY caused_by, workout_id, rule HAVING count(*) > 1")) {
      tally.duplicated(c, "event applied twice: " + twice);
    }
    String v = "scheduler day view = latest BodyState";
    try (PreparedStatement q = db.prepareStatement("""
        SELECT b.athlete_id, b.local_date::text, b.state->'overall'->>'directive', d.directive,
               b.event_id = d.body_state_event_id
        FROM readiness.body_state b LEFT JOIN scheduler.day_readiness d
          ON d.athlete_id = b.athlete_id AND d.local_date = b.local_date""");
        ResultSet rs = q.executeQuery()) {
      while (rs.next()) {
        tally.accepted(v);
        if (rs.getString(4) == null) {
          tally.lost(v, rs.getString(1) + " " + rs.getString(2));
        } else if (!rs.getBoolean(5) || !rs.getString(3).equals(rs.getString(4))) {
          tally.mismatched(v, rs.getString(1) + " " + rs.getString(2) + ": readiness " + rs.getString(3)
              + ", scheduler " + rs.getString(4));
        } else {
          tally.stored(v);
        }
      }
    }
    String r = "plan = replay of its inputs";
    for (Athlete a : athletes) {
      Http.Answer check = Http.send("POST", Infra.GATEWAY + "/plans/current/replay-check", a.token, null, null, Map.of());
      if (check.status() == 401) {
        a.refresh();
        check = Http.send("POST", Infra.GATEWAY + "/plans/current/replay-check", a.token, null, null, Map.of());
      }
      if (check.status() == 404) {
        continue; // no plan
      }
      tally.accepted(r);
      if (check.status() == 200 && check.json().path("equal").asBoolean(false)) {
        tally.stored(r);
      } else {
        tally.mismatched(r, a.username + ": replay check answered " + check.status() + " " + check.body());
      }
    }
  }

  /** Every stored BodyState against a recomputation from the stored inputs (readiness' replay route). */
  private void bodyStates() throws Exception {
    String c = "BodyState = recomputation";
    for (Athlete a : athletes) {
      Map<String, String> stored = new TreeMap<>();
      try (PreparedStatement q = db.prepareStatement(
          "SELECT local_date::text, state::text FROM readiness.body_state WHERE athlete_id = ?")) {
        q.setString(1, a.id);
        try (ResultSet rs = q.executeQuery()) {
          while (rs.next()) {
            stored.put(rs.getString(1), rs.getString(2));
          }
        }
      }
      for (var e : stored.entrySet()) {
        tally.accepted(c);
        JsonNode before = normalise(Http.JSON.readTree(e.getValue()));
        if (hasDuplicateCauses(before)) {
          tally.duplicated(c, a.username + " " + e.getKey() + ": an input counted twice in causedBy");
        }
        Http.Answer r = Http.send("POST", Infra.GATEWAY + "/body-states/" + e.getKey() + "/replay", a.token, null, null, Map.of());
        if (r.status() == 401) {
          a.refresh();
          r = Http.send("POST", Infra.GATEWAY + "/body-states/" + e.getKey() + "/replay", a.token, null, null, Map.of());
        }
        if (r.status() != 200) {
          tally.mismatched(c, a.username + " " + e.getKey() + ": replay answered " + r.status() + " " + r.body());
          continue;
        }
        JsonNode after = normalise(r.json());
        if (after.equals(before)) {
          tally.stored(c);
        } else {
          tally.mismatched(c, a.username + " " + e.getKey() + ": stored " + before + " replayed " + after);
        }
      }
    }
  }

  private static boolean hasDuplicateCauses(JsonNode state) {
    Set<String> seen = new HashSet<>();
    for (JsonNode id : state.path("causedBy")) {
      if (!seen.add(id.asText())) {
        return true;
      }
    }
    return false;
  }

  /** causedBy as a sorted list: the order of the ids carries no meaning. */
  private static JsonNode normalise(JsonNode state) {
    ObjectNode copy = state.deepCopy();
    List<String> ids = new ArrayList<>();
    copy.path("causedBy").forEach(n -> ids.add(n.asText()));
    ids.sort(null);
    ArrayNode sorted = copy.putArray("causedBy");
    ids.forEach(sorted::add);
    return copy;
  }

  private void count(String category, long found, String what) {
    tally.accepted(category);
    if (found == 0) {
      tally.lost(category, what);
    } else if (found > 1) {
      tally.duplicated(category, what + " stored " + found + " times");
    } else {
      tally.stored(category);
    }
  }

  private long longOf(String sql, Object... args) throws Exception {
    try (PreparedStatement q = db.prepareStatement(sql)) {
      bind(q, args);
      try (ResultSet rs = q.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  private String stringOf(String sql, Object... args) throws Exception {
    List<String> all = strings(sql, args);
    return all.isEmpty() ? null : all.get(0);
  }

  private List<String> strings(String sql, Object... args) throws Exception {
    try (PreparedStatement q = db.prepareStatement(sql)) {
      bind(q, args);
      List<String> out = new ArrayList<>();
      try (ResultSet rs = q.executeQuery()) {
        while (rs.next()) {
          out.add(rs.getString(1));
        }
      }
      return out;
    }
  }

  private void bind(PreparedStatement q, Object... args) throws Exception {
    for (int i = 0; i < args.length; i++) {
      if (args[i] instanceof String[] array) {
        q.setArray(i + 1, db.createArrayOf("text", array));
      } else {
        q.setObject(i + 1, args[i]);
      }
    }
  }
}
