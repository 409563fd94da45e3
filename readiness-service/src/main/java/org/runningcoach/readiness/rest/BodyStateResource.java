package org.runningcoach.readiness.rest;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import org.runningcoach.support.rest.ProblemException;
import org.runningcoach.support.security.CurrentAthlete;

/** The athlete's BodyStates, as computed and announced (the BodyStateComputed data, JSON as stored). */
@Path("/body-states")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class BodyStateResource {

  static final int MAX_RANGE_DAYS = 366;

  private final Pool pool;
  private final CurrentAthlete athlete;
  private final org.runningcoach.support.outbox.Outbox outbox;
  private final org.runningcoach.readiness.service.ReadinessService readiness;

  public BodyStateResource(Pool pool, CurrentAthlete athlete, org.runningcoach.support.outbox.Outbox outbox,
      org.runningcoach.readiness.service.ReadinessService readiness) {
    this.pool = pool;
    this.athlete = athlete;
    this.outbox = outbox;
    this.readiness = readiness;
  }

  /**
   * Recomputes a date that has a BodyState from the stored inputs with the current algorithm; a
   * state that changes is saved and announced like any other.
   */
  @jakarta.ws.rs.POST
  @Path("/{date}/replay")
  public Uni<org.runningcoach.events.BodyStateComputed> replay(@PathParam("date") LocalDate date) {
    String id = athlete.id();
    return outbox.inTransaction(tx -> tx.preparedQuery("SELECT 1 FROM body_state WHERE athlete_id = $1 AND local_date = $2")
            .execute(Tuple.of(id, date))
            .flatMap(rows -> rows.size() == 0
                ? Uni.createFrom().<org.runningcoach.events.BodyStateComputed>failure(
                    ProblemException.notFound("No BodyState for " + date + " to replay"))
                : readiness.recompute(tx, id, date, null).map(states -> states.get(0))));
  }

  @GET
  @Path("/{date}")
  public Uni<String> ofDate(@PathParam("date") LocalDate date) {
    return pool.preparedQuery("SELECT state::text FROM body_state WHERE athlete_id = $1 AND local_date = $2")
        .execute(Tuple.of(athlete.id(), date))
        .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getString(0))
        .onItem().ifNull().failWith(() -> ProblemException.notFound("No BodyState for " + date + " yet"));
  }

  /** History over [from, to], oldest first, at most a year. */
  @GET
  public Uni<String> history(@QueryParam("from") LocalDate from, @QueryParam("to") LocalDate to) {
    if (from == null || to == null) {
      throw ProblemException.invalid(from == null ? "from" : "to", "is required (YYYY-MM-DD)");
    }
    if (to.isBefore(from) || ChronoUnit.DAYS.between(from, to) > MAX_RANGE_DAYS) {
      throw ProblemException.invalid("to", "must be on or after 'from' and at most " + MAX_RANGE_DAYS + " days later");
    }
    return pool.preparedQuery("""
            SELECT coalesce(json_agg(state ORDER BY local_date), '[]'::json)::text
            FROM body_state WHERE athlete_id = $1 AND local_date BETWEEN $2 AND $3""")
        .execute(Tuple.of(athlete.id(), from, to))
        .map(rows -> rows.iterator().next().getString(0));
  }
}
