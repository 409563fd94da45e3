package org.runningcoach.activity.service;

import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;
import org.runningcoach.support.crypto.DataKeys;
import org.runningcoach.support.crypto.LegacyPlaintext;

/** Seals activity notes stored before V20 (when they were plain), once, at start; fails at start without a master key. */
@ApplicationScoped
public class SealLegacyNotes {

  private static final Logger LOG = Logger.getLogger(SealLegacyNotes.class);

  void onStart(@Observes StartupEvent start, Pool pool, DataKeys keys) {
    keys.requireMasterKey();
    long sealed = new LegacyPlaintext("activity", "notes", ActivityService.NOTES, "athlete_id", "id::text")
        .seal(pool, keys).await().indefinitely();
    if (sealed > 0) {
      LOG.infof("sealed %d plain activity notes written before encryption at rest", sealed);
    }
  }
}
