package org.runningcoach.support.erase;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import java.util.List;
import java.util.Map;

/**
 * The athlete's rows of one service as JSON, for the data export. Each part is a query with the
 * athlete id as $1; its rows become objects whose keys are the column names in camelCase (JSON
 * columns stay as they are) and without athlete_id. All parts are read in one repeatable-read transaction, so the
 * export is one consistent snapshot.
 */
public final class AthleteExport {

  /** One key of the export: every row of the query, or only the first (null when there is none). */
  public record Part(String name, String sql, boolean single) {
    public static Part rows(String name, String sql) {
      return new Part(name, sql, false);
    }

    public static Part first(String name, String sql) {
      return new Part(name, sql, true);
    }
  }

  private AthleteExport() {}

  public static Uni<JsonObject> of(Pool pool, String athleteId, List<Part> parts) {
    JsonObject export = new JsonObject();
    return pool.withTransaction(tx -> tx.query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY").execute()
        .flatMap(set -> Multi.createFrom().iterable(parts)
            .onItem().transformToUniAndConcatenate(part -> tx.preparedQuery(
                    "SELECT coalesce(json_agg(to_json(q)), '[]'::json)::text FROM (" + part.sql() + ") q")
                .execute(Tuple.of(athleteId))
                .invoke(result -> {
                  JsonArray rows = camelCase(new JsonArray(result.iterator().next().getString(0)));
                  export.put(part.name(), part.single() ? (rows.isEmpty() ? null : rows.getValue(0)) : rows);
                }))
            .collect().last()))
        .replaceWith(export);
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
