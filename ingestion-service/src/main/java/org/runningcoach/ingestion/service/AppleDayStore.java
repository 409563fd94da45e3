package org.runningcoach.ingestion.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.runningcoach.events.EventCodec;
import org.runningcoach.events.EventEnvelope;
import org.runningcoach.events.EventType;
import org.runningcoach.events.HealthDataReceived;
import org.runningcoach.events.HealthDataReceived.DataSource;
import org.runningcoach.events.HealthDataReceived.HealthDataKind;
import org.runningcoach.ingestion.domain.AppleDay;
import org.runningcoach.ingestion.domain.AppleSamples;
import org.runningcoach.ingestion.domain.AppleSamples.Sample;
import org.runningcoach.ingestion.domain.AppleSamples.Type;
import org.runningcoach.support.outbox.Outbox;

/**
 * Keeps Apple samples per athlete (one row per sample identity) and announces athlete-days:
 * the webhook and the export.xml import both {@link #store} samples and then {@link #announce}
 * the days those samples touched, inside the caller's transaction. A day is recomputed from all
 * its samples and announced (HealthDataReceived HRV, RESTING_HR, SLEEP) only when its value
 * differs from the one announced last, so a re-sent batch or a re-imported file emits nothing.
 */
@ApplicationScoped
public class AppleDayStore {

  /** Days are recomputed this many at a time, from one read of their samples. */
  static final int DAYS_PER_READ = 31;

  /**
   * What a store did: samples new or changed, the days whose inputs may have changed, and the
   * WORKOUT samples seen for the first time (what is handed on to activity-service).
   */
  public record Stored(int changed, Set<LocalDate> days, List<Sample> newWorkouts) {
    public static Stored none() {
      return new Stored(0, Set.of(), List.of());
    }
  }

  private static final ObjectMapper DETAIL_JSON = new ObjectMapper();

  private final Outbox outbox;

  public AppleDayStore(Outbox outbox) {
    this.outbox = outbox;
  }

  private static String key(Type type, String source, String stage, Instant start, Instant end) {
    return type + "|" + source + "|" + stage + "|" + start + "|" + end;
  }

  private static String key(Sample s) {
    return key(s.type(), source(s), stage(s), s.start().toInstant(), s.end().toInstant());
  }

  private static String source(Sample s) {
    return s.source() == null ? "" : s.source();
  }

  private static String stage(Sample s) {
    return s.stage() == null ? "" : s.stage().name();
  }

  /** Upserts the samples in one statement; identical ones change nothing. */
  public Uni<Stored> store(SqlConnection tx, String athleteId, List<Sample> samples) {
    Map<String, Sample> unique = new LinkedHashMap<>();
    for (Sample s : samples) {
      unique.put(key(s), s); // the last copy of a sample in one batch wins
    }
    if (unique.isEmpty()) {
      return Uni.createFrom().item(Stored.none());
    }
    int n = unique.size();
    String[] types = new String[n];
    String[] sources = new String[n];
    String[] stages = new String[n];
    OffsetDateTime[] starts = new OffsetDateTime[n];
    OffsetDateTime[] ends = new OffsetDateTime[n];
    Integer[] offsets = new Integer[n];
    LocalDate[] dates = new LocalDate[n];
    Double[] values = new Double[n];
    String[] units = new String[n];
    String[] details = new String[n];
    int i = 0;
    for (Sample s : unique.values()) {
      types[i] = s.type().name();
      sources[i] = source(s);
      stages[i] = stage(s);
      starts[i] = s.start().withOffsetSameInstant(ZoneOffset.UTC);
      ends[i] = s.end().withOffsetSameInstant(ZoneOffset.UTC);
      offsets[i] = s.end().getOffset().getTotalSeconds();
      dates[i] = s.end().toLocalDate();
      values[i] = s.value();
      units[i] = s.unit();
      details[i] = detail(s);
      i++;
    }
    return tx.preparedQuery("""
            INSERT INTO apple_sample (athlete_id, type, source, stage, start_at, end_at, end_offset_seconds, local_date,
                                      value, unit, detail)
            SELECT $1, t.type, t.source, t.stage, t.start_at, t.end_at, t.off, t.local_date, t.value, t.unit,
                   t.detail::jsonb
            FROM unnest($2::text[], $3::text[], $4::text[], $5::timestamptz[], $6::timestamptz[], $7::int[],
                        $8::date[], $9::float8[], $10::text[], $11::text[])
              AS t(type, source, stage, start_at, end_at, off, local_date, value, unit, detail)
            ON CONFLICT (athlete_id, type, source, stage, start_at, end_at) DO UPDATE
              SET value = EXCLUDED.value, unit = EXCLUDED.unit, detail = EXCLUDED.detail,
                  end_offset_seconds = EXCLUDED.end_offset_seconds, local_date = EXCLUDED.local_date
              WHERE apple_sample.value IS DISTINCT FROM EXCLUDED.value
                 OR apple_sample.unit IS DISTINCT FROM EXCLUDED.unit
                 OR apple_sample.detail IS DISTINCT FROM EXCLUDED.detail
                 OR apple_sample.local_date IS DISTINCT FROM EXCLUDED.local_date
            RETURNING type, source, stage, start_at, end_at, local_date, (xmax = 0) AS inserted""")
        .execute(Tuple.from(new Object[] {athleteId, types, sources, stages, starts, ends, offsets, dates, values,
            units, details}))
        .map(rows -> {
          Set<LocalDate> days = new TreeSet<>();
          List<Sample> newWorkouts = new ArrayList<>();
          int changed = 0;
          for (Row row : rows) {
            changed++;
            Type type = Type.valueOf(row.getString("type"));
            LocalDate date = row.getLocalDate("local_date");
            switch (type) {
              case WORKOUT -> {
                if (Boolean.TRUE.equals(row.getBoolean("inserted"))) {
                  newWorkouts.add(unique.get(key(type, row.getString("source"), row.getString("stage"),
                      row.getOffsetDateTime("start_at").toInstant(), row.getOffsetDateTime("end_at").toInstant())));
                }
              }
              case SLEEP_STAGE -> {
                // A segment may belong to a night that ends the next day.
                days.add(date);
                days.add(date.plusDays(1));
              }
              default -> days.add(date);
            }
          }
          return new Stored(changed, days, newWorkouts);
        });
  }

