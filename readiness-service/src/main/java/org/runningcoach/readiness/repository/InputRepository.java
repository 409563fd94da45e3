package org.runningcoach.readiness.repository;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.runningcoach.events.EventCodec;
import org.runningcoach.events.HealthDataReceived;
import org.runningcoach.events.HealthDataReceived.HealthDataKind;
import org.runningcoach.readiness.domain.AthleteProfile;
import org.runningcoach.readiness.domain.DailyCheckin;
import org.runningcoach.readiness.domain.DayInputs;
import org.runningcoach.readiness.domain.History;

/**
 * The athlete's inputs (one row per date, kind and source — or activity — with the latest
 * version winning), life events and profile, and the History the rules read from them.
 */
@ApplicationScoped
public class InputRepository {

  /** When two sources report the same reading for a date, the first in this order counts. */
  static final List<String> SOURCE_PRIORITY = List.of("GARMIN", "APPLE", "FILE", "MANUAL");

  private final ProfileRepository profiles;

  public InputRepository(ProfileRepository profiles) {
    this.profiles = profiles;
  }

  public Uni<Void> upsert(SqlClient tx, HealthDataReceived data, UUID eventId) {
    Object part = switch (data.kind()) {
      case CHECKIN -> data.checkin();
      case HRV -> data.hrv();
      case RESTING_HR -> data.restingHr();
      case SLEEP -> data.sleep();
      case STRESS -> data.stress();
      case WORKOUT -> data.workout();
      case WORKOUT_REMOVED -> throw new IllegalArgumentException("a removed workout is deleted, not stored");
    };
    if (part == null) {
      throw new IllegalArgumentException(data.kind() + " event without its " + data.kind() + " part");
    }
    String sourceKey = data.kind() == HealthDataKind.WORKOUT ? data.workout().activityId().toString() : data.source().name();
    JsonObject payload = new JsonObject(EventCodec.mapper().convertValue(part, Map.class));
    return tx.preparedQuery("""
            INSERT INTO daily_input (athlete_id, local_date, kind, source_key, source, payload, recorded_at, event_id)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
            ON CONFLICT (athlete_id, local_date, kind, source_key) DO UPDATE SET
              source = EXCLUDED.source, payload = EXCLUDED.payload, recorded_at = EXCLUDED.recorded_at,
              event_id = EXCLUDED.event_id
            WHERE daily_input.recorded_at <= EXCLUDED.recorded_at""")
        .execute(Tuple.from(new Object[] {data.athleteId(), data.localDate(), data.kind().name(), sourceKey,
            data.source().name(), payload, data.recordedAt().atOffset(ZoneOffset.UTC), eventId}))
        .replaceWithVoid();
  }

