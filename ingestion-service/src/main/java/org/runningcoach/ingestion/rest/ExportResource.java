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
      Part.rows("lifeEvents", "SELECT * FROM life_event WHERE athlete_id = $1 ORDER BY start_date, received_at"),
      Part.rows("deviceLinks", "SELECT * FROM device_link WHERE athlete_id = $1 ORDER BY vendor"),
      // Every vendor body kept for the athlete, as received (Garmin summaries, Apple bodies).
      Part.rows("inbox", "SELECT id, vendor, vendor_user_id, summary_type, summary_key, payload, received_at, "
          + "updated_at, version FROM webhook_inbox WHERE athlete_id = $1 ORDER BY received_at, id"),
      Part.rows("garminQuarantine", "SELECT id, vendor_user_id, summary_type, reason, payload, received_at "
          + "FROM garmin_quarantine WHERE athlete_id = $1 ORDER BY received_at, id"),
      Part.rows("appleSamples", "SELECT * FROM apple_sample WHERE athlete_id = $1 ORDER BY local_date, start_at"),
      Part.rows("appleDailyInputs", "SELECT * FROM apple_daily_input WHERE athlete_id = $1 ORDER BY local_date, kind"),
      Part.rows("appleImports", "SELECT * FROM apple_import WHERE athlete_id = $1 ORDER BY created_at"));

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
