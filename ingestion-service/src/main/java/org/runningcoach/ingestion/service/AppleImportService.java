package org.runningcoach.ingestion.service;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import javax.xml.stream.XMLStreamException;
import org.jboss.logging.Logger;
import org.runningcoach.ingestion.domain.AppleExportReader;
import org.runningcoach.ingestion.domain.AppleSamples.Sample;
import org.runningcoach.ingestion.rest.ImportView;
import org.runningcoach.support.outbox.Outbox;

/**
 * Imports an Apple Health export (export.xml, or the Health app's export.zip holding it) that the
 * upload route has written to a temporary file. Imports run one at a time on their own thread,
 * so a multi-gigabyte file never competes with the request threads, and memory stays flat: the
 * file is streamed twice (first only to check it is well-formed to its end, so a truncated or
 * broken file stores nothing; then to store its samples in batches), and only the set of days
 * seen is kept between batches. The days are then announced like the webhook's.
 * An import whose process stops (restart, crash) is failed by the heartbeat of any replica after
 * five minutes without a touch; importing the file again completes it.
 * The same file imported again by the same athlete after a finished import is answered from
 * that import (duplicateOf) without reading it; otherwise every day it touches is recomputed
 * and only days whose value changed are announced.
 */
@ApplicationScoped
public class AppleImportService {

  private static final Logger LOG = Logger.getLogger(AppleImportService.class);
  static final String SOURCE = "/ingestion-service/imports/apple-health";
  static final int SAMPLES_PER_BATCH = 2000;
  static final int DAYS_PER_TRANSACTION = 93;

