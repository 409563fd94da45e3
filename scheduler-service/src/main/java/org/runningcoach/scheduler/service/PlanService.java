package org.runningcoach.scheduler.service;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.runningcoach.scheduler.domain.GeneratedPlan;
import org.runningcoach.scheduler.domain.PlanException;
import org.runningcoach.scheduler.domain.PlanGenerator;
import org.runningcoach.scheduler.domain.PlanInput;
import org.runningcoach.scheduler.domain.PlanRequest;
import org.runningcoach.scheduler.domain.PlanWeek;
import org.runningcoach.scheduler.domain.VolumeUnit;
import org.runningcoach.scheduler.repository.PlanJournal;
import org.runningcoach.scheduler.repository.WorkoutRows;
import org.runningcoach.scheduler.rest.PlanViews.AdaptationView;
import org.runningcoach.scheduler.rest.PlanViews.PhaseView;
import org.runningcoach.scheduler.rest.PlanViews.PlanView;
import org.runningcoach.scheduler.rest.PlanViews.TodayView;
import org.runningcoach.scheduler.rest.PlanViews.WeekView;
import org.runningcoach.scheduler.rest.PlanViews.WorkoutView;
import org.runningcoach.support.outbox.Outbox;
import org.runningcoach.support.rest.Problem;
import org.runningcoach.support.rest.ProblemException;

/** Plans and the athlete's own changes. A new plan retires the previous one; the athlete's changes are logged. */
@ApplicationScoped
public class PlanService {

  private final Pool pool;
  private final Outbox outbox;
  private final PlanStore store;
  private final PlanGenerator generator = new PlanGenerator();
  private final Clock clock = Clock.systemUTC();

  public PlanService(Pool pool, Outbox outbox, PlanStore store) {
    this.pool = pool;
    this.outbox = outbox;
    this.store = store;
  }

  public LocalDate today() {
    return LocalDate.now(clock.withZone(ZoneOffset.UTC));
  }

  public Uni<PlanView> create(String athleteId, PlanRequest request) {
    UUID planId = UUID.randomUUID();
    GeneratedPlan plan;
    try {
      plan = generator.generate(request, PlanGenerator.idsFor(planId));
    } catch (PlanException e) {
      throw problem(e);
    }
    Instant now = clock.instant();
    JsonObject weeks = weeksJson(plan);
    PlanRequest r = plan.request();
    return outbox.inTransaction(tx -> tx.preparedQuery(
                "UPDATE training_plan SET active = false WHERE athlete_id = $1 AND active")
            .execute(Tuple.of(athleteId))
            .flatMap(x -> tx.preparedQuery("""
                    INSERT INTO training_plan (id, athlete_id, race_date, distance, goal_time_seconds, weekly_volume,
                      volume_unit, available_days, long_run_day, start_date, weeks, created_at, request)
                    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)""")
                .execute(Tuple.from(new Object[] {planId, athleteId, r.raceDate(), r.distance().name(),
                    r.goalTimeSeconds(), BigDecimal.valueOf(r.currentWeeklyVolume()), r.unit().name(),
                    String.join(",", r.availableDays().stream().sorted().map(DayOfWeek::name).toList()),
                    r.longRunDay().name(), r.startDate(), weeks, now.atOffset(ZoneOffset.UTC), PlanJournal.requestJson(r)})))
            .flatMap(x -> WorkoutRows.insertAll(tx, planId, athleteId, plan.workouts())))
        .onFailure(PlanService::isUniqueViolation).transform(e -> new ProblemException(Problem.of(409, "conflict",
            "Conflict", "Another plan for this athlete was being created at the same moment; nothing was stored. Retry.")))
        .flatMap(x -> current(athleteId));
  }

  /** Two plans created at once for one athlete: the one-active-plan index refuses the second. */
  private static boolean isUniqueViolation(Throwable t) {
    return t instanceof io.vertx.pgclient.PgException pg && "23505".equals(pg.getSqlState());
  }

