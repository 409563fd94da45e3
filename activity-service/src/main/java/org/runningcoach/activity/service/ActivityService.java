package org.runningcoach.activity.service;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.runningcoach.activity.domain.ActivityFiles;
import org.runningcoach.activity.domain.ActivityFormat;
import org.runningcoach.activity.domain.Downsample;
import org.runningcoach.activity.domain.Duplicates;
import org.runningcoach.activity.domain.LoadCalculator;
import org.runningcoach.activity.domain.Loads;
import org.runningcoach.activity.domain.Metrics;
import org.runningcoach.activity.domain.MetricsCalculator;
import org.runningcoach.activity.domain.ParsedActivity;
import org.runningcoach.activity.domain.Sample;
import org.runningcoach.activity.rest.ActivityListView;
import org.runningcoach.activity.rest.ActivitySummaryRequest;
import org.runningcoach.activity.rest.ActivityView;
import org.runningcoach.activity.rest.StreamsView;
import org.runningcoach.events.ActivityReported;
import org.runningcoach.events.EventEnvelope;
import org.runningcoach.events.EventType;
import org.runningcoach.events.HealthDataReceived;
import org.runningcoach.events.HealthDataReceived.DataSource;
import org.runningcoach.events.HealthDataReceived.HealthDataKind;
import org.runningcoach.events.HealthDataReceived.Workout;
import org.runningcoach.support.crypto.DataKeys;
import org.runningcoach.support.outbox.Outbox;
import org.runningcoach.support.rest.ProblemException;

/**
 * Stores workouts. Per athlete, one upload at a time decides whether it is new (an advisory lock
 * in the transaction), so two copies of the same run arriving together are still counted once.
 * A new activity, its samples (one bulk statement) and its HealthDataReceived event commit together.
 */
@ApplicationScoped
public class ActivityService {

  private static final Logger LOG = Logger.getLogger(ActivityService.class);
  private static final String SOURCE = "/activity-service/activities";

  /** The associated-data name of the sealed notes column. */
  public static final String NOTES = "activity.notes";

  private final Outbox outbox;
  private final Pool pool;
  private final DataKeys keys;
  private final Clock clock = Clock.systemUTC();

  public ActivityService(Outbox outbox, Pool pool, DataKeys keys) {
    this.outbox = outbox;
    this.pool = pool;
    this.keys = keys;
  }

  /** The result of an upload: a new activity (201) or the one already counted (200). */
  public record Stored(boolean created, ActivityView activity) {}

  /**
   * An activity read and measured, ready to store: {@link #prepare} is the CPU part of an upload,
   * {@link #store} the database part (public so the benchmark times each through the service's own code).
   */
  public record NewActivity(UUID id, String athleteId, DataSource source, ActivityFormat format, String sport, Instant start,
      ZoneOffset offset, LocalDate localDate, String timeNote, Metrics metrics, Loads loads, Integer rpe, String notes,
      String sha256, List<Sample> samples, String vendorId, String device) {}

  private record Existing(UUID id, String reason) {}

  public Uni<Stored> upload(String athleteId, byte[] content, Integer rpe, String notes) {
    return store(prepare(athleteId, content, rpe, notes));
  }

  /** Parses the file and computes its metrics and loads; throws InvalidActivityFile for what is not a workout. */
  public static NewActivity prepare(String athleteId, byte[] content, Integer rpe, String notes) {
    ParsedActivity parsed = ActivityFiles.parse(content);
    Metrics metrics = MetricsCalculator.compute(parsed);
    Loads loads = LoadCalculator.compute(parsed, metrics, rpe);
    return new NewActivity(UUID.randomUUID(), athleteId, DataSource.FILE, parsed.format(), parsed.sport(), parsed.start(),
        parsed.utcOffset(), parsed.localDate(), parsed.timeNote(), metrics, loads, rpe, notes, sha256(content), parsed.samples(),
        null, null);
  }

