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
import org.runningcoach.support.erase.AthleteExport.Sealed;
import org.runningcoach.ingestion.service.CheckinService;
import org.runningcoach.ingestion.service.GarminInboxService;
import org.runningcoach.ingestion.service.Inbox;
import org.runningcoach.ingestion.service.LifeEventService;
import org.runningcoach.support.crypto.DataKeys;
import org.runningcoach.support.security.CurrentAthlete;

/** This service's part of the data export (GET /me/export at the gateway): every row it keeps of the caller. */
@Path("/me/export")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class ExportResource {

  static final List<Part> PARTS = List.of(
      Part.rows("checkins", "SELECT * FROM checkin WHERE athlete_id = $1 ORDER BY local_date, received_at")
          .opening(new Sealed("notes_sealed", CheckinService.TABLE + ".notes", "id", false))
          .opening(new Sealed("soreness_area_sealed", CheckinService.TABLE + ".soreness_area", "id", false)),
      Part.rows("lifeEvents", "SELECT * FROM life_event WHERE athlete_id = $1 ORDER BY start_date, received_at")
          .opening(new Sealed("notes_sealed", LifeEventService.NOTES, "id", false)),
      Part.rows("deviceLinks", "SELECT * FROM device_link WHERE athlete_id = $1 ORDER BY vendor"),
      // Every vendor body kept for the athlete, as received (Garmin summaries, Apple bodies).
      Part.rows("inbox", "SELECT id, vendor, vendor_user_id, summary_type, summary_key, payload, payload_sealed, "
              + Inbox.RECORD_KEY_SQL + " AS record_key, received_at, updated_at, version "
              + "FROM webhook_inbox WHERE athlete_id = $1 ORDER BY received_at, id")
          .opening(new Sealed("payload_sealed", Inbox.PAYLOAD, "record_key", true)),
      Part.rows("garminQuarantine", "SELECT id, vendor_user_id, summary_type, reason, payload, payload_sealed, "
              + "received_at FROM garmin_quarantine WHERE athlete_id = $1 ORDER BY received_at, id")
          .opening(new Sealed("payload_sealed", GarminInboxService.QUARANTINE_PAYLOAD, "id", true)),
      Part.rows("appleSamples", "SELECT * FROM apple_sample WHERE athlete_id = $1 ORDER BY local_date, start_at"),
      Part.rows("appleDailyInputs", "SELECT * FROM apple_daily_input WHERE athlete_id = $1 ORDER BY local_date, kind"),
      Part.rows("appleImports", "SELECT * FROM apple_import WHERE athlete_id = $1 ORDER BY created_at"));

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
