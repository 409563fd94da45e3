package org.runningcoach.ingestion.rest;

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
      Part.rows("checkins", "SELECT * FROM checkin WHERE athlete_id = $1 ORDER BY local_date, received_at"),
      Part.rows("lifeEvents", "SELECT * FROM life_event WHERE athlete_id = $1 ORDER BY start_date, received_at"));

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
