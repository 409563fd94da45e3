package org.runningcoach.ingestion.service;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.runningcoach.events.EventEnvelope;
import org.runningcoach.events.EventType;
import org.runningcoach.events.UserDataErased;
import org.runningcoach.ingestion.rest.ErasureAccepted;
import org.runningcoach.support.erase.AthleteData;
import org.runningcoach.support.outbox.Outbox;

/**
 * Delete My Data, first step: the athlete's rows in ingestion (check-ins, life events, and any
 * other table keyed by athlete_id) are deleted and UserDataErased is appended to the outbox in
 * the same transaction, so the other services are told if and only if the deletion committed.
 */
@ApplicationScoped
public class EraseService {

  private static final String SOURCE = "/ingestion-service/me";

  private final Outbox outbox;
  private final IdentityAccounts accounts;
  private final Clock clock = Clock.systemUTC();

  public EraseService(Outbox outbox, IdentityAccounts accounts) {
    this.outbox = outbox;
    this.accounts = accounts;
  }

  public Uni<ErasureAccepted> erase(String athleteId) {
    UUID eventId = UUID.randomUUID();
    Instant now = clock.instant();
    var event = EventEnvelope.of(EventType.USER_DATA_ERASED, SOURCE, athleteId, eventId, now,
        new UserDataErased(athleteId, now));
    return outbox.inTransaction(tx -> AthleteData.erase(tx, athleteId, now)
            .flatMap(tables -> outbox.append(tx, EventType.USER_DATA_ERASED, event)))
        // The login goes after the data is committed: its failure must not keep the data.
        .flatMap(done -> accounts.delete(athleteId))
        .map(account -> new ErasureAccepted(eventId, now, account.name()));
  }
}