  /**
   * Forgets a workout (stored under its activity id, whatever date it was on); the date it counted
   * on, or null when it was never here.
   */
  public Uni<LocalDate> deleteWorkout(SqlClient tx, String athleteId, UUID activityId) {
    return tx.preparedQuery("""
            DELETE FROM daily_input WHERE athlete_id = $1 AND kind = 'WORKOUT' AND source_key = $2
            RETURNING local_date""")
        .execute(Tuple.of(athleteId, activityId.toString()))
        .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getLocalDate("local_date"));
  }

  /** Everything up to {@code upTo}, as the rules read it. */
  public Uni<History> history(SqlClient db, String athleteId, LocalDate upTo) {
    Uni<AthleteProfile> profile = profiles.find(db, athleteId).map(p -> p == null ? AthleteProfile.unknown() : p.toDomain());
    Uni<List<Row>> inputs = db.preparedQuery(
            "SELECT * FROM daily_input WHERE athlete_id = $1 AND local_date <= $2 ORDER BY local_date")
        .execute(Tuple.of(athleteId, upTo)).map(InputRepository::rows);
    Uni<List<Row>> lifeEvents = db.preparedQuery("SELECT * FROM life_event WHERE athlete_id = $1")
        .execute(Tuple.of(athleteId)).map(InputRepository::rows);
    return profile.flatMap(p -> inputs.flatMap(in -> lifeEvents.map(le -> build(athleteId, p, in, le))));
  }

  private static List<Row> rows(io.vertx.mutiny.sqlclient.RowSet<Row> set) {
    List<Row> out = new ArrayList<>();
    set.forEach(out::add);
    return out;
  }

  static History build(String athleteId, AthleteProfile profile, List<Row> inputs, List<Row> lifeEvents) {
    Map<LocalDate, List<Row>> byDate = new HashMap<>();
    for (Row r : inputs) {
      byDate.computeIfAbsent(r.getLocalDate("local_date"), d -> new ArrayList<>()).add(r);
    }
    List<DayInputs> days = new ArrayList<>();
    for (var e : byDate.entrySet()) {
      LocalDate date = e.getKey();
      List<Row> rows = e.getValue();
      rows.sort(Comparator.comparingInt(r -> priority(r.getString("source"))));
      DayInputs day = DayInputs.empty(date);
      List<DayInputs.Workout> workouts = new ArrayList<>();
      for (Row r : rows) {
        UUID eventId = r.getUUID("event_id");
        String source = r.getString("source");
        String json = r.getJsonObject("payload").encode();
        switch (HealthDataKind.valueOf(r.getString("kind"))) {
          case CHECKIN -> {
            var c = read(json, HealthDataReceived.Checkin.class);
            day = day.checkin() != null ? day : day.withCheckin(new DailyCheckin(date, c.sleepHours(), c.sleepQuality(),
                c.soreness(), c.stress(), c.fatigue(), c.mood(), c.lastSessionRpe(), source, eventId));
          }
          case HRV -> {
            var h = read(json, HealthDataReceived.Hrv.class);
            // RMSSD wins over SDNN for a date, so a watch's RMSSD series is not broken by a phone's SDNN.
            if (day.hrv() == null || (day.hrv().metric() == AthleteProfile.HrvMetric.SDNN
                && h.metric() == HealthDataReceived.HrvMetric.RMSSD)) {
              day = day.withHrv(new DayInputs.HrvReading(AthleteProfile.HrvMetric.valueOf(h.metric().name()), h.valueMs(),
                  source, eventId));
            }
          }
          case RESTING_HR -> {
            var h = read(json, HealthDataReceived.RestingHr.class);
            day = day.restingHr() != null ? day : day.withRestingHr(new DayInputs.Reading(h.bpm(), source, eventId));
          }
          case SLEEP -> {
            var s = read(json, HealthDataReceived.Sleep.class);
            day = day.wearableSleepHours() != null ? day
                : day.withWearableSleep(new DayInputs.Reading(s.totalHours(), source, eventId));
          }
          case STRESS -> { } // stored; the rules use the check-in's stress (the vendor's 0–100 scale is not comparable)
          case WORKOUT -> {
            var w = read(json, HealthDataReceived.Workout.class);
            workouts.add(new DayInputs.Workout(w.activityId(), w.sport(), w.movingSeconds(), w.distanceMeters(), w.rpe(),
                w.hrSecondsByBpm(), w.impactLoad(), eventId));
          }
        }
      }
      workouts.sort(Comparator.comparing(w -> w.activityId().toString()));
      days.add(day.withWorkouts(workouts));
    }
    for (Row le : lifeEvents) {
      String type = le.getString("type");
      if (type.equals("INJURY")) {
        continue;
      }
      LocalDate start = le.getLocalDate("start_date");
      // A sick report without an end date covers the three days the plan clears.
      LocalDate end = le.getLocalDate("end_date") != null ? le.getLocalDate("end_date")
          : type.equals("SICK") ? start.plusDays(2) : start;
      for (LocalDate d = start; !d.isAfter(end); d = d.plusDays(1)) {
        LocalDate day = d;
        int i = indexOf(days, day);
        DayInputs current = i >= 0 ? days.get(i) : DayInputs.empty(day);
        DayInputs updated = current.withLifeContext(current.travel() || type.equals("TRAVEL"), current.sick() || type.equals("SICK"));
        if (i >= 0) {
          days.set(i, updated);
        } else {
          days.add(updated);
        }
      }
    }
    return History.of(athleteId, profile, days);
  }

  private static int indexOf(List<DayInputs> days, LocalDate date) {
    for (int i = 0; i < days.size(); i++) {
      if (days.get(i).date().equals(date)) {
        return i;
      }
    }
    return -1;
  }

  private static int priority(String source) {
    int i = SOURCE_PRIORITY.indexOf(source);
    return i < 0 ? SOURCE_PRIORITY.size() : i;
  }

  private static <T> T read(String json, Class<T> type) {
    try {
      return EventCodec.mapper().readValue(json, type);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored " + type.getSimpleName() + " is unreadable", e);
    }
  }

  public Uni<Void> upsertLifeEvent(SqlClient tx, String athleteId, UUID lifeEventId, String type, LocalDate start,
      LocalDate end, UUID eventId) {
    return tx.preparedQuery("""
            INSERT INTO life_event (athlete_id, life_event_id, type, start_date, end_date, event_id)
            VALUES ($1, $2, $3, $4, $5, $6)
            ON CONFLICT (athlete_id, life_event_id) DO UPDATE SET
              type = EXCLUDED.type, start_date = EXCLUDED.start_date, end_date = EXCLUDED.end_date, event_id = EXCLUDED.event_id""")
        .execute(Tuple.of(athleteId, lifeEventId, type, start, end, eventId))
        .replaceWithVoid();
  }

  static Instant instant(Row r, String column) {
    return r.getOffsetDateTime(column).toInstant();
  }
}
