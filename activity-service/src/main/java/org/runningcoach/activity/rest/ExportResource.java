package org.runningcoach.activity.rest;

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
import org.runningcoach.support.erase.AthleteExport.Sealed;
import org.runningcoach.activity.service.ActivityService;
import org.runningcoach.support.crypto.DataKeys;
import org.runningcoach.support.security.CurrentAthlete;

/** This service's part of the data export (GET /me/export at the gateway): every row it keeps of the caller. */
@Path("/me/export")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class ExportResource {

  static final List<Part> PARTS = List.of(
      // Sample streams are left out (thousands of points per run); each activity names its streams link.
      Part.rows("activities", "SELECT a.*, '/activities/' || a.id || '/streams' AS streams FROM activity a "
          + "WHERE a.athlete_id = $1 ORDER BY a.start_time, a.id")
          .opening(new Sealed("notes_sealed", ActivityService.NOTES, "id", false)),
      Part.rows("duplicates", "SELECT * FROM activity_duplicate WHERE athlete_id = $1 ORDER BY received_at, id"));

  private final Pool pool;
  private final CurrentAthlete athlete;
  private final DataKeys keys;

  public ExportResource(Pool pool, CurrentAthlete athlete, DataKeys keys) {
    this.pool = pool;
    this.athlete = athlete;
    this.keys = keys;
  }

  @GET
  public Uni<String> export() {
    return AthleteExport.of(pool, athlete.id(), PARTS, keys).map(JsonObject::encode);
  }
}
