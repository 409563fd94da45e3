package org.runningcoach.scheduler.service;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;
import org.runningcoach.events.EventEnvelope;
import org.runningcoach.events.UserDataErased;
import org.runningcoach.support.erase.AthleteData;

/** Delete My Data: every row of the athlete in this service's schema goes, in the consumer's transaction. */
@ApplicationScoped
public class EraseService {

  private static final Logger LOG = Logger.getLogger(EraseService.class);

  public Uni<Void> erase(EventEnvelope<UserDataErased> event, SqlConnection tx) {
    return AthleteData.erase(tx, event.data().athleteId(), event.time())
        .invoke(tables -> LOG.infof("erased an athlete's rows from %s (event %s)", tables, event.id()))
        .replaceWithVoid();
  }
}
