package org.runningcoach.support.crypto;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;

/**
 * Seals values stored in plain text before a column got its {@code <name>_sealed} twin: each is
 * sealed with its owner's data key and the plain value cleared, in one transaction per row, so a
 * crash half-way leaves every row either plain or sealed, never lost. Run at start; a no-op once
 * done. The table needs an {@code id uuid} column.
 *
 * @param ownerSql SQL for the owner (athlete id) of a row; rows where it is null are left alone
 * @param recordIdSql SQL for the record id in the associated data (a jsonb column is sealed as its text)
 */
public record LegacyPlaintext(String table, String plain, String aadName, String ownerSql, String recordIdSql) {

  private static final int BATCH = 200;

  public Uni<Long> seal(Pool pool, DataKeys keys) {
    return batch(pool, keys, 0L);
  }

  private Uni<Long> batch(Pool pool, DataKeys keys, long sealedSoFar) {
    return pool.query("SELECT id, " + ownerSql + " AS owner, " + recordIdSql + " AS rid, " + plain + "::text AS plain FROM "
            + table + " WHERE " + plain + " IS NOT NULL AND " + ownerSql + " IS NOT NULL LIMIT " + BATCH)
        .execute()
        .flatMap(rows -> {
          List<Row> all = new ArrayList<>();
          rows.forEach(all::add);
          if (all.isEmpty()) {
            return Uni.createFrom().item(sealedSoFar);
          }
          Uni<Void> chain = Uni.createFrom().voidItem();
          for (Row row : all) {
            chain = chain.flatMap(done -> pool.withTransaction(tx -> keys.forWriting(tx, row.getString("owner"))
                .flatMap(key -> tx.preparedQuery("UPDATE " + table + " SET " + plain + "_sealed = $1, " + plain
                        + " = NULL WHERE id = $2 AND " + plain + " IS NOT NULL")
                    .execute(Tuple.of(key.sealText(aadName, row.getString("rid"), row.getString("plain")),
                        row.getUUID("id"))))
                .replaceWithVoid()));
          }
          return chain.flatMap(done -> batch(pool, keys, sealedSoFar + all.size()));
        });
  }
}
