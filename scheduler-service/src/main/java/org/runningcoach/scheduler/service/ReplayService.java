package org.runningcoach.scheduler.service;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.runningcoach.scheduler.domain.Change;
import org.runningcoach.scheduler.domain.PlanException;
import org.runningcoach.scheduler.domain.PlanGenerator;
import org.runningcoach.scheduler.domain.PlanInput;
import org.runningcoach.scheduler.domain.PlanReplay;
import org.runningcoach.scheduler.domain.Workout;
import org.runningcoach.scheduler.repository.PlanJournal;
import org.runningcoach.scheduler.repository.WorkoutRows;
import org.runningcoach.scheduler.rest.PlanViews.ReplayCheckView;
import org.runningcoach.support.rest.Problem;
import org.runningcoach.support.rest.ProblemException;

/**
 * Replays the current plan: regenerates it from its stored request (workout ids are derived from
 * the plan id, so they come back the same), re-applies its journaled inputs in their original order
 * through the engine, and compares the result with what is stored: every workout field (the
 * engine's bookkeeping included) and the adaptation log entry by entry (input number, workout,
 * before and after, texts, rule, reason, actor, cause). Log ids and times and PlanAdapted ids are
 * left out: they are new on every write. Nothing is written; the plan is locked while it is read so
 * that an adaptation cannot land halfway.
 */
@ApplicationScoped
public class ReplayService {

  /** A log entry with everything a replay must reproduce. */
  record LogLine(Integer inputSeq, UUID workoutId, LocalDate workoutDate, Workout before, Workout after,
      String beforeText, String afterText, String rule, String reason, String actor, UUID causedBy) {}

  private final Pool pool;
  private final PlanStore store;
  private final PlanGenerator generator = new PlanGenerator();

  public ReplayService(Pool pool, PlanStore store) {
    this.pool = pool;
    this.store = store;
  }

  /** Null without a plan. */
  public Uni<ReplayCheckView> check(String athleteId) {
    return pool.withTransaction(tx -> store.lockActivePlan(tx, athleteId).flatMap(plan -> {
      if (plan == null) {
        return Uni.createFrom().nullItem();
      }
      JsonObject request = plan.getJsonObject("request");
      if (request == null) {
        return Uni.createFrom().failure(new ProblemException(Problem.of(409, "conflict", "Conflict",
            "This plan was created before its inputs were kept, so it cannot be rebuilt; a plan created now can.")));
      }
      UUID planId = plan.getUUID("id");
      return WorkoutRows.ofPlan(tx, planId).flatMap(workouts -> PlanJournal.inputs(tx, planId)
          .flatMap(inputs -> log(tx, planId).map(log -> compare(plan, request, workouts, inputs, log))));
    }));
  }

  private ReplayCheckView compare(Row plan, JsonObject request, List<Workout> stored, List<PlanInput> inputs,
      List<LogLine> storedLog) {
    UUID planId = plan.getUUID("id");
    List<Workout> generated = generator.generate(PlanJournal.request(request), PlanGenerator.idsFor(planId)).workouts();
    PlanReplay.Result replayed;
    try {
      replayed = PlanReplay.run(store.engine(), generated, inputs, PlanStore.first(plan), PlanStore.last(plan),
          WorkoutRows::stored);
    } catch (PlanException e) {
      return new ReplayCheckView(planId, false, inputs.size(), stored.size(), storedLog.size(),
          "an input could not be applied again: " + e.getMessage());
    }
    List<LogLine> replayedLog = replayed.log().stream().map(ReplayService::line).toList();
    String difference = firstWorkoutDifference(stored, replayed.workouts());
    if (difference == null) {
      difference = firstLogDifference(storedLog, replayedLog);
    }
    return new ReplayCheckView(planId, difference == null, inputs.size(), stored.size(), storedLog.size(), difference);
  }

  static String firstWorkoutDifference(List<Workout> stored, List<Workout> replayed) {
    Map<UUID, Workout> rebuilt = new LinkedHashMap<>();
    replayed.stream().sorted(Workout.STORE_ORDER).forEach(w -> rebuilt.put(w.id(), w));
    for (Workout s : stored.stream().sorted(Workout.STORE_ORDER).toList()) {
      Workout r = rebuilt.remove(s.id());
      if (r == null) {
        return "workout " + s.id() + " is stored (" + state(s) + ") but the replay has no such workout";
      }
      if (!r.equals(s)) {
        return "workout " + s.id() + ": stored " + state(s) + "; replayed " + state(r);
      }
    }
    return rebuilt.isEmpty() ? null
        : "the replay has workout " + rebuilt.keySet().iterator().next() + " (" + state(rebuilt.values().iterator().next())
            + ") that is not stored";
  }

  static String firstLogDifference(List<LogLine> stored, List<LogLine> replayed) {
    for (int i = 0; i < Math.max(stored.size(), replayed.size()); i++) {
      if (i >= stored.size()) {
        return "log entry " + (i + 1) + " is missing from the stored log; the replay has " + words(replayed.get(i));
      }
      if (i >= replayed.size()) {
        return "log entry " + (i + 1) + " is stored (" + words(stored.get(i)) + ") but the replay has no such entry";
      }
      if (!stored.get(i).equals(replayed.get(i))) {
        return "log entry " + (i + 1) + ": stored " + words(stored.get(i)) + "; replayed " + words(replayed.get(i));
      }
    }
    return null;
  }

  private static String state(Workout w) {
    return w.describe() + ", phase " + w.phase() + (w.athleteOwned() ? ", changed by the athlete" : "")
        + (w.hold() == null ? "" : ", adapted to the readiness of " + w.hold().readinessDate() + " (was "
            + w.hold().before().describe() + ")");
  }

  private static String words(LogLine l) {
    return "[input " + l.inputSeq() + ", " + l.actor() + ", " + l.rule() + ", workout " + l.workoutId() + ": "
        + l.beforeText() + " -> " + l.afterText() + ", cause " + Objects.toString(l.causedBy(), "the athlete")
        + ", reason \"" + l.reason() + "\"]";
  }

  private static LogLine line(PlanReplay.Entry e) {
    Change c = e.change();
    return new LogLine(e.inputSeq(), c.workoutId(), c.after().date(), WorkoutRows.fromJson(WorkoutRows.toJson(c.before())),
        WorkoutRows.fromJson(WorkoutRows.toJson(c.after())), c.before().describe(), c.after().describe(), c.rule(),
        c.reason(), e.byAthlete() ? PlanStore.Actor.ATHLETE.name() : PlanStore.Actor.ENGINE.name(), e.causedBy());
  }

  private static Uni<List<LogLine>> log(SqlConnection tx, UUID planId) {
    return tx.preparedQuery("SELECT * FROM adaptation_log WHERE plan_id = $1 ORDER BY input_seq NULLS FIRST, created_at, id")
        .execute(Tuple.of(planId))
        .map(rows -> {
          List<LogLine> out = new ArrayList<>();
          for (Row r : rows) {
            out.add(new LogLine(r.getInteger("input_seq"), r.getUUID("workout_id"), r.getLocalDate("workout_date"),
                WorkoutRows.fromJson(r.getJsonObject("before_state")), WorkoutRows.fromJson(r.getJsonObject("after_state")),
                r.getString("before_text"), r.getString("after_text"), r.getString("rule"), r.getString("reason"),
                r.getString("actor"), r.getUUID("caused_by")));
          }
          return out;
        });
  }
}