  public Uni<Stored> manual(String athleteId, ActivitySummaryRequest r) {
    OffsetDateTime start;
    try {
      start = OffsetDateTime.parse(r.startTime());
    } catch (java.time.format.DateTimeParseException e) {
      throw ProblemException.invalid("startTime", "must be ISO-8601 with an offset, e.g. 2026-03-02T06:30:00+01:00");
    }
    if (start.toInstant().isAfter(clock.instant().plusSeconds(300))) {
      throw ProblemException.invalid("startTime", "is in the future; log a workout once it has started");
    }
    if (r.avgHr() != null && r.maxHr() != null && r.maxHr() < r.avgHr()) {
      throw ProblemException.invalid("maxHr", "must be at least avgHr");
    }
    return store(summary(athleteId, DataSource.MANUAL, r.sport(), start.toInstant(), start.getOffset(), r.durationSeconds(),
        r.distanceMeters(), r.avgHr(), r.maxHr(), r.elevationGainMeters(), r.rpe(), r.notes(), null, null));
  }

  /** A workout as a summary (typed in, or reported by a vendor): one duration, no samples, no histogram. */
  static NewActivity summary(String athleteId, DataSource source, String sport, Instant start, ZoneOffset offset,
      long durationSeconds, Double distanceMeters, Integer avgHr, Integer maxHr, Double elevationGainMeters, Integer rpe,
      String notes, String vendorId, String device) {
    Metrics m = MetricsCalculator.fromSummary(durationSeconds, distanceMeters, avgHr, maxHr, elevationGainMeters);
    Loads loads = new Loads(LoadCalculator.srpe(rpe, m.movingSeconds()), m.distanceMeters(), m.avgPaceSecondsPerKm(),
        LoadCalculator.impactFromTotals(sport, distanceMeters, m.movingSeconds()), new TreeMap<>());
    LocalDate localDate = start.atOffset(offset == null ? ZoneOffset.UTC : offset).toLocalDate();
    String timeNote = offset == null ? "The source gave no UTC offset; the local date is the UTC date" : null;
    return new NewActivity(UUID.randomUUID(), athleteId, source, ActivityFormat.JSON, sport, start, offset, localDate,
        timeNote, m, loads, rpe, notes, null, List.of(), vendorId, device);
  }

  /**
   * A workout a vendor reported, handed over by ingestion: stored in the consumer's transaction through
   * the same path as a JSON summary, so a file upload of the same run (before or after) is counted once
   * and the copy that lost is recorded with its source. Values no person can have are refused
   * (IllegalArgumentException: the event goes to the dead-letter topic); nothing is stored then.
   */
  public Uni<Void> reported(ActivityReported r, SqlConnection tx) {
    if (r.durationSeconds() < 1 || r.durationSeconds() > MetricsCalculator.MAX_ELAPSED_SECONDS) {
      throw new IllegalArgumentException("durationSeconds " + r.durationSeconds() + " is not 1 s to 48 h");
    }
    if (r.sport() == null || !r.sport().matches("[a-z_]{2,32}")) {
      throw new IllegalArgumentException("sport '" + r.sport() + "' is not a lower-case sport name");
    }
    if (!plausibleHr(r.avgHr()) || !plausibleHr(r.maxHr()) || (r.avgHr() != null && r.maxHr() != null && r.maxHr() < r.avgHr())) {
      throw new IllegalArgumentException("heart rates avg " + r.avgHr() + " / max " + r.maxHr() + " are not 25-250 bpm");
    }
    if (r.distanceMeters() != null && (r.distanceMeters() < 0 || r.distanceMeters() > 1_000_000)) {
      throw new IllegalArgumentException("distanceMeters " + r.distanceMeters() + " is not 0-1000 km");
    }
    if (r.startTime().isAfter(clock.instant().plusSeconds(300))) {
      throw new IllegalArgumentException("startTime " + r.startTime() + " is in the future");
    }
    ZoneOffset offset = r.utcOffsetSeconds() == null ? null : ZoneOffset.ofTotalSeconds(r.utcOffsetSeconds());
    NewActivity a = summary(r.athleteId(), DataSource.valueOf(r.source().name()), r.sport(), r.startTime(), offset,
        r.durationSeconds(), r.distanceMeters(), r.avgHr(), r.maxHr(), r.elevationGainMeters(), null, null, r.vendorId(),
        r.device());
    return storeIn(tx, a).invoke(kept -> LOG.infof("%s workout %s of %s: %s", r.source(), r.vendorId(), r.athleteId(),
        kept.reason() == null ? "new activity " + kept.id() : "a copy (" + kept.reason() + ") of " + kept.id()))
        .replaceWithVoid();
  }

  private static boolean plausibleHr(Integer bpm) {
    return bpm == null || (bpm >= 25 && bpm <= 250);
  }