  private final Pool pool;
  private final Outbox outbox;
  private final AppleDayStore days;
  private final MeterRegistry metrics;
  private final Clock clock = Clock.systemUTC();
  private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "apple-health-import");
    t.setDaemon(true);
    return t;
  });

  public AppleImportService(Pool pool, Outbox outbox, AppleDayStore days, MeterRegistry metrics) {
    this.pool = pool;
    this.outbox = outbox;
    this.days = days;
    this.metrics = metrics;
  }

  /** Imports queued or running in this process; their rows are touched every minute while they are. */
  private final Set<UUID> mine = ConcurrentHashMap.newKeySet();
  private final ScheduledExecutorService heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "apple-health-import-heartbeat");
    t.setDaemon(true);
    return t;
  });
  /** An unfinished import whose row nobody touched for this long lost its process (and temporary file). */
  static final java.time.Duration ORPHANED_AFTER = java.time.Duration.ofMinutes(5);

  void onStart(@Observes StartupEvent start) {
    heartbeat.scheduleWithFixedDelay(this::beat, 0, 60, TimeUnit.SECONDS);
  }

  void onStop(@Observes ShutdownEvent stop) {
    heartbeat.shutdownNow();
    worker.shutdownNow();
  }

  /**
   * Keeps this process's imports alive and fails those of a process that stopped (a restart, a
   * crash, another replica gone): their file is lost, the athlete imports again (samples already
   * stored are kept and not counted twice).
   */
  private void beat() {
    try {
      Instant now = clock.instant();
      if (!mine.isEmpty()) {
        pool.preparedQuery("UPDATE apple_import SET updated_at = $2 WHERE id = ANY($1) AND finished_at IS NULL")
            .execute(Tuple.of(mine.toArray(new UUID[0]), now.atOffset(ZoneOffset.UTC))).await().indefinitely();
      }
      pool.preparedQuery("""
              UPDATE apple_import SET state = 'FAILED', updated_at = $1, finished_at = $1,
                error = 'Interrupted (the service stopped before it finished); import the file again: samples '
                     || 'already stored are kept and not counted twice'
              WHERE state IN ('QUEUED', 'VALIDATING', 'IMPORTING') AND updated_at < $2""")
          .execute(Tuple.of(now.atOffset(ZoneOffset.UTC), now.minus(ORPHANED_AFTER).atOffset(ZoneOffset.UTC)))
          .await().indefinitely();
    } catch (RuntimeException e) {
      LOG.warnf("apple-health import heartbeat failed: %s", e.toString());
    }
  }

  /**
   * Opens the export inside a received file: the file itself, or export.xml inside a zip
   * (the Health app's export.zip; export_cda.xml and the routes are ignored).
   */
  public static InputStream open(Path file) throws IOException {
    InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
    in.mark(4);
    byte[] magic = in.readNBytes(4);
    in.reset();
    if (magic.length == 4 && magic[0] == 'P' && magic[1] == 'K' && magic[2] == 3 && magic[3] == 4) {
      ZipInputStream zip = new ZipInputStream(in);
      ZipEntry entry;
      while ((entry = zip.getNextEntry()) != null) {
        String name = entry.getName();
        if (!entry.isDirectory() && (name.equals("export.xml") || name.endsWith("/export.xml"))) {
          return zip;
        }
      }
      zip.close();
      throw new IOException("The zip holds no export.xml (the Health app's export.zip has apple_health_export/export.xml)");
    }
    return in;
  }

  /**
   * Creates the import of a received file and queues it, or answers from an earlier finished
   * import of the same content. Called off the event loop.
   */
  public ImportView start(String athleteId, Path file, String contentHash, long bytes) {
    Instant now = clock.instant();
    Row earlier = first(pool.preparedQuery("""
            SELECT id FROM apple_import WHERE athlete_id = $1 AND content_hash = $2 AND state = 'DONE'
              AND duplicate_of IS NULL ORDER BY created_at LIMIT 1""")
        .execute(Tuple.of(athleteId, contentHash)).await().indefinitely());
    UUID id = UUID.randomUUID();
    UUID duplicateOf = earlier == null ? null : earlier.getUUID("id");
    pool.preparedQuery("""
            INSERT INTO apple_import (id, athlete_id, state, content_hash, bytes, duplicate_of, created_at, updated_at,
                                      finished_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $7, $8)""")
        .execute(Tuple.from(new Object[] {id, athleteId, duplicateOf == null ? "QUEUED" : "DONE", contentHash, bytes,
            duplicateOf, now.atOffset(ZoneOffset.UTC), duplicateOf == null ? null : now.atOffset(ZoneOffset.UTC)}))
        .await().indefinitely();
    if (duplicateOf != null) {
      delete(file);
    } else {
      mine.add(id);
      worker.execute(() -> {
        try {
          run(id, athleteId, file);
        } finally {
          mine.remove(id);
        }
      });
    }
    return view(athleteId, id);
  }

  /** The import as its athlete sees it, or null. */
  public ImportView view(String athleteId, UUID id) {
    Row row = first(pool.preparedQuery("SELECT * FROM apple_import WHERE id = $1 AND athlete_id = $2")
        .execute(Tuple.of(id, athleteId)).await().indefinitely());
    return row == null ? null : ImportView.of(row);
  }

  private static Row first(io.vertx.mutiny.sqlclient.RowSet<Row> rows) {
    return rows.size() == 0 ? null : rows.iterator().next();
  }

  private void run(UUID id, String athleteId, Path file) {
    try {
      state(id, "VALIDATING");
      try (InputStream in = open(file)) {
        AppleExportReader.read(in, new AppleExportReader.Sink() {
          @Override
          public void read() {}

          @Override
          public void sample(Sample sample) {}

          @Override
          public void skipped(String reason) {}
        });
      } catch (XMLStreamException e) {
        fail(id, "The file is not a well-formed export.xml: " + AppleExportReader.message(e) + ". Nothing was stored.");
        return;
      }
      state(id, "IMPORTING");
      Progress progress = new Progress(id, athleteId);
      try (InputStream in = open(file)) {
        AppleExportReader.read(in, progress);
      }
      progress.flush();
      announce(progress);
      metrics.counter("apple_import_records_total").increment(progress.read);
    } catch (Exception e) {
      LOG.errorf(e, "apple-health import %s failed", id);
      fail(id, "The import stopped: " + e.getMessage() + ". Samples stored so far are kept; import the file again "
          + "to finish (nothing is counted twice).");
    } finally {
      delete(file);
    }
  }

  /** Batches the reader's samples into transactions and records progress with each. */
  private final class Progress implements AppleExportReader.Sink {
    final UUID id;
    final String athleteId;
    final List<Sample> batch = new ArrayList<>(SAMPLES_PER_BATCH);
    final TreeSet<LocalDate> touched = new TreeSet<>();
    final Map<String, Long> reasons = new TreeMap<>();
    long read;
    long accepted;
    long skipped;
    int daysAffected;
    int events;

    Progress(UUID id, String athleteId) {
      this.id = id;
      this.athleteId = athleteId;
    }

    @Override
    public void read() {
      read++;
    }

    @Override
    public void sample(Sample sample) {
      accepted++;
      batch.add(sample);
      // Every day the file touches is recomputed, not only days with new samples, so an import
      // cut off between storing and announcing is completed by importing the file again.
      LocalDate date = sample.end().toLocalDate();
      touched.add(date);
      if (sample.type() == org.runningcoach.ingestion.domain.AppleSamples.Type.SLEEP_STAGE) {
        touched.add(date.plusDays(1));
      }
      if (batch.size() >= SAMPLES_PER_BATCH) {
        flush();
      }
    }

    @Override
    public void skipped(String reason) {
      skipped++;
      reasons.merge(reason, 1L, Long::sum);
    }

    void flush() {
      List<Sample> samples = List.copyOf(batch);
      batch.clear();
      Instant now = clock.instant();
      // The progress first: if the athlete erased their data meanwhile (DELETE /me), the import row is
      // gone and nothing more is stored.
      outbox.inTransaction(tx -> tx.preparedQuery("""
                  UPDATE apple_import SET records_read = $2, accepted = $3, skipped = $4, skipped_reasons = $5,
                    updated_at = $6 WHERE id = $1""")
              .execute(Tuple.from(new Object[] {id, read, accepted, skipped,
                  new JsonObject(new java.util.HashMap<String, Object>(reasons)), now.atOffset(ZoneOffset.UTC)}))
              .flatMap(updated -> {
                if (updated.rowCount() == 0) {
                  throw new IllegalStateException("the import no longer exists (the athlete's data was erased)");
                }
                // WORKOUT samples seen for the first time go to activity-service, as in AppleService.
                return days.store(tx, athleteId, samples).flatMap(stored -> AppleService.handOffWorkouts(outbox, tx,
                    athleteId, stored.newWorkouts(), id, SOURCE, now));
              }))
          .await().indefinitely();
    }
  }

  private void announce(Progress progress) {
    List<LocalDate> all = new ArrayList<>(progress.touched);
    for (int from = 0; from < all.size(); from += DAYS_PER_TRANSACTION) {
      List<LocalDate> chunk = all.subList(from, Math.min(all.size(), from + DAYS_PER_TRANSACTION));
      Instant now = clock.instant();
      AppleDayStore.Announced done = outbox.inTransaction(tx -> days.announceDays(tx, progress.athleteId, chunk,
              progress.id, SOURCE, now)
          .flatMap(announced -> tx.preparedQuery("""
                  UPDATE apple_import SET days_affected = days_affected + $2, events = events + $3, updated_at = $4
                  WHERE id = $1""")
              .execute(Tuple.of(progress.id, announced.days(), announced.events(), now.atOffset(ZoneOffset.UTC)))
              .map(updated -> {
                if (updated.rowCount() == 0) {
                  // Rolls the announcement back: the athlete's data was erased meanwhile.
                  throw new IllegalStateException("the import no longer exists (the athlete's data was erased)");
                }
                return announced;
              })))
          .await().indefinitely();
      progress.daysAffected += done.days();
      progress.events += done.events();
    }
    Instant now = clock.instant();
    pool.preparedQuery("""
            UPDATE apple_import SET state = 'DONE', records_read = $2, accepted = $3, skipped = $4,
              skipped_reasons = $5, updated_at = $6, finished_at = $6 WHERE id = $1""")
        .execute(Tuple.from(new Object[] {progress.id, progress.read, progress.accepted, progress.skipped,
            new JsonObject(new java.util.HashMap<String, Object>(progress.reasons)), now.atOffset(ZoneOffset.UTC)}))
        .await().indefinitely();
  }

  private void state(UUID id, String state) {
    pool.preparedQuery("UPDATE apple_import SET state = $2, updated_at = $3 WHERE id = $1")
        .execute(Tuple.of(id, state, clock.instant().atOffset(ZoneOffset.UTC))).await().indefinitely();
  }

  private void fail(UUID id, String error) {
    Instant now = clock.instant();
    pool.preparedQuery("UPDATE apple_import SET state = 'FAILED', error = $2, updated_at = $3, finished_at = $3 "
            + "WHERE id = $1")
        .execute(Tuple.of(id, error, now.atOffset(ZoneOffset.UTC))).await().indefinitely();
  }

  private static void delete(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      LOG.warnf("could not delete %s: %s", file, e.toString());
    }
  }
}
