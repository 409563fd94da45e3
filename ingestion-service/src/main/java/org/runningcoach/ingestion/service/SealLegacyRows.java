package org.runningcoach.ingestion.service;

import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import org.jboss.logging.Logger;
import org.runningcoach.support.crypto.DataKeys;
import org.runningcoach.support.crypto.LegacyPlaintext;

/**
 * Seals free text and raw payloads stored before V20 (when they were plain), once, at start.
 * Also checks the master key is configured, so a service without it fails at start, not at the
 * first check-in.
 */
@ApplicationScoped
public class SealLegacyRows {

  private static final Logger LOG = Logger.getLogger(SealLegacyRows.class);

  static final List<LegacyPlaintext> COLUMNS = List.of(
      new LegacyPlaintext("checkin", "notes", CheckinService.TABLE + ".notes", "athlete_id", "id::text"),
      new LegacyPlaintext("checkin", "soreness_area", CheckinService.TABLE + ".soreness_area", "athlete_id", "id::text"),
      new LegacyPlaintext("life_event", "notes", LifeEventService.NOTES, "athlete_id", "id::text"),
      new LegacyPlaintext("webhook_inbox", "payload", Inbox.PAYLOAD,
          "coalesce(athlete_id, vendor || ':' || vendor_user_id)", Inbox.RECORD_KEY_SQL),
      new LegacyPlaintext("garmin_quarantine", "payload", GarminInboxService.QUARANTINE_PAYLOAD,
          "coalesce(athlete_id, '" + GarminInboxService.VENDOR + ":' || vendor_user_id)", "id::text"));

  void onStart(@Observes StartupEvent start, Pool pool, DataKeys keys) {
    keys.requireMasterKey();
    for (LegacyPlaintext column : COLUMNS) {
      long sealed = column.seal(pool, keys).await().indefinitely();
      if (sealed > 0) {
        LOG.infof("sealed %d plain %s.%s values written before encryption at rest", sealed, column.table(), column.plain());
      }
    }
  }
}
