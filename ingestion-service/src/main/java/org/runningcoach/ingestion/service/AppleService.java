package org.runningcoach.ingestion.service;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
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
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import io.vertx.mutiny.sqlclient.SqlConnection;
import org.runningcoach.events.ActivityReported;
import org.runningcoach.events.EventEnvelope;
import org.runningcoach.events.EventType;
import org.runningcoach.ingestion.domain.AppleSamples;
import org.runningcoach.ingestion.domain.HealthAutoExport;
import org.runningcoach.ingestion.domain.WorkoutHandOff;
import org.runningcoach.ingestion.rest.AppleSamplesRequest;
import org.runningcoach.support.crypto.DataKeys;
import org.runningcoach.support.outbox.Outbox;

/**
 * Apple Health bodies from the athlete's phone, in our shape or the Health Auto Export app's: kept
 * raw in the inbox, their samples kept in our units, and the athlete-days they change announced.
 * Workouts seen for the first time go to activity-service as ActivityReported in the same transaction.
 */
@ApplicationScoped
public class AppleService {

  private static final String SOURCE = "/ingestion-service/webhooks/apple";

  /**
   * What a body did: samples read, 1 when the body was new (0 for an exact redelivery), events
   * emitted; for a Health Auto Export body also the items skipped by reason and the metrics kept
   * raw only.
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Receipt(int samples, int stored, int events, Map<String, Integer> skipped,
      Set<String> ignoredMetrics) {
    public Receipt(int samples, int stored, int events) {
      this(samples, stored, events, null, null);
    }
  }

  private final Outbox outbox;
  private final AppleDayStore days;
  private final ObjectMapper json;
  private final DataKeys keys;
  private final Clock clock = Clock.systemUTC();

  public AppleService(Outbox outbox, AppleDayStore days, ObjectMapper json, DataKeys keys) {
    this.outbox = outbox;
    this.days = days;
    this.json = json;
    this.keys = keys;
  }

  /** Our own shape, {@code {"samples":[…]}}. */
  public Uni<Receipt> receive(String athleteId, AppleSamplesRequest request) {
    String payload;
    try {
      payload = json.writeValueAsString(request);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    List<AppleSamples.Sample> samples = request.samples().stream()
        .map(s -> new AppleSamples.Sample(s.type(), s.start(), s.end(), s.value(), s.unit(), s.stage(), s.source()))
        .toList();
    return receive(athleteId, payload, samples).map(r -> new Receipt(samples.size(), r.stored(), r.events()));
  }

  /** The Health Auto Export app's shape, already read into samples; {@code payload} is the body as sent. */
  public Uni<Receipt> receive(String athleteId, String payload, HealthAutoExport.Parsed parsed) {
    return receive(athleteId, payload, parsed.samples()).map(r -> new Receipt(parsed.samples().size(), r.stored(),
        r.events(), new TreeMap<>(parsed.skipped()), new TreeSet<>(parsed.ignoredMetrics())));
  }

  /**
   * The body is kept raw in the inbox (keyed by its content, so the phone re-sending the same
   * body changes nothing); its samples join the athlete's kept samples and every day they
   * touch is recomputed and announced when it changed, all in one transaction.
   */
  private Uni<Receipt> receive(String athleteId, String payload, List<AppleSamples.Sample> samples) {
    Instant now = clock.instant();
    String hash = sha256(payload);
    String key = "content:" + hash;
    return outbox.inTransaction(tx -> keys.forWriting(tx, athleteId).flatMap(sealer -> tx.preparedQuery("""
            INSERT INTO webhook_inbox (id, vendor, vendor_user_id, summary_type, summary_key, athlete_id,
                                       payload_sealed, content_hash, received_at, updated_at)
            VALUES ($1, 'APPLE', $2, 'samples', $3, $2, $4, $5, $6, $6)
            ON CONFLICT (vendor, vendor_user_id, summary_type, summary_key) DO NOTHING
            RETURNING id""")
        .execute(Tuple.from(new Object[] {UUID.randomUUID(), athleteId, key,
            sealer.sealText(Inbox.PAYLOAD, Inbox.recordKey("APPLE", athleteId, "samples", key), payload), hash,
            now.atOffset(ZoneOffset.UTC)})))
        .flatMap(rows -> {
          if (rows.size() == 0) {
            return Uni.createFrom().item(new Receipt(samples.size(), 0, 0));
          }
          UUID recordId = rows.iterator().next().getUUID("id");
          return days.store(tx, athleteId, samples)
              .flatMap(stored -> days.announce(tx, athleteId, stored.days(), recordId, SOURCE, now)
                  .flatMap(events -> handOffWorkouts(outbox, tx, athleteId, stored.newWorkouts(), recordId, SOURCE, now)
                      .map(workouts -> events + workouts)))
              .map(events -> new Receipt(samples.size(), 1, events));
        }));
  }

  /**
   * WORKOUT samples stored for the first time are handed to activity-service (ActivityReported, in
   * the caller's transaction), which counts a workout also uploaded as a file only once.
   */
  static Uni<Integer> handOffWorkouts(Outbox outbox, SqlConnection tx, String athleteId,
      List<AppleSamples.Sample> newWorkouts, UUID recordId, String source, Instant now) {
    List<ActivityReported> workouts = WorkoutHandOff.apple(newWorkouts, athleteId, recordId, now);
    Uni<Void> chain = Uni.createFrom().voidItem();
    for (ActivityReported w : workouts) {
      chain = chain.flatMap(done -> outbox.append(tx, EventType.ACTIVITY_REPORTED,
          EventEnvelope.of(EventType.ACTIVITY_REPORTED, source, athleteId, UUID.randomUUID(), now, w)));
    }
    return chain.map(done -> workouts.size());
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
