package org.runningcoach.scheduler.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.runningcoach.events.BodyStateComputed.Status;
import org.runningcoach.events.LifeEventReported.LifeEventType;
import org.runningcoach.scheduler.domain.AdaptationEngine.LifeEvent;
import org.runningcoach.scheduler.domain.AdaptationEngine.Readiness;
import org.runningcoach.scheduler.domain.Distance;
import org.runningcoach.scheduler.domain.PlanInput;
import org.runningcoach.scheduler.domain.PlanRequest;
import org.runningcoach.scheduler.domain.VolumeUnit;

/**
 * What a plan is made of, kept so it can be rebuilt: the request it was generated from and the
 * inputs applied to it, numbered in order. Plain JSON, one object per input.
 */
public final class PlanJournal {

  private PlanJournal() {}

  /** Appends an input; the caller holds the plan's row lock, so the numbers follow the order applied. Answers the number. */
  public static Uni<Integer> append(SqlConnection tx, UUID planId, String athleteId, PlanInput input, Instant at) {
    return tx.preparedQuery("""
            INSERT INTO plan_input (plan_id, seq, athlete_id, kind, input, event_id, received_at)
            SELECT $1, coalesce(max(seq), 0) + 1, $2, $3, $4, $5, $6 FROM plan_input WHERE plan_id = $1
            RETURNING seq""")
        .execute(Tuple.from(new Object[] {planId, athleteId, kind(input), toJson(input), input.eventId(),
            at.atOffset(ZoneOffset.UTC)}))
        .map(rows -> rows.iterator().next().getInteger("seq"));
  }

  /** True when the input is a life event this plan already took (the same content under any event id). */
  public static Uni<Boolean> holdsLifeEvent(SqlClient db, UUID planId, PlanInput input) {
    if (!(input instanceof PlanInput.Life)) {
      return Uni.createFrom().item(false);
    }
    return db.preparedQuery("SELECT 1 FROM plan_input WHERE plan_id = $1 AND kind = 'LIFE_EVENT' AND input = $2")
        .execute(Tuple.of(planId, toJson(input)))
        .map(rows -> rows.size() > 0);
  }

  public static Uni<List<PlanInput>> inputs(SqlClient db, UUID planId) {
    return db.preparedQuery("SELECT * FROM plan_input WHERE plan_id = $1 ORDER BY seq")
        .execute(Tuple.of(planId))
        .map(rows -> {
          List<PlanInput> out = new ArrayList<>();
          for (Row r : rows) {
            out.add(fromJson(r.getString("kind"), r.getJsonObject("input"), r.getUUID("event_id")));
          }
          return out;
        });
  }

  static String kind(PlanInput input) {
    if (input instanceof PlanInput.DayState) {
      return "READINESS";
    }
    if (input instanceof PlanInput.Life) {
      return "LIFE_EVENT";
    }
    if (input instanceof PlanInput.Skip) {
      return "SKIP";
    }
    return input instanceof PlanInput.Done ? "DONE" : "MOVE";
  }

  static JsonObject toJson(PlanInput input) {
    if (input instanceof PlanInput.DayState s) {
      Readiness r = s.readiness();
      return new JsonObject().put("date", r.date().toString()).put("cardio", r.cardio().name())
          .put("muscular", r.muscular().name()).put("skeletal", r.skeletal().name()).put("neural", r.neural().name());
    }
    if (input instanceof PlanInput.Life l) {
      LifeEvent e = l.event();
      return new JsonObject().put("type", e.type().name()).put("start", e.start().toString())
          .put("end", e.end() == null ? null : e.end().toString()).put("belowNeckSymptoms", e.belowNeckSymptoms())
          .put("fever", e.fever());
    }
    if (input instanceof PlanInput.Skip s) {
      return new JsonObject().put("workoutId", s.workoutId().toString());
    }
    if (input instanceof PlanInput.Done d) {
      return new JsonObject().put("workoutId", d.workoutId().toString());
    }
    PlanInput.Move m = (PlanInput.Move) input;
    return new JsonObject().put("workoutId", m.workoutId().toString()).put("toDate", m.toDate().toString());
  }

  static PlanInput fromJson(String kind, JsonObject j, UUID eventId) {
    return switch (kind) {
      case "READINESS" -> new PlanInput.DayState(new Readiness(LocalDate.parse(j.getString("date")),
          Status.valueOf(j.getString("cardio")), Status.valueOf(j.getString("muscular")),
          Status.valueOf(j.getString("skeletal")), Status.valueOf(j.getString("neural"))), eventId);
      case "LIFE_EVENT" -> new PlanInput.Life(new LifeEvent(LifeEventType.valueOf(j.getString("type")),
          LocalDate.parse(j.getString("start")), j.getString("end") == null ? null : LocalDate.parse(j.getString("end")),
          j.getBoolean("belowNeckSymptoms"), j.getBoolean("fever")), eventId);
      case "SKIP" -> new PlanInput.Skip(UUID.fromString(j.getString("workoutId")));
      case "DONE" -> new PlanInput.Done(UUID.fromString(j.getString("workoutId")));
      case "MOVE" -> new PlanInput.Move(UUID.fromString(j.getString("workoutId")), LocalDate.parse(j.getString("toDate")));
      default -> throw new IllegalStateException("unknown plan input kind " + kind);
    };
  }

  /** The request exactly as the plan was generated from it (the volume unrounded, unlike the weekly_volume column). */
  public static JsonObject requestJson(PlanRequest r) {
    JsonArray days = new JsonArray();
    r.availableDays().stream().sorted().forEach(d -> days.add(d.name()));
    return new JsonObject().put("raceDate", r.raceDate().toString()).put("distance", r.distance().name())
        .put("goalTimeSeconds", r.goalTimeSeconds()).put("currentWeeklyVolume", r.currentWeeklyVolume())
        .put("unit", r.unit().name()).put("availableDays", days).put("longRunDay", r.longRunDay().name())
        .put("startDate", r.startDate().toString());
  }

  public static PlanRequest request(JsonObject j) {
    Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
    j.getJsonArray("availableDays").forEach(d -> days.add(DayOfWeek.valueOf((String) d)));
    return new PlanRequest(LocalDate.parse(j.getString("raceDate")), Distance.valueOf(j.getString("distance")),
        j.getInteger("goalTimeSeconds"), j.getDouble("currentWeeklyVolume"), VolumeUnit.valueOf(j.getString("unit")),
        days, DayOfWeek.valueOf(j.getString("longRunDay")), LocalDate.parse(j.getString("startDate")));
  }
}
