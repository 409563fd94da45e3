package org.runningcoach.scheduler.rest;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.runningcoach.support.erase.AthleteExport;
import org.runningcoach.support.erase.AthleteExport.Part;
import org.runningcoach.support.security.CurrentAthlete;

/** This service's part of the data export (GET /me/export at the gateway): every row it keeps of the caller. */
@Path("/me/export")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class ExportResource {

  static final List<Part> PARTS = List.of(
      Part.first("plan", "SELECT * FROM training_plan WHERE athlete_id = $1 AND active"),
      Part.rows("previousPlans", "SELECT * FROM training_plan WHERE athlete_id = $1 AND NOT active ORDER BY created_at"),
      Part.rows("workouts", "SELECT * FROM scheduled_workout WHERE athlete_id = $1 ORDER BY local_date, id"),
      Part.rows("adaptations", "SELECT * FROM adaptation_log WHERE athlete_id = $1 ORDER BY created_at, id"),
      Part.rows("planInputs", "SELECT * FROM plan_input WHERE athlete_id = $1 ORDER BY received_at, plan_id, seq"),
      Part.rows("dayReadiness", "SELECT * FROM day_readiness WHERE athlete_id = $1 ORDER BY local_date"));

  private final Pool pool;
  private final CurrentAthlete athlete;

  public ExportResource(Pool pool, CurrentAthlete athlete) {
    this.pool = pool;
    this.athlete = athlete;
  }

  @GET
  public Uni<String> export() {
    return AthleteExport.of(pool, athlete.id(), PARTS).map(JsonObject::encode);
  }
}