  public Uni<PlanView> current(String athleteId) {
    return pool.preparedQuery("SELECT * FROM training_plan WHERE athlete_id = $1 AND active")
        .execute(Tuple.of(athleteId))
        .map(rows -> rows.size() == 0 ? null : planView(rows.iterator().next()));
  }

  /** Workouts of the active plan between two dates (inclusive); null when there is no plan. */
  public Uni<List<WorkoutView>> workouts(String athleteId, LocalDate from, LocalDate to) {
    return pool.preparedQuery("""
            SELECT w.* FROM scheduled_workout w JOIN training_plan p ON p.id = w.plan_id
            WHERE p.athlete_id = $1 AND p.active AND w.local_date BETWEEN $2 AND $3
            ORDER BY w.local_date, w.type = 'REST', w.id""")
        .execute(Tuple.of(athleteId, from, to))
        .map(rows -> {
          List<WorkoutView> out = new ArrayList<>();
          rows.forEach(row -> out.add(WorkoutView.of(WorkoutRows.fromRow(row))));
          return out;
        });
  }

  /** The workout the athlete sees for a day: a session before a rest record; null when none. */
  public Uni<WorkoutView> workoutOn(String athleteId, LocalDate date) {
    return workouts(athleteId, date, date).map(list -> list.isEmpty() ? null : list.get(0));
  }

  public Uni<List<AdaptationView>> adaptations(String athleteId, LocalDate from, LocalDate to) {
    return pool.preparedQuery("""
            SELECT * FROM adaptation_log WHERE athlete_id = $1
              AND created_at >= $2 AND created_at < $3 ORDER BY created_at, id""")
        .execute(Tuple.of(athleteId, from.atStartOfDay().atOffset(ZoneOffset.UTC),
            to.plusDays(1).atStartOfDay().atOffset(ZoneOffset.UTC)))
        .map(PlanService::adaptationViews);
  }

  /**
   * A day of the current plan: its workouts (a session before a rest record) and every log entry
   * of the current plan that touched the day: changes to those workouts, and changes that moved a
   * workout onto or off the day. Null without a plan.
   */
  public Uni<TodayView> day(String athleteId, LocalDate date) {
    return current(athleteId).flatMap(plan -> plan == null ? Uni.createFrom().nullItem()
        : workouts(athleteId, date, date).flatMap(workouts -> pool.preparedQuery("""
                SELECT * FROM adaptation_log WHERE plan_id = $1
                  AND (workout_id = ANY($2) OR workout_date = $3 OR before_state ->> 'date' = $4)
                ORDER BY created_at, id""")
            .execute(Tuple.of(plan.id(), workouts.stream().map(WorkoutView::id).toArray(UUID[]::new), date,
                date.toString()))
            .map(rows -> new TodayView(date, plan.id(), workouts, adaptationViews(rows)))));
  }

  private static List<AdaptationView> adaptationViews(Iterable<Row> rows) {
    List<AdaptationView> out = new ArrayList<>();
    for (Row r : rows) {
      out.add(new AdaptationView(r.getUUID("id"), r.getOffsetDateTime("created_at").toInstant(),
          r.getUUID("workout_id"), r.getLocalDate("workout_date"), r.getString("before_text"),
          r.getString("after_text"), r.getString("rule"), r.getString("reason"), r.getString("actor"),
          r.getUUID("caused_by")));
    }
    return out;
  }

  public Uni<WorkoutView> skip(String athleteId, UUID workoutId) {
    return change(athleteId, workoutId, new PlanInput.Skip(workoutId));
  }

  public Uni<WorkoutView> done(String athleteId, UUID workoutId) {
    return change(athleteId, workoutId, new PlanInput.Done(workoutId));
  }

  public Uni<WorkoutView> move(String athleteId, UUID workoutId, LocalDate toDate) {
    return change(athleteId, workoutId, new PlanInput.Move(workoutId, toDate));
  }

