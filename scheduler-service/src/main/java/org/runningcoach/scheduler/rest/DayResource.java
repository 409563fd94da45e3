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
import org.runningcoach.support.rest.ProblemException;
import org.runningcoach.support.security.CurrentAthlete;

/** What the scheduler knows of a day: the readiness it adapted to and the workout planned (none without a plan). */
@Path("/days")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class DayResource {

  /** {@code scheduledWorkout} is null while the athlete has no training plan. */
  public record DayView(LocalDate date, String directive, Map<String, Object> statuses, UUID bodyStateEventId,
      Object scheduledWorkout) {}

  private final Pool pool;
  private final CurrentAthlete athlete;

  public DayResource(Pool pool, CurrentAthlete athlete) {
    this.pool = pool;
    this.athlete = athlete;
  }

  @GET
  @Path("/{date}")
  public Uni<DayView> day(@PathParam("date") LocalDate date) {
    return pool.preparedQuery("SELECT * FROM day_readiness WHERE athlete_id = $1 AND local_date = $2")
        .execute(Tuple.of(athlete.id(), date))
        .map(rows -> rows.size() == 0 ? null : view(rows.iterator().next()))
        .onItem().ifNull().failWith(() -> ProblemException.notFound("Nothing scheduled or recorded for " + date));
  }

  private static DayView view(Row r) {
    return new DayView(r.getLocalDate("local_date"), r.getString("directive"),
        r.getJsonObject("statuses").getMap(), r.getUUID("body_state_event_id"), null);
  }
}
