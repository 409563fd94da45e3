package org.runningcoach.benchmarks;

import com.garmin.fit.ActivityMesg;
import com.garmin.fit.DateTime;
import com.garmin.fit.Event;
import com.garmin.fit.EventMesg;
import com.garmin.fit.EventType;
import com.garmin.fit.FileEncoder;
import com.garmin.fit.FileIdMesg;
import com.garmin.fit.Fit;
import com.garmin.fit.LapMesg;
import com.garmin.fit.Manufacturer;
import com.garmin.fit.RecordMesg;
import com.garmin.fit.SessionMesg;
import com.garmin.fit.Sport;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.PoolOptions;
import java.io.File;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.function.Function;
import org.postgresql.PGConnection;
import org.runningcoach.activity.domain.Sample;
import org.runningcoach.activity.service.ActivityService;
import org.runningcoach.support.outbox.Outbox;

/**
 * A generated 2-hour, 1 Hz FIT file (Garmin FIT SDK encoder: HR, GPS, cadence, altitude, speed)
 * through activity-service's own upload code: {@link ActivityService#prepare} (parse, metrics,
 * loads) and {@link ActivityService#store} (lock, duplicate check, activity row, samples, outbox
 * row, read-back) against PostgreSQL, each file a new run. Beside it, in the same loop, the same
 * rows go into an identical table by a raw PgJDBC COPY: the baseline the store is compared with.
 * Usage: {@code ActivityStoreBenchmark [iterations=40] [warmup=10]}; database from RC_TEST_DB
 * (default runningcoach_test_activity), role activity. Leaves nothing behind.
 */
public final class ActivityStoreBenchmark {

  static final int SECONDS = 7200;
  static final long FIT_2024_03_02_0630Z = 1_078_209_000L; // FIT epoch seconds (1989-12-31) of 2024-03-02T06:30Z

  private ActivityStoreBenchmark() {}

