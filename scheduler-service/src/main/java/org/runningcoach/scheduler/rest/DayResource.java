package org.runningcoach.scheduler.rest;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;
import org.runningcoach.scheduler.rest.PlanViews.WorkoutView;
import org.runningcoach.scheduler.service.PlanService;
import org.runningcoach.support.rest.ProblemException;
import org.runningcoach.support.security.CurrentAthlete;

/** What the scheduler knows of a day: the readiness it adapted to and the workout planned (none without a plan). */
@Path("/days")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class DayResource {

  /** {@code scheduledWorkout} is null while the athlete has no training plan (or none covers the date). */
  public record DayView(LocalDate date, String directive, Map<String, Object> statuses, UUID bodyStateEventId,
      WorkoutView scheduledWorkout) {}

  private final Pool pool;
  private final CurrentAthlete athlete;
  private final PlanService plans;

  public DayResource(Pool pool, CurrentAthlete athlete, PlanService plans) {
    this.pool = pool;
    this.athlete = athlete;
    this.plans = plans;
  }

  @GET
  @Path("/{date}")
  public Uni<DayView> day(@PathParam("date") LocalDate date) {
    String id = athlete.id();
    Uni<Row> readiness = pool.preparedQuery("SELECT * FROM day_readiness WHERE athlete_id = $1 AND local_date = $2")
        .execute(Tuple.of(id, date))
        .map(rows -> rows.size() == 0 ? null : rows.iterator().next());
    return readiness.flatMap(r -> plans.workoutOn(id, date).map(workout -> {
      if (r == null && workout == null) {
        return null;
      }
      return r == null ? new DayView(date, null, null, null, workout)
          : new DayView(date, r.getString("directive"), r.getJsonObject("statuses").getMap(),
              r.getUUID("body_state_event_id"), workout);
    })).onItem().ifNull().failWith(() -> ProblemException.notFound("Nothing scheduled or recorded for " + date));
  }
}
