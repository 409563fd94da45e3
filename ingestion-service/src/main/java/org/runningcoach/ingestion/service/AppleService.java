package org.runningcoach.ingestion.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.runningcoach.events.ActivityReported;
import org.runningcoach.events.EventEnvelope;
import org.runningcoach.events.EventType;
import org.runningcoach.events.HealthDataReceived;
import org.runningcoach.ingestion.domain.AppleSamples;
import org.runningcoach.ingestion.domain.WorkoutHandOff;
import org.runningcoach.ingestion.rest.AppleSamplesRequest;
import org.runningcoach.support.outbox.Outbox;

/**
 * Stores a batch of Apple Health samples raw in the inbox (keyed by its content, so the phone
 * re-sending the same batch changes nothing) and announces the per-date readings it yields; its
 * workouts go to activity-service as ActivityReported in the same transaction.
 */
@ApplicationScoped
public class AppleService {

  private static final String SOURCE = "/ingestion-service/webhooks/apple";

  public record Receipt(int samples, int stored, int events) {}

  private final Outbox outbox;
  private final ObjectMapper json;
  private final Clock clock = Clock.systemUTC();

  public AppleService(Outbox outbox, ObjectMapper json) {
    this.outbox = outbox;
    this.json = json;
  }

  public Uni<Receipt> receive(String athleteId, AppleSamplesRequest request) {
    Instant now = clock.instant();
    String payload;
    try {
      payload = json.writeValueAsString(request);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    String hash = sha256(payload);
    List<AppleSamples.Sample> samples = request.samples().stream()
        .map(s -> new AppleSamples.Sample(s.type(), s.start(), s.end(), s.value(), s.unit(), s.stage(), s.source()))
        .toList();
    return outbox.inTransaction(tx -> tx.preparedQuery("""
            INSERT INTO webhook_inbox (id, vendor, vendor_user_id, summary_type, summary_key, athlete_id,
                                       payload, content_hash, received_at, updated_at)
            VALUES ($1, 'APPLE', $2, 'samples', $3, $2, $4, $5, $6, $6)
            ON CONFLICT (vendor, vendor_user_id, summary_type, summary_key) DO NOTHING
            RETURNING id""")
        .execute(Tuple.from(new Object[] {UUID.randomUUID(), athleteId, "content:" + hash, new JsonObject(payload), hash,
            now.atOffset(ZoneOffset.UTC)}))
        .flatMap(rows -> {
          if (rows.size() == 0) {
            return Uni.createFrom().item(new Receipt(samples.size(), 0, 0));
          }
          UUID recordId = rows.iterator().next().getUUID("id");
          List<HealthDataReceived> readings = AppleSamples.readings(samples, athleteId, recordId, now);
          List<ActivityReported> workouts = WorkoutHandOff.apple(samples, athleteId, recordId, now);
          Uni<Void> chain = Uni.createFrom().voidItem();
          for (HealthDataReceived r : readings) {
            chain = chain.flatMap(done -> outbox.append(tx, EventType.HEALTH_DATA_RECEIVED,
                EventEnvelope.of(EventType.HEALTH_DATA_RECEIVED, SOURCE, athleteId, UUID.randomUUID(), now, r)));
          }
          for (ActivityReported w : workouts) {
            chain = chain.flatMap(done -> outbox.append(tx, EventType.ACTIVITY_REPORTED,
                EventEnvelope.of(EventType.ACTIVITY_REPORTED, SOURCE, athleteId, UUID.randomUUID(), now, w)));
          }
          return chain.map(done -> new Receipt(samples.size(), 1, readings.size() + workouts.size()));
        }));
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