  private static String detail(Sample s) {
    Object detail = s.totals() != null ? s.totals() : s.workout();
    if (detail == null) {
      return null;
    }
    try {
      return DETAIL_JSON.writeValueAsString(detail);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** How many days had an input announced, and how many events were appended. */
  public record Announced(int days, int events) {
    Announced plus(Announced other) {
      return new Announced(days + other.days, events + other.events);
    }
  }

  /** As {@link #announceDays}, the number of events. */
  public Uni<Integer> announce(SqlConnection tx, String athleteId, Collection<LocalDate> days, UUID recordId,
      String eventSource, Instant now) {
    return announceDays(tx, athleteId, days, recordId, eventSource, now).map(Announced::events);
  }

  /**
   * Recomputes the days and appends a HealthDataReceived for each input that differs from the
   * one last announced for its day.
   */
  public Uni<Announced> announceDays(SqlConnection tx, String athleteId, Collection<LocalDate> days, UUID recordId,
      String eventSource, Instant now) {
    List<LocalDate> sorted = new ArrayList<>(new TreeSet<>(days));
    List<List<LocalDate>> groups = new ArrayList<>();
    for (LocalDate d : sorted) {
      if (groups.isEmpty() || groups.get(groups.size() - 1).size() >= DAYS_PER_READ
          || d.isAfter(groups.get(groups.size() - 1).get(0).plusDays(DAYS_PER_READ))) {
        groups.add(new ArrayList<>());
      }
      groups.get(groups.size() - 1).add(d);
    }
    Uni<Announced> chain = Uni.createFrom().item(new Announced(0, 0));
    for (List<LocalDate> group : groups) {
      chain = chain.flatMap(sum -> announceGroup(tx, athleteId, group, recordId, eventSource, now).map(sum::plus));
    }
    return chain;
  }

  private Uni<Announced> announceGroup(SqlConnection tx, String athleteId, List<LocalDate> group, UUID recordId,
      String eventSource, Instant now) {
    LocalDate from = group.get(0).minusDays(1);
    LocalDate to = group.get(group.size() - 1).plusDays(1);
    Uni<List<Sample>> window = tx.preparedQuery("""
            SELECT type, source, stage, start_at, end_at, end_offset_seconds, value, unit, detail FROM apple_sample
            WHERE athlete_id = $1 AND local_date BETWEEN $2 AND $3 AND type <> 'WORKOUT'""")
        .execute(Tuple.of(athleteId, from, to))
        .map(rows -> {
          List<Sample> out = new ArrayList<>();
          rows.forEach(row -> out.add(sample(row)));
          return out;
        });
    Uni<Map<String, String>> announced = tx.preparedQuery(
            "SELECT local_date, kind, content_hash FROM apple_daily_input WHERE athlete_id = $1 AND local_date = ANY($2)")
        .execute(Tuple.of(athleteId, group.toArray(new LocalDate[0])))
        .map(rows -> {
          Map<String, String> out = new HashMap<>();
          rows.forEach(row -> out.put(row.getLocalDate("local_date") + "|" + row.getString("kind"),
              row.getString("content_hash")));
          return out;
        });
    return window.flatMap(samples -> announced.flatMap(last -> {
      Uni<Announced> chain = Uni.createFrom().item(new Announced(0, 0));
      for (LocalDate date : group) {
        AppleDay.Inputs inputs = AppleDay.of(date, samples);
        chain = chain.flatMap(sum -> emit(tx, athleteId, date, HealthDataKind.HRV, inputs.hrv(), last, recordId,
                eventSource, now)
            .flatMap(a -> emit(tx, athleteId, date, HealthDataKind.RESTING_HR, inputs.restingHr(), last, recordId,
                eventSource, now).map(b -> a + b))
            .flatMap(ab -> emit(tx, athleteId, date, HealthDataKind.SLEEP, inputs.sleep(), last, recordId, eventSource,
                now).map(c -> ab + c))
            .map(events -> sum.plus(new Announced(events > 0 ? 1 : 0, events))));
      }
      return chain;
    }));
  }

  private Uni<Integer> emit(SqlConnection tx, String athleteId, LocalDate date, HealthDataKind kind, Object part,
      Map<String, String> last, UUID recordId, String eventSource, Instant now) {
    if (part == null) {
      return Uni.createFrom().item(0);
    }
    String json;
    try {
      json = EventCodec.mapper().writeValueAsString(part);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    String hash = sha256(json);
    if (hash.equals(last.get(date + "|" + kind.name()))) {
      return Uni.createFrom().item(0);
    }
    UUID eventId = UUID.randomUUID();
    HealthDataReceived event = new HealthDataReceived(athleteId, recordId, kind, DataSource.APPLE, date, now, null,
        kind == HealthDataKind.HRV ? (HealthDataReceived.Hrv) part : null,
        kind == HealthDataKind.RESTING_HR ? (HealthDataReceived.RestingHr) part : null,
        kind == HealthDataKind.SLEEP ? (HealthDataReceived.Sleep) part : null, null, null);
    return tx.preparedQuery("""
            INSERT INTO apple_daily_input (athlete_id, local_date, kind, value, content_hash, event_id, updated_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7)
            ON CONFLICT (athlete_id, local_date, kind) DO UPDATE
              SET value = EXCLUDED.value, content_hash = EXCLUDED.content_hash, event_id = EXCLUDED.event_id,
                  updated_at = EXCLUDED.updated_at""")
        .execute(Tuple.from(new Object[] {athleteId, date, kind.name(), new JsonObject(json), hash, eventId,
            now.atOffset(ZoneOffset.UTC)}))
        .flatMap(done -> outbox.append(tx, EventType.HEALTH_DATA_RECEIVED,
            EventEnvelope.of(EventType.HEALTH_DATA_RECEIVED, eventSource, athleteId, eventId, now, event)))
        .replaceWith(1);
  }

  private static Sample sample(Row row) {
    ZoneOffset offset = ZoneOffset.ofTotalSeconds(row.getInteger("end_offset_seconds"));
    Type type = Type.valueOf(row.getString("type"));
    String stage = row.getString("stage");
    AppleSamples.SleepTotals totals = null;
    Object detail = row.getValue("detail");
    if (type == Type.SLEEP_NIGHT && detail != null) {
      try {
        totals = DETAIL_JSON.readValue(detail.toString(), AppleSamples.SleepTotals.class);
      } catch (JsonProcessingException e) {
        throw new IllegalStateException(e);
      }
    }
    return new Sample(type, row.getOffsetDateTime("start_at").withOffsetSameInstant(offset),
        row.getOffsetDateTime("end_at").withOffsetSameInstant(offset), row.getDouble("value"), row.getString("unit"),
        stage == null || stage.isEmpty() ? null : AppleSamples.Stage.valueOf(stage), row.getString("source"), totals,
        null);
  }

  static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