  public static void main(String[] args) throws Exception {
    int iterations = args.length > 0 ? Integer.parseInt(args[0]) : 40;
    int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 10;
    String db = System.getenv().getOrDefault("RC_TEST_DB", "runningcoach_test_activity");
    String athlete = "bench-" + UUID.randomUUID();

    List<byte[]> files = new ArrayList<>();
    for (int i = 0; i < warmup + iterations; i++) {
      files.add(fit(FIT_2024_03_02_0630Z - 86_400L * i, new Random(i)));
    }
    System.out.printf("generated %d FIT files of %d records each, %.0f KB per file%n", files.size(), SECONDS,
        files.get(0).length / 1024.0);

    Vertx vertx = Vertx.vertx();
    Pool pool = Pool.newInstance(PgBuilder.pool().with(new PoolOptions().setMaxSize(4))
        .connectingTo(new PgConnectOptions().setHost("127.0.0.1").setPort(5432).setDatabase(db)
            .setUser("activity").setPassword("activity"))
        .using(vertx.getDelegate()).build());
    // A master key of the run's own: the bench athlete's data key is made and wrapped as in production.
    byte[] master = new byte[32];
    new java.security.SecureRandom().nextBytes(master);
    ActivityService service = new ActivityService(new UnrelayedOutbox(pool), pool, new org.runningcoach.support.crypto.DataKeys(
        java.util.Optional.of(java.util.Base64.getEncoder().encodeToString(master)), java.util.Optional.empty()));

    try (Connection jdbc = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/" + db, "activity", "activity")) {
      try (Statement st = jdbc.createStatement()) {
        st.execute("DROP TABLE IF EXISTS bench_sample_copy");
        st.execute("CREATE TABLE bench_sample_copy (LIKE activity_sample INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING INDEXES)");
      }
      double[] prepareMs = new double[iterations];
      double[] storeMs = new double[iterations];
      double[] copyMs = new double[iterations];
      long samples = 0;
      for (int i = 0; i < warmup + iterations; i++) {
        long t0 = System.nanoTime();
        ActivityService.NewActivity prepared = ActivityService.prepare(athlete, files.get(i), 6, null);
        long t1 = System.nanoTime();
        ActivityService.Stored stored = service.store(prepared).await().indefinitely();
        long t2 = System.nanoTime();
        if (!stored.created()) {
          throw new IllegalStateException("file " + i + " was taken for a copy");
        }
        long t3 = System.nanoTime();
        long copied = copy(jdbc, UUID.randomUUID(), athlete, prepared.samples());
        long t4 = System.nanoTime();
        if (copied != prepared.samples().size()) {
          throw new IllegalStateException("COPY wrote " + copied + " rows of " + prepared.samples().size());
        }
        if (i >= warmup) {
          int k = i - warmup;
          prepareMs[k] = (t1 - t0) / 1e6;
          storeMs[k] = (t2 - t1) / 1e6;
          copyMs[k] = (t4 - t3) / 1e6;
          samples = prepared.samples().size();
        }
      }
      double prepare = p50(prepareMs);
      double store = p50(storeMs);
      double total = p50(sum(prepareMs, storeMs));
      double copy = p50(copyMs);
      System.out.printf("%d runs after %d warm-up, %d samples each, p50:%n", iterations, warmup, samples);
      System.out.printf("  parse + metrics + loads (ActivityService.prepare) %8.1f ms%n", prepare);
      System.out.printf("  store (ActivityService.store, one transaction)    %8.1f ms  %,10.0f samples/s%n", store,
          samples / (store / 1000));
      System.out.printf("  parse + metrics + store                           %8.1f ms  %,10.0f samples/s%n", total,
          samples / (total / 1000));
      System.out.printf("  raw PgJDBC COPY of the same rows                  %8.1f ms  %,10.0f rows/s%n", copy,
          samples / (copy / 1000));
      System.out.printf("ratio store / raw COPY: %.2fx   (parse + metrics + store) / raw COPY: %.2fx   (goal >= 0.5x)%n",
          copy / store, copy / total);
    } finally {
      try (Connection jdbc = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/" + db, "activity", "activity");
          Statement st = jdbc.createStatement()) {
        st.execute("DROP TABLE IF EXISTS bench_sample_copy");
        st.execute("DELETE FROM outbox WHERE event_key = '" + athlete + "'");
        st.execute("DELETE FROM activity WHERE athlete_id = '" + athlete + "'");
      }
      pool.close().await().indefinitely();
      vertx.close().await().indefinitely();
    }
  }

  /** The baseline: COPY … FROM STDIN in text format, rows serialised while they stream, autocommit. */
  static long copy(Connection jdbc, UUID activityId, String athlete, List<Sample> samples) throws Exception {
    StringBuilder rows = new StringBuilder(samples.size() * 96);
    for (Sample s : samples) {
      rows.append(activityId).append('\t').append(athlete).append('\t').append(s.time()).append('\t')
          .append(text(s.hr())).append('\t').append(text(s.lat())).append('\t').append(text(s.lon())).append('\t')
          .append(text(s.altitude() == null ? null : s.altitude().floatValue())).append('\t')
          .append(text(s.speed() == null ? null : s.speed().floatValue())).append('\t')
          .append(text(s.cadence() == null ? null : s.cadence().floatValue())).append('\t')
          .append(text(s.power())).append('\n');
    }
    Reader in = new StringReader(rows.toString());
    return jdbc.unwrap(PGConnection.class).getCopyAPI().copyIn(
        "COPY bench_sample_copy (activity_id, athlete_id, t, hr, lat, lon, altitude_m, speed_mps, cadence, power_w) FROM STDIN",
        in);
  }

  static String text(Object value) {
    return value == null ? "\\N" : value.toString();
  }

