package org.runningcoach.support.erase;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.runningcoach.support.crypto.DataKeys;
import org.runningcoach.support.crypto.DataKeys.KeyRing;

/**
 * The athlete's rows of one service as JSON, for the data export. Each part is a query with the
 * athlete id as $1; its rows become objects whose keys are the column names in camelCase (JSON
 * columns stay as they are) and without athlete_id. All parts are read in one repeatable-read transaction, so the
 * export is one consistent snapshot.
 */
public final class AthleteExport {

  /**
   * One key of the export: every row of the query, or only the first (null when there is none).
   * Columns sealed with the athlete's data key are opened and shown under their plain name.
   */
  public record Part(String name, String sql, boolean single, List<Sealed> sealed) {
    public static Part rows(String name, String sql) {
      return new Part(name, sql, false, List.of());
    }

    public static Part first(String name, String sql) {
      return new Part(name, sql, true, List.of());
    }

    /** The same part with a sealed column opened (see {@link Sealed}). */
    public Part opening(Sealed column) {
      List<Sealed> all = new java.util.ArrayList<>(sealed);
      all.add(column);
      return new Part(name, sql, single, List.copyOf(all));
    }
  }

  /**
   * A {@code bytea} column sealed with {@link DataKeys}: {@code <name>_sealed}, with the table and
   * the column holding the record id it was sealed with. It appears in the export as {@code <name>}
   * (JSON when {@code json}), replacing any plain column of that name.
   */
  public record Sealed(String column, String table, String recordIdColumn, boolean json) {
    public Sealed {
      if (!column.endsWith("_sealed")) {
        throw new IllegalArgumentException("a sealed column is named <name>_sealed: " + column);
      }
    }
  }

  private AthleteExport() {}

  public static Uni<JsonObject> of(Pool pool, String athleteId, List<Part> parts) {
    if (parts.stream().anyMatch(p -> !p.sealed().isEmpty())) {
      throw new IllegalArgumentException("parts with sealed columns need the service's DataKeys");
    }
    return of(pool, athleteId, parts, null);
  }

  /** As {@link #of(Pool, String, List)}, opening the parts' sealed columns with the athlete's data keys. */
  public static Uni<JsonObject> of(Pool pool, String athleteId, List<Part> parts, DataKeys keys) {
    JsonObject export = new JsonObject();
    return pool.withTransaction(tx -> tx.query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY").execute()
        .flatMap(set -> keys == null ? Uni.createFrom().<KeyRing>nullItem() : keys.forReadingOnly(tx, athleteId))
        .flatMap(ring -> Multi.createFrom().iterable(parts)
            .onItem().transformToUniAndConcatenate(part -> tx.preparedQuery(
                    "SELECT coalesce(json_agg(to_json(q)), '[]'::json)::text FROM (" + part.sql() + ") q")
                .execute(Tuple.of(athleteId))
                .invoke(result -> {
                  JsonArray rows = new JsonArray(AthleteExport.<List<Object>>stored(result.iterator().next().getString(0), List.class));
                  open(rows, part.sealed(), ring);
                  rows = camelCase(rows);
                  export.put(part.name(), part.single() ? (rows.isEmpty() ? null : rows.getValue(0)) : rows);
                }))
            .collect().last()))
        .replaceWith(export);
  }

  /**
   * Reads what PostgreSQL and the sealed columns hand back. This is data we stored, not a request
   * body, so the client-input limits of the application's Jackson (strings ≤ 1 MB, shallow nesting)
   * do not apply: an athlete's 7 MB Garmin Activity Details payload must export, not fail the export.
   */
  private static final ObjectMapper STORED = JsonMapper.builder(JsonFactory.builder()
      .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(Integer.MAX_VALUE).maxNestingDepth(100_000)
          .build())
      .build()).build();

  @SuppressWarnings("unchecked")
  private static <T> T stored(String json, Class<?> type) {
    try {
      return (T) STORED.readValue(json, type);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored JSON that does not read back: " + e.getOriginalMessage(), e);
    }
  }

  private static void open(JsonArray rows, List<Sealed> sealed, KeyRing ring) {
    for (Object r : rows) {
      JsonObject row = (JsonObject) r;
      for (Sealed column : sealed) {
        String hex = row.getString(column.column());
        row.remove(column.column());
        String plain = column.column().substring(0, column.column().length() - "_sealed".length());
        if (hex == null) {
          continue;
        }
        // json_agg renders bytea as "\\x<hex>".
        byte[] bytes = HexFormat.of().parseHex(hex.substring(2));
        String text = new String(ring.open(column.table(), String.valueOf(row.getValue(column.recordIdColumn())), bytes),
            StandardCharsets.UTF_8);
        row.put(plain, column.json() ? stored(text, Object.class) : text);
      }
    }
  }

  private static JsonArray camelCase(JsonArray rows) {
    JsonArray out = new JsonArray();
    for (Object row : rows) {
      JsonObject renamed = new JsonObject();
      for (Map.Entry<String, Object> column : ((JsonObject) row)) {
        if (column.getKey().equals("athlete_id")) {
          continue; // the export names the athlete once, at the top
        }
        renamed.put(camelCase(column.getKey()), column.getValue());
      }
      out.add(renamed);
    }
    return out;
  }

  static String camelCase(String column) {
    StringBuilder name = new StringBuilder();
    boolean upper = false;
    for (char c : column.toCharArray()) {
      if (c == '_') {
        upper = true;
      } else {
        name.append(upper ? Character.toUpperCase(c) : c);
        upper = false;
      }
    }
    return name.toString();
  }
}
