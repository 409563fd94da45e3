package org.runningcoach.ingestion.service;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.runningcoach.ingestion.rest.DeviceLinkView;
import org.runningcoach.support.rest.Problem;
import org.runningcoach.support.rest.ProblemException;

/**
 * Links a vendor account to an athlete. Today the athlete states their Garmin user id; the
 * OAuth flow that replaces this will call {@link #link} with the id Garmin's user-id endpoint
 * returns after the token exchange, so the table and the webhook path stay as they are.
 */
@ApplicationScoped
public class DeviceLinkService {

  private final Pool pool;
  private final Clock clock = Clock.systemUTC();

  public DeviceLinkService(Pool pool) {
    this.pool = pool;
  }

  /** The link, and whether it was created now (false: this exact link already existed). */
  public record Linked(DeviceLinkView link, boolean created) {}

  public Uni<Linked> link(String athleteId, String vendor, String vendorUserId) {
    return pool.withTransaction(tx -> tx.preparedQuery("""
            INSERT INTO device_link (vendor, vendor_user_id, athlete_id, linked_at) VALUES ($1, $2, $3, $4)
            ON CONFLICT DO NOTHING RETURNING *""")
        .execute(Tuple.of(vendor, vendorUserId, athleteId, clock.instant().atOffset(ZoneOffset.UTC)))
        .flatMap(inserted -> {
          if (inserted.size() == 1) {
            return Uni.createFrom().item(new Linked(view(inserted.iterator().next()), true));
          }
          return tx.preparedQuery("SELECT * FROM device_link WHERE vendor = $1 AND (vendor_user_id = $2 OR athlete_id = $3)")
              .execute(Tuple.of(vendor, vendorUserId, athleteId))
              .map(rows -> {
                for (Row row : rows) {
                  if (row.getString("athlete_id").equals(athleteId) && row.getString("vendor_user_id").equals(vendorUserId)) {
                    return new Linked(view(row), false);
                  }
                }
                for (Row row : rows) {
                  if (row.getString("athlete_id").equals(athleteId)) {
                    throw conflict("You are already linked to another " + vendor + " account; unlink it first "
                        + "(DELETE /device-links/" + vendor.toLowerCase() + ")");
                  }
                }
                // Another athlete holds it; do not say who.
                throw conflict("This " + vendor + " account is linked to another athlete");
              });
        }));
  }

  public Uni<List<DeviceLinkView>> links(String athleteId) {
    return pool.preparedQuery("SELECT * FROM device_link WHERE athlete_id = $1 ORDER BY vendor")
        .execute(Tuple.of(athleteId))
        .map(rows -> {
          List<DeviceLinkView> out = new ArrayList<>();
          rows.forEach(row -> out.add(view(row)));
          return out;
        });
  }

  /** True when a link was removed. */
  public Uni<Boolean> unlink(String athleteId, String vendor) {
    return pool.preparedQuery("DELETE FROM device_link WHERE athlete_id = $1 AND vendor = $2")
        .execute(Tuple.of(athleteId, vendor))
        .map(rows -> rows.rowCount() > 0);
  }

  private static DeviceLinkView view(Row row) {
    String[] permissions = row.getArrayOfStrings("permissions");
    return new DeviceLinkView(row.getString("vendor"), row.getString("vendor_user_id"),
        row.getOffsetDateTime("linked_at").toInstant(),
        permissions == null ? null : Arrays.asList(permissions));
  }

  private static ProblemException conflict(String detail) {
    return new ProblemException(Problem.of(409, "conflict", "Conflict", detail));
  }
}