  public Uni<Stored> store(NewActivity a) {
    return outbox.inTransaction(tx -> storeIn(tx, a))
        .flatMap(kept -> get(a.athleteId(), kept.id()).map(view -> new Stored(kept.reason() == null, view)));
  }

  /** In the caller's transaction: the activity counted (this one, new, or the one it is a copy of). */
  private Uni<Existing> storeIn(SqlConnection tx, NewActivity a) {
    return tx.preparedQuery("SELECT pg_advisory_xact_lock(hashtext($1))")
        .execute(Tuple.of(a.athleteId()))
        .flatMap(locked -> findCopy(tx, a))
        .flatMap(existing -> existing == null
            ? keys.forWriting(tx, a.athleteId()).flatMap(key -> insert(tx, a, key)).replaceWith(new Existing(a.id(), null))
            : recordDuplicate(tx, a, existing).replaceWith(existing));
  }

  private Uni<Existing> findCopy(SqlConnection tx, NewActivity a) {
    Uni<Existing> sameFile = a.sha256() == null ? Uni.createFrom().nullItem()
        : tx.preparedQuery("SELECT id FROM activity WHERE athlete_id = $1 AND content_sha256 = $2")
            .execute(Tuple.of(a.athleteId(), a.sha256()))
            .map(rows -> rows.size() == 0 ? null : new Existing(rows.iterator().next().getUUID("id"), "SAME_FILE"));
    return sameFile.flatMap(found -> found != null ? Uni.createFrom().item(found)
        : tx.preparedQuery("""
                SELECT id, start_time, elapsed_seconds, moving_seconds FROM activity
                WHERE athlete_id = $1 AND start_time BETWEEN $2 AND $3 ORDER BY received_at""")
            .execute(Tuple.of(a.athleteId(), utc(a.start().minusSeconds(Duplicates.START_TOLERANCE_SECONDS)),
                utc(a.start().plusSeconds(Duplicates.START_TOLERANCE_SECONDS))))
            .map(rows -> {
              for (Row row : rows) {
                if (Duplicates.sameRun(row.getOffsetDateTime("start_time").toInstant(), row.getLong("elapsed_seconds"),
                    row.getLong("moving_seconds"), a.start(), a.metrics().elapsedSeconds(), a.metrics().movingSeconds())) {
                  return new Existing(row.getUUID("id"), "SAME_RUN");
                }
              }
              return null;
            }));
  }

  private Uni<Void> recordDuplicate(SqlConnection tx, NewActivity a, Existing kept) {
    LOG.infof("activity upload by %s is a copy (%s) of %s; counted once", a.athleteId(), kept.reason(), kept.id());
    return tx.preparedQuery("""
            INSERT INTO activity_duplicate (id, athlete_id, kept_activity_id, reason, source, format, start_time,
                                            elapsed_seconds, content_sha256, received_at, vendor_id)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)""")
        .execute(Tuple.from(new Object[] {a.id(), a.athleteId(), kept.id(), kept.reason(), a.source().name(), a.format().name(),
            utc(a.start()), (int) a.metrics().elapsedSeconds(), a.sha256(), utc(clock.instant()), a.vendorId()}))
        .replaceWithVoid();
  }

