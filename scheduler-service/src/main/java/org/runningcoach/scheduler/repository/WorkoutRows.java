package org.runningcoach.scheduler.repository;

import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import io.smallrye.mutiny.Uni;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.runningcoach.scheduler.domain.Hold;
import org.runningcoach.scheduler.domain.Phase;
import org.runningcoach.scheduler.domain.Target;
import org.runningcoach.scheduler.domain.Workout;
import org.runningcoach.scheduler.domain.WorkoutStatus;
import org.runningcoach.scheduler.domain.WorkoutType;

/** Reads and writes scheduled workouts; a workout's earlier state (for undo and the log) is plain JSON. */
public final class WorkoutRows {

  private WorkoutRows() {}

  public static Workout fromRow(Row r) {
    JsonObject before = r.getJsonObject("hold_before");
    LocalDate holdFor = r.getLocalDate("hold_for");
    BigDecimal km = r.getBigDecimal("distance_km");
    return new Workout(r.getUUID("id"), r.getLocalDate("local_date"), Phase.valueOf(r.getString("phase")),
        WorkoutType.valueOf(r.getString("type")), r.getInteger("duration_min"), km == null ? null : km.doubleValue(),
        new Target(r.getInteger("hr_zone"), r.getInteger("pace_sec_per_km")),
        WorkoutStatus.valueOf(r.getString("status")), r.getBoolean("athlete_owned"),
        holdFor == null || before == null ? null : new Hold(holdFor, fromJson(before)));
  }

  public static JsonObject toJson(Workout w) {
    return new JsonObject().put("id", w.id().toString()).put("date", w.date().toString())
        .put("phase", w.phase().name()).put("type", w.type().name()).put("durationMin", w.durationMin())
        .put("distanceKm", w.distanceKm()).put("hrZone", w.target().hrZone())
        .put("paceSecondsPerKm", w.target().paceSecondsPerKm()).put("status", w.status().name())
        .put("athleteOwned", w.athleteOwned());
  }

  public static Workout fromJson(JsonObject j) {
    return new Workout(UUID.fromString(j.getString("id")), LocalDate.parse(j.getString("date")),
        Phase.valueOf(j.getString("phase")), WorkoutType.valueOf(j.getString("type")), j.getInteger("durationMin"),
        j.getDouble("distanceKm"), new Target(j.getInteger("hrZone"), j.getInteger("paceSecondsPerKm")),
        WorkoutStatus.valueOf(j.getString("status")), Boolean.TRUE.equals(j.getBoolean("athleteOwned")), null);
  }

  public static Uni<List<Workout>> ofPlan(SqlClient db, UUID planId) {
    return db.preparedQuery("SELECT * FROM scheduled_workout WHERE plan_id = $1 ORDER BY local_date, id")
        .execute(Tuple.of(planId))
        .map(rows -> {
          List<Workout> out = new ArrayList<>();
          rows.forEach(r -> out.add(fromRow(r)));
          return out;
        });
  }

  public static Uni<Void> insertAll(SqlConnection tx, UUID planId, String athleteId, List<Workout> workouts) {
    if (workouts.isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    List<Tuple> batch = new ArrayList<>();
    for (Workout w : workouts) {
      batch.add(Tuple.from(new Object[] {w.id(), planId, athleteId, w.date(), w.phase().name(), w.type().name(),
          w.durationMin(), km(w.distanceKm()), small(w.target().hrZone()), w.target().paceSecondsPerKm(),
          w.status().name(), w.athleteOwned(), hold(w), holdBefore(w)}));
    }
    return tx.preparedQuery("""
            INSERT INTO scheduled_workout (id, plan_id, athlete_id, local_date, phase, type, duration_min, distance_km,
                                           hr_zone, pace_sec_per_km, status, athlete_owned, hold_for, hold_before)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)""")
        .executeBatch(batch).replaceWithVoid();
  }

  public static Uni<Void> updateAll(SqlConnection tx, List<Workout> workouts) {
    if (workouts.isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    List<Tuple> batch = new ArrayList<>();
    for (Workout w : workouts) {
      batch.add(Tuple.from(new Object[] {w.id(), w.date(), w.type().name(), w.durationMin(), km(w.distanceKm()),
          small(w.target().hrZone()), w.target().paceSecondsPerKm(), w.status().name(), w.athleteOwned(), hold(w),
          holdBefore(w)}));
    }
    return tx.preparedQuery("""
            UPDATE scheduled_workout SET local_date = $2, type = $3, duration_min = $4, distance_km = $5, hr_zone = $6,
              pace_sec_per_km = $7, status = $8, athlete_owned = $9, hold_for = $10, hold_before = $11
            WHERE id = $1""")
        .executeBatch(batch).replaceWithVoid();
  }

  /** A workout as reading back its row gives it: the distance rounded to 0.1 km, the earlier state as its JSON holds it. */
  public static Workout stored(Workout w) {
    Double km = w.distanceKm() == null ? null : km(w.distanceKm()).doubleValue();
    Workout s = w.withSession(w.type(), w.durationMin(), km, w.target());
    return s.withHold(w.hold() == null ? null : new Hold(w.hold().readinessDate(), fromJson(toJson(w.hold().before()))));
  }

  private static LocalDate hold(Workout w) {
    return w.hold() == null ? null : w.hold().readinessDate();
  }

  private static JsonObject holdBefore(Workout w) {
    return w.hold() == null ? null : toJson(w.hold().before());
  }

  private static BigDecimal km(Double km) {
    return km == null ? null : BigDecimal.valueOf(km).setScale(1, RoundingMode.HALF_UP);
  }

  private static Short small(Integer v) {
    return v == null ? null : v.shortValue();
  }
}