  /** A 2-hour run at 1 Hz near Berlin: HR drifting 140-170, ~3.3 m/s, cadence ~86 strides/min, rolling altitude. */
  static byte[] fit(long start, Random random) throws IOException {
    File file = File.createTempFile("bench-2h", ".fit");
    try {
      FileEncoder encoder = new FileEncoder(file, Fit.ProtocolVersion.V2_0);
      FileIdMesg id = new FileIdMesg();
      id.setType(com.garmin.fit.File.ACTIVITY);
      id.setManufacturer(Manufacturer.GARMIN);
      id.setProduct(3113);
      id.setSerialNumber(3_900_000_000L + random.nextInt(1000));
      id.setTimeCreated(new DateTime(start));
      encoder.write(id);
      EventMesg begin = new EventMesg();
      begin.setTimestamp(new DateTime(start));
      begin.setEvent(Event.TIMER);
      begin.setEventType(EventType.START);
      encoder.write(begin);
      double lat = 52.52;
      double lon = 13.405;
      double distance = 0;
      double heading = 0;
      for (int i = 0; i < SECONDS; i++) {
        double speed = 3.3 + 0.3 * Math.sin(i / 300.0) + random.nextGaussian() * 0.05;
        heading += random.nextGaussian() * 0.02;
        lat += speed * Math.cos(heading) / 111_320.0;
        lon += speed * Math.sin(heading) / (111_320.0 * Math.cos(Math.toRadians(lat)));
        distance += speed;
        RecordMesg r = new RecordMesg();
        r.setTimestamp(new DateTime(start + i));
        r.setHeartRate((short) Math.round(140 + 30.0 * i / SECONDS + 3 * Math.sin(i / 45.0)));
        r.setPositionLat((int) Math.round(lat * Math.pow(2, 31) / 180));
        r.setPositionLong((int) Math.round(lon * Math.pow(2, 31) / 180));
        r.setCadence((short) (84 + random.nextInt(5)));
        r.setAltitude((float) (40 + 15 * Math.sin(i / 600.0)));
        r.setSpeed((float) speed);
        r.setDistance((float) distance);
        encoder.write(r);
      }
      long end = start + SECONDS - 1;
      EventMesg stop = new EventMesg();
      stop.setTimestamp(new DateTime(end));
      stop.setEvent(Event.TIMER);
      stop.setEventType(EventType.STOP_ALL);
      encoder.write(stop);
      LapMesg lap = new LapMesg();
      lap.setTimestamp(new DateTime(end));
      lap.setStartTime(new DateTime(start));
      lap.setTotalElapsedTime((float) SECONDS);
      lap.setTotalTimerTime((float) SECONDS);
      lap.setTotalDistance((float) distance);
      encoder.write(lap);
      SessionMesg session = new SessionMesg();
      session.setTimestamp(new DateTime(end));
      session.setStartTime(new DateTime(start));
      session.setSport(Sport.RUNNING);
      session.setTotalElapsedTime((float) SECONDS);
      session.setTotalTimerTime((float) SECONDS);
      session.setTotalDistance((float) distance);
      encoder.write(session);
      ActivityMesg activity = new ActivityMesg();
      activity.setTimestamp(new DateTime(end));
      activity.setLocalTimestamp(end + 3600); // CET
      activity.setNumSessions(1);
      activity.setTotalTimerTime((float) SECONDS);
      encoder.write(activity);
      encoder.close();
      return Files.readAllBytes(file.toPath());
    } finally {
      file.delete();
    }
  }

  static double p50(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  static double[] sum(double[] a, double[] b) {
    double[] out = new double[a.length];
    for (int i = 0; i < a.length; i++) {
      out[i] = a[i] + b[i];
    }
    return out;
  }

  /** The service's outbox without its relay: events stay in the table (the benchmark deletes them), nothing is sent to Kafka. */
  static final class UnrelayedOutbox extends Outbox {
    private final Pool pool;

    UnrelayedOutbox(Pool pool) {
      super(pool, null);
      this.pool = pool;
    }

    @Override
    public <T> Uni<T> inTransaction(Function<SqlConnection, Uni<T>> work) {
      return pool.withTransaction(work);
    }
  }
}