  private Uni<Void> insert(SqlConnection tx, NewActivity a, DataKeys.Sealer key) {
    Metrics m = a.metrics();
    Loads l = a.loads();
    UUID eventId = UUID.randomUUID();
    Instant now = clock.instant();
    JsonObject histogram = new JsonObject();
    l.hrSecondsByBpm().forEach((bpm, seconds) -> histogram.put(bpm.toString(), seconds));
    Object[] values = {a.id(), a.athleteId(), a.source().name(), a.format().name(), a.sport(), utc(a.start()),
        a.offset() == null ? null : a.offset().getTotalSeconds(), a.localDate(), a.timeNote(),
        (int) m.elapsedSeconds(), (int) m.movingSeconds(), (int) m.timerSeconds(), m.distanceMeters(),
        small(m.avgHr()), small(m.maxHr()), m.elevationGainMeters(), m.elevationLossMeters(), m.avgPaceSecondsPerKm(),
        m.avgCadence(), m.avgGroundContactMs(), m.avgVerticalOscillationMm(), m.avgPowerWatts(),
        m.rrIntervalsMs().isEmpty() ? null : m.rrIntervalsMs().toArray(new Integer[0]), m.rmssdMs(),
        small(a.rpe()), key.sealText(NOTES, a.id(), a.notes()), l.srpeLoad(), l.impactLoad(), histogram.isEmpty() ? null : histogram,
        m.sampleCount(), a.sha256(), utc(now), eventId, a.vendorId(), a.device()};
    var event = EventEnvelope.of(EventType.HEALTH_DATA_RECEIVED, SOURCE, a.athleteId(), eventId, now,
        new HealthDataReceived(a.athleteId(), a.id(), HealthDataKind.WORKOUT, a.source(), a.localDate(), now,
            null, null, null, null, null,
            new Workout(a.id(), a.sport(), a.start(), m.elapsedSeconds(), m.movingSeconds(), m.distanceMeters(), m.avgHr(),
                m.maxHr(), a.rpe(), l.srpeLoad(), l.hrSecondsByBpm().isEmpty() ? null : l.hrSecondsByBpm(),
                l.impactLoad(), m.elevationGainMeters())));
    return tx.preparedQuery("""
            INSERT INTO activity (id, athlete_id, source, format, sport, start_time, utc_offset_seconds, local_date, time_note,
                elapsed_seconds, moving_seconds, timer_seconds, distance_meters, avg_hr, max_hr, elevation_gain_meters,
                elevation_loss_meters, avg_pace_seconds_per_km, avg_cadence, avg_ground_contact_ms,
                avg_vertical_oscillation_mm, avg_power_watts, rr_intervals_ms, rmssd_ms, rpe, notes_sealed, srpe_load, impact_load,
                hr_seconds_by_bpm, sample_count, content_sha256, received_at, event_id, vendor_id, device)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22,
                    $23, $24, $25, $26, $27, $28, $29, $30, $31, $32, $33, $34, $35)""")
        .execute(Tuple.from(values))
        .flatMap(inserted -> insertSamples(tx, a))
        .flatMap(stored -> outbox.append(tx, EventType.HEALTH_DATA_RECEIVED, event));
  }

  /** All samples of an activity in one statement: parallel arrays unnested server-side. */
  private Uni<Void> insertSamples(SqlConnection tx, NewActivity a) {
    List<Sample> s = a.samples();
    int n = s.size();
    if (n == 0) {
      return Uni.createFrom().voidItem();
    }
    OffsetDateTime[] t = new OffsetDateTime[n];
    Short[] hr = new Short[n];
    Double[] lat = new Double[n];
    Double[] lon = new Double[n];
    Float[] alt = new Float[n];
    Float[] speed = new Float[n];
    Float[] cadence = new Float[n];
    Short[] power = new Short[n];
    for (int i = 0; i < n; i++) {
      Sample x = s.get(i);
      t[i] = utc(x.time());
      hr[i] = small(x.hr());
      lat[i] = x.lat();
      lon[i] = x.lon();
      alt[i] = x.altitude() == null ? null : x.altitude().floatValue();
      speed[i] = x.speed() == null ? null : x.speed().floatValue();
      cadence[i] = x.cadence() == null ? null : x.cadence().floatValue();
      power[i] = x.power() == null || x.power() > Short.MAX_VALUE || x.power() < 0 ? null : x.power().shortValue();
    }
    long began = System.nanoTime();
    return tx.preparedQuery("""
            INSERT INTO activity_sample (activity_id, athlete_id, t, hr, lat, lon, altitude_m, speed_mps, cadence, power_w)
            SELECT $1, $2, u.* FROM unnest($3::timestamptz[], $4::int2[], $5::float8[], $6::float8[], $7::float4[],
                                          $8::float4[], $9::float4[], $10::int2[]) AS u""")
        .execute(Tuple.from(new Object[] {a.id(), a.athleteId(), t, hr, lat, lon, alt, speed, cadence, power}))
        .invoke(rows -> {
          double ms = (System.nanoTime() - began) / 1e6;
          LOG.infof("stored %d samples of activity %s in %.1f ms (%.0f rows/s)", rows.rowCount(), a.id(), ms,
              rows.rowCount() / (ms / 1000));
        })
        .replaceWithVoid();
  }

