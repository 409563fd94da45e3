package org.runningcoach.ingestion.service;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.runningcoach.events.EventEnvelope;
import org.runningcoach.events.EventType;
import org.runningcoach.events.LifeEventReported;
import org.runningcoach.events.LifeEventReported.LifeEventType;
import org.runningcoach.ingestion.rest.LifeEventAccepted;
import org.runningcoach.ingestion.rest.LifeEventRequest;
import org.runningcoach.support.crypto.DataKeys;
import org.runningcoach.support.outbox.Outbox;
import org.runningcoach.support.rest.ProblemException;

/**
 * Stores a reported life event and emits LifeEventReported in one transaction. Sickness and
 * injury are reported when they happen (today or earlier); a trip may be reported ahead.
 */
@ApplicationScoped
public class LifeEventService {

  static final int MAX_DAYS_BACK = 730;
  /** Local dates run up to 14 h ahead of UTC, so "tomorrow in UTC" is the latest date anyone can be on. */
  static final int MAX_DAYS_AHEAD = 1;
  static final int MAX_TRAVEL_DAYS_AHEAD = 365;
  static final int MAX_LENGTH_DAYS = 365;
  private static final String SOURCE = "/ingestion-service/life-events";
  /** The associated-data name of the sealed notes column. */
  public static final String NOTES = "life_event.notes";

  private final Outbox outbox;
  private final DataKeys keys;
  private final Clock clock = Clock.systemUTC();

  public LifeEventService(Outbox outbox, DataKeys keys) {
    this.outbox = outbox;
    this.keys = keys;
  }

  public Uni<LifeEventAccepted> report(String athleteId, LifeEventRequest r) {
    LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
    int ahead = r.type() == LifeEventType.TRAVEL ? MAX_TRAVEL_DAYS_AHEAD : MAX_DAYS_AHEAD;
    if (r.startDate().isAfter(today.plusDays(ahead))) {
      throw ProblemException.invalid("startDate", r.type() == LifeEventType.TRAVEL
          ? "is more than a year ahead"
          : "is in the future (" + r.startDate() + "); report a sickness or injury once it has started");
    }
    if (r.startDate().isBefore(today.minusDays(MAX_DAYS_BACK))) {
      throw ProblemException.invalid("startDate", "is more than " + MAX_DAYS_BACK + " days ago");
    }
    if (r.endDate() != null && r.endDate().isBefore(r.startDate())) {
      throw ProblemException.invalid("endDate", "is before startDate (" + r.startDate() + ")");
    }
    if (r.endDate() != null && ChronoUnit.DAYS.between(r.startDate(), r.endDate()) > MAX_LENGTH_DAYS) {
      throw ProblemException.invalid("endDate", "is more than " + MAX_LENGTH_DAYS + " days after startDate");
    }
    boolean belowNeck = Boolean.TRUE.equals(r.belowNeckSymptoms());
    boolean fever = Boolean.TRUE.equals(r.fever());
    UUID id = UUID.randomUUID();
    UUID eventId = UUID.randomUUID();
    Instant now = clock.instant();
    var event = EventEnvelope.of(EventType.LIFE_EVENT_REPORTED, SOURCE, athleteId, eventId, now,
        new LifeEventReported(athleteId, id, r.type(), r.startDate(), r.endDate(), belowNeck, fever));
    return outbox.inTransaction(tx -> keys.forWriting(tx, athleteId).flatMap(key -> tx.preparedQuery("""
            INSERT INTO life_event (id, athlete_id, type, start_date, end_date, below_neck_symptoms, fever, notes_sealed,
                                    received_at, event_id)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)""")
        .execute(Tuple.from(new Object[] {id, athleteId, r.type().name(), r.startDate(), r.endDate(), belowNeck, fever,
            key.sealText(NOTES, id, r.notes()), now.atOffset(ZoneOffset.UTC), eventId}))
        .flatMap(inserted -> outbox.append(tx, EventType.LIFE_EVENT_REPORTED, event))))
        .map(done -> new LifeEventAccepted(id, eventId));
  }
}