  /** Another athlete's workout, or one of a retired plan, is simply not found. */
  private Uni<WorkoutView> change(String athleteId, UUID workoutId, PlanInput input) {
    return outbox.inTransaction(tx -> store.lockActivePlan(tx, athleteId).flatMap(planRow -> {
      if (planRow == null) {
        return Uni.createFrom().failure(notFound(workoutId));
      }
      return store.apply(tx, athleteId, planRow, input, clock.instant())
          .map(outcome -> WorkoutView.of(outcome.workouts().stream().filter(w -> w.id().equals(workoutId))
              .findFirst().orElseThrow()));
    })).onFailure(PlanException.class).transform(e -> problem((PlanException) e));
  }

  private static ProblemException notFound(UUID id) {
    return ProblemException.notFound("No workout " + id + " in your current plan");
  }

  static ProblemException problem(PlanException e) {
    if (e.kind() == PlanException.Kind.NOT_FOUND) {
      return ProblemException.notFound(e.getMessage());
    }
    if (e.kind() == PlanException.Kind.CONFLICT) {
      return new ProblemException(new Problem("https://runningcoach.org/problems/conflict", "Conflict", 409,
          e.field() + " " + e.getMessage(), null, List.of(new Problem.FieldError(e.field(), e.getMessage()))));
    }
    return ProblemException.invalid(e.field(), e.getMessage());
  }

  private static JsonObject weeksJson(GeneratedPlan plan) {
    JsonArray weeks = new JsonArray();
    for (PlanWeek w : plan.weeks()) {
      weeks.add(new JsonObject().put("index", w.index()).put("phase", w.phase().name())
          .put("start", w.start().toString()).put("end", w.end().toString()).put("volume", w.volume())
          .put("cutback", w.cutback()));
    }
    JsonArray phases = new JsonArray();
    for (GeneratedPlan.PhaseSpan p : plan.phases()) {
      phases.add(new JsonObject().put("phase", p.phase().name()).put("start", p.start().toString())
          .put("end", p.end().toString()).put("weeks", p.weeks()));
    }
    return new JsonObject().put("weeks", weeks).put("phases", phases);
  }

  private static PlanView planView(Row r) {
    JsonObject json = r.getJsonObject("weeks");
    List<WeekView> weeks = new ArrayList<>();
    for (Object o : json.getJsonArray("weeks")) {
      JsonObject w = (JsonObject) o;
      weeks.add(new WeekView(w.getInteger("index"), w.getString("phase"), LocalDate.parse(w.getString("start")),
          LocalDate.parse(w.getString("end")), w.getDouble("volume"), w.getBoolean("cutback")));
    }
    List<PhaseView> phases = new ArrayList<>();
    for (Object o : json.getJsonArray("phases")) {
      JsonObject p = (JsonObject) o;
      phases.add(new PhaseView(p.getString("phase"), LocalDate.parse(p.getString("start")),
          LocalDate.parse(p.getString("end")), p.getInteger("weeks")));
    }
    Integer goal = r.getInteger("goal_time_seconds");
    String goalTime = goal == null ? null : String.format("%d:%02d:%02d", goal / 3600, goal / 60 % 60, goal % 60);
    double volume = r.getBigDecimal("weekly_volume").doubleValue();
    boolean km = VolumeUnit.valueOf(r.getString("volume_unit")) == VolumeUnit.KM;
    List<DayOfWeek> days = Arrays.stream(r.getString("available_days").split(",")).map(DayOfWeek::valueOf).toList();
    return new PlanView(r.getUUID("id"), r.getLocalDate("race_date"), r.getString("distance"), goalTime,
        km ? volume : null, km ? null : volume, days, DayOfWeek.valueOf(r.getString("long_run_day")),
        r.getLocalDate("start_date"), r.getString("volume_unit"), phases, weeks,
        r.getOffsetDateTime("created_at").toInstant());
  }

}