  /**
   * Deletes the athlete's activity, its samples and the record of the copies recognised as it
   * (foreign keys cascade), and announces WORKOUT_REMOVED in the same transaction so readiness
   * drops its load. The copies are not promoted: a duplicate row keeps only which copy arrived,
   * not its metrics or samples, so there is nothing to count; uploading the other copy again
   * makes it a new activity (no hash or start time matches any more). False when there is no
   * such activity of this athlete.
   */
  public Uni<Boolean> delete(String athleteId, UUID id) {
    return outbox.inTransaction(tx -> tx.preparedQuery("SELECT pg_advisory_xact_lock(hashtext($1))")
        .execute(Tuple.of(athleteId))
        .flatMap(locked -> tx.preparedQuery(
                "DELETE FROM activity WHERE id = $1 AND athlete_id = $2 RETURNING source, local_date")
            .execute(Tuple.of(id, athleteId)))
        .flatMap(deleted -> {
          if (deleted.size() == 0) {
            return Uni.createFrom().item(false);
          }
          Row row = deleted.iterator().next();
          Instant now = clock.instant();
          var removed = HealthDataReceived.workoutRemoved(athleteId, id, DataSource.valueOf(row.getString("source")),
              row.getLocalDate("local_date"), now);
          LOG.infof("activity %s of %s deleted; its load is withdrawn", id, athleteId);
          return outbox.append(tx, EventType.HEALTH_DATA_RECEIVED,
                  EventEnvelope.of(EventType.HEALTH_DATA_RECEIVED, SOURCE, athleteId, UUID.randomUUID(), now, removed))
              .replaceWith(true);
        }));
  }

  public Uni<ActivityView> get(String athleteId, UUID id) {
    Uni<RowSet<Row>> activity = pool.preparedQuery("SELECT * FROM activity WHERE id = $1 AND athlete_id = $2")
        .execute(Tuple.of(id, athleteId));
    Uni<RowSet<Row>> copies = pool.preparedQuery(
            "SELECT * FROM activity_duplicate WHERE kept_activity_id = $1 AND athlete_id = $2 ORDER BY received_at")
        .execute(Tuple.of(id, athleteId));
    Uni<DataKeys.KeyRing> ring = keys.forReading(pool, athleteId);
    return Uni.combine().all().unis(activity, copies, ring).asTuple().map(both -> {
      if (both.getItem1().size() == 0) {
        return null;
      }
      List<ActivityView.DuplicateView> duplicates = new ArrayList<>();
      for (Row d : both.getItem2()) {
        duplicates.add(new ActivityView.DuplicateView(d.getUUID("id"), d.getString("reason"), d.getString("source"),
            d.getString("format"), d.getOffsetDateTime("start_time").toInstant(), d.getInteger("elapsed_seconds"),
            d.getOffsetDateTime("received_at").toInstant()));
      }
      return view(both.getItem1().iterator().next(), duplicates, both.getItem3());
    });
  }

  public Uni<ActivityListView> list(String athleteId, int page, int size) {
    Uni<RowSet<Row>> rows = pool.preparedQuery("""
            SELECT id, sport, start_time, utc_offset_seconds, local_date, source, format, elapsed_seconds, moving_seconds,
                   distance_meters, avg_hr, srpe_load, impact_load
            FROM activity WHERE athlete_id = $1 ORDER BY start_time DESC, id LIMIT $2 OFFSET $3""")
        .execute(Tuple.of(athleteId, size, (long) page * size));
    Uni<RowSet<Row>> count = pool.preparedQuery("SELECT count(*) FROM activity WHERE athlete_id = $1").execute(Tuple.of(athleteId));
    return Uni.combine().all().unis(rows, count).asTuple().map(both -> {
      List<ActivityListView.Item> items = new ArrayList<>();
      for (Row r : both.getItem1()) {
        items.add(new ActivityListView.Item(r.getUUID("id"), r.getString("sport"), startTime(r), r.getLocalDate("local_date"),
            r.getString("source"), r.getString("format"), r.getInteger("elapsed_seconds"), r.getInteger("moving_seconds"),
            r.getDouble("distance_meters"), r.getInteger("avg_hr"), r.getDouble("srpe_load"), r.getDouble("impact_load")));
      }
      return new ActivityListView(items, page, size, both.getItem2().iterator().next().getLong(0));
    });
  }

