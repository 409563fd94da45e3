package org.runningcoach.support.erase;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Delete My Data inside one service's schema. Every table of the schema with an
 * {@code athlete_id} column is emptied of the athlete's rows, found from the catalog rather than
 * a hand-kept list, so a table added by a later migration is erased without anyone remembering
 * to add it here. Events of the athlete still waiting in the outbox (keyed by the athlete) are
 * dropped too: they carry the data being erased. {@code processed_event} holds only event ids
 * and stays, so a redelivered erase changes nothing. The athlete's data key ({@code athlete_key})
 * goes with the rest, so sealed copies elsewhere (backups) can no longer be opened.
 *
 * <p>An erasure marker ({@code erased_athlete}: the SHA-256 of the id and the erasure time) is
 * left behind, so {@link org.runningcoach.support.messaging.IdempotentConsumer} can skip events
 * about the athlete that were already on their way.
 */
public final class AthleteData {

  private AthleteData() {}

  /**
   * Runs inside the caller's transaction; answers the tables it deleted from.
   *
   * @param erasedAt when the athlete's data was erased at the source (the UserDataErased time):
   *     events about them from before it are skipped from now on, later ones (the athlete keeps
   *     using the app) are accepted
   */
  public static Uni<List<String>> erase(SqlConnection tx, String athleteId, Instant erasedAt) {
    return deleteRows(tx, athleteId).flatMap(tables -> tx.preparedQuery("""
            INSERT INTO erased_athlete (athlete_id_sha256, erased_at) VALUES ($1, $2)
            ON CONFLICT (athlete_id_sha256) DO UPDATE SET erased_at = greatest(erased_athlete.erased_at, EXCLUDED.erased_at)""")
        .execute(Tuple.of(marker(athleteId), erasedAt.atOffset(ZoneOffset.UTC)))
        .replaceWith(tables));
  }

  /** How erased_athlete names an athlete: the hex SHA-256 of the id. */
  public static String marker(String athleteId) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(athleteId.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Uni<List<String>> deleteRows(SqlConnection tx, String athleteId) {
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
