package org.runningcoach.support.erase;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;

/**
 * Delete My Data inside one service's schema. Every table of the schema with an
 * {@code athlete_id} column is emptied of the athlete's rows, found from the catalog rather than
 * a hand-kept list, so a table added by a later migration is erased without anyone remembering
 * to add it here. Events of the athlete still waiting in the outbox (keyed by the athlete) are
 * dropped too: they carry the data being erased. {@code processed_event} holds only event ids
 * and stays, so a redelivered erase changes nothing.
 */
public final class AthleteData {

  private AthleteData() {}

  /** Runs inside the caller's transaction; answers the tables it deleted from. */
  public static Uni<List<String>> erase(SqlConnection tx, String athleteId) {
    return tx.query("""
            SELECT c.table_name FROM information_schema.columns c
            JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
            WHERE c.table_schema = current_schema() AND c.column_name = 'athlete_id' AND t.table_type = 'BASE TABLE'
            ORDER BY c.table_name""")
        .execute()
        .map(rows -> {
          List<String> tables = new ArrayList<>();
          for (Row row : rows) {
            tables.add(row.getString(0));
          }
          return tables;
        })
        .flatMap(tables -> Multi.createFrom().iterable(tables)
            // Table names come from the catalog, never from a request.
            .onItem().transformToUniAndConcatenate(table -> tx.preparedQuery(
                    "DELETE FROM \"" + table.replace("\"", "\"\"") + "\" WHERE athlete_id = $1")
                .execute(Tuple.of(athleteId)))
            .collect().last()
            .flatMap(done -> tx.preparedQuery("DELETE FROM outbox WHERE event_key = $1").execute(Tuple.of(athleteId)))
            .replaceWith(tables));
  }
}