  /** The activity's streams, thinned to maxPoints when given; null when the athlete has no such activity. */
  public Uni<StreamsView> streams(String athleteId, UUID id, Integer maxPoints) {
    return pool.preparedQuery("SELECT 1 FROM activity WHERE id = $1 AND athlete_id = $2").execute(Tuple.of(id, athleteId))
        .flatMap(owned -> owned.size() == 0 ? Uni.createFrom().nullItem()
            : pool.preparedQuery("""
                    SELECT t, hr, lat, lon, altitude_m, speed_mps, cadence, power_w FROM activity_sample
                    WHERE activity_id = $1 ORDER BY t""")
                .execute(Tuple.of(id))
                .map(rows -> {
                  List<Row> all = new ArrayList<>(rows.size());
                  rows.forEach(all::add);
                  List<Row> kept = maxPoints == null ? all : Downsample.evenly(all, maxPoints);
                  List<Instant> time = new ArrayList<>(kept.size());
                  List<Integer> hr = new ArrayList<>(kept.size());
                  List<Double> lat = new ArrayList<>(kept.size());
                  List<Double> lon = new ArrayList<>(kept.size());
                  List<Float> alt = new ArrayList<>(kept.size());
                  List<Float> speed = new ArrayList<>(kept.size());
                  List<Float> cadence = new ArrayList<>(kept.size());
                  List<Integer> power = new ArrayList<>(kept.size());
                  for (Row r : kept) {
                    time.add(r.getOffsetDateTime("t").toInstant());
                    hr.add(r.getInteger("hr"));
                    lat.add(r.getDouble("lat"));
                    lon.add(r.getDouble("lon"));
                    alt.add(r.getFloat("altitude_m"));
                    speed.add(r.getFloat("speed_mps"));
                    cadence.add(r.getFloat("cadence"));
                    power.add(r.getInteger("power_w"));
                  }
                  return new StreamsView(id, all.size(), kept.size(), time, hr, lat, lon, alt, speed, cadence, power);
                }));
  }

  private static ActivityView view(Row r, List<ActivityView.DuplicateView> duplicates, DataKeys.KeyRing ring) {
    SortedMap<Integer, Integer> histogram = null;
    JsonObject h = (JsonObject) r.getValue("hr_seconds_by_bpm");
    if (h != null) {
      histogram = new TreeMap<>();
      for (String key : h.fieldNames()) {
        histogram.put(Integer.valueOf(key), h.getInteger(key));
      }
    }
    Integer[] rr = r.getArrayOfIntegers("rr_intervals_ms");
    Double distance = r.getDouble("distance_meters");
    Double pace = r.getDouble("avg_pace_seconds_per_km");
    var metrics = new ActivityView.MetricsView(r.getInteger("elapsed_seconds"), r.getInteger("moving_seconds"),
        r.getInteger("timer_seconds"), distance, r.getInteger("avg_hr"), r.getInteger("max_hr"),
        r.getDouble("elevation_gain_meters"), r.getDouble("elevation_loss_meters"), pace, r.getDouble("avg_cadence"),
        r.getDouble("avg_ground_contact_ms"), r.getDouble("avg_vertical_oscillation_mm"), r.getDouble("avg_power_watts"),
        rr == null ? null : Arrays.asList(rr), r.getDouble("rmssd_ms"));
    var loads = new ActivityView.LoadsView(r.getDouble("srpe_load"), new ActivityView.ExternalLoad(distance, pace),
        r.getDouble("impact_load"), histogram);
    return new ActivityView(r.getUUID("id"), r.getString("source"), r.getString("format"), r.getString("sport"), startTime(r),
        r.getLocalDate("local_date"), r.getString("time_note"), r.getInteger("rpe"),
        r.getBuffer("notes_sealed") == null ? r.getString("notes") : ring.openText(NOTES, r.getUUID("id"), r.getBuffer("notes_sealed")),
        metrics, loads,
        r.getInteger("sample_count"), r.getOffsetDateTime("received_at").toInstant(), r.getUUID("event_id"),
        duplicates.isEmpty() ? null : duplicates);
  }

  private static OffsetDateTime startTime(Row r) {
    Integer offset = r.getInteger("utc_offset_seconds");
    return r.getOffsetDateTime("start_time").toInstant()
        .atOffset(offset == null ? ZoneOffset.UTC : ZoneOffset.ofTotalSeconds(offset));
  }

  private static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }

  private static Short small(Integer value) {
    return value == null ? null : value.shortValue();
  }

  static String sha256(byte[] content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
