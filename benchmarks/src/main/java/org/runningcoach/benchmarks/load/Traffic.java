package org.runningcoach.benchmarks.load;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.runningcoach.benchmarks.load.Athletes.Athlete;

/**
 * The requests the driver sends through the gateway: check-ins (Red and good mornings in turn per
 * athlete, so each one changes today's run and reaches PlanAdapted) and Garmin dailies pushes
 * signed as ingestion-service/README.md describes (a new summary each time, so each one emits a
 * HealthDataReceived). Every request notes its intended send time for the end-to-end matching.
 */
final class Traffic {

  /** A check-in accepted with 202: its event id and when it was meant to be sent. */
  record SentCheckin(String eventId, long intendedNanos, boolean expectsPlanChange) {}

  /** A Garmin push answered 200 with one event: the athlete and date that event will carry. */
  record SentPush(String athleteId, String date, long intendedNanos) {}

  private static final Pattern EVENT_ID = Pattern.compile("\"eventId\"\\s*:\\s*\"([^\"]+)\"");
  private static final Pattern EVENTS = Pattern.compile("\"events\"\\s*:\\s*(\\d+)");
  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  static final String GARMIN_CLIENT_ID = "dev-garmin-consumer-key";
  static final String GARMIN_SECRET = "dev-garmin-signing-secret";

  private final HttpClient http;
  private final String gateway;
  private final List<Athlete> athletes;
  private final Map<String, AtomicInteger> checkinCount = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> pushCount = new ConcurrentHashMap<>();
  private final int dateSalt = (int) ((System.currentTimeMillis() / 60_000) % 700);
  private final LocalDate today = LocalDate.now(ZoneOffset.UTC);

  Traffic(HttpClient http, String gateway, List<Athlete> athletes) {
    this.http = http;
    this.gateway = gateway;
    this.athletes = athletes;
  }

  /** Posts a check-in for athlete {@code index % n}; records the accept latency and, on 202, the event. */
  CompletableFuture<?> checkin(long index, long intended, Latencies accept, List<SentCheckin> sent) {
    Athlete a = athletes.get((int) (index % athletes.size()));
    boolean red = checkinCount.computeIfAbsent(a.username(), k -> new AtomicInteger()).getAndIncrement() % 2 == 0;
    LocalDate day = a.runDay() != null ? a.runDay() : today;
    String body = "{\"date\":\"" + day + "\",\"sleepHours\":" + (red ? "4.0" : "8.0") + ",\"soreness\":2,\"stress\":"
        + (red ? 3 : 2) + "}";
    HttpRequest request = HttpRequest.newBuilder(URI.create(gateway + "/checkin")).timeout(TIMEOUT)
        .header("Authorization", "Bearer " + a.token()).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    return http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).handle((r, e) -> {
      long now = System.nanoTime();
      if (e == null && r.statusCode() == 202) {
        accept.record(now - intended);
        Matcher m = EVENT_ID.matcher(r.body());
        if (m.find() && sent != null) {
          sent.add(new SentCheckin(m.group(1), intended, a.runDay() != null));
        }
      } else {
        accept.fail();
        noteFailure(e, r);
      }
      return null;
    });
  }

  /** Posts a signed Garmin dailies push for athlete {@code index % n} with a date of its own in this run. */
  CompletableFuture<?> garmin(long index, long intended, Latencies accept, List<SentPush> sent) {
    return garmin(index, intended, accept, sent, true);
  }

  /**
   * As above; with {@code linked} false the push names a Garmin user no athlete has linked, which
   * ingestion stores raw without an event: the accept path alone, with no work downstream.
   */
  CompletableFuture<?> garmin(long index, long intended, Latencies accept, List<SentPush> sent, boolean linked) {
    Athlete a = athletes.get((int) (index % athletes.size()));
    int k = pushCount.computeIfAbsent(a.username(), x -> new AtomicInteger()).getAndIncrement();
    // At least eight days back, so that the push's BodyState is not today's (which the check-ins drive).
    LocalDate date = today.minusDays(8 + (dateSalt + k) % 700);
    long start = date.atStartOfDay(ZoneOffset.UTC).toEpochSecond();
    ThreadLocalRandom rnd = ThreadLocalRandom.current();
    String garminUser = linked ? a.garminUser() : "bench-unlinked-" + a.username();
    String body = "{\"dailies\":[{\"userId\":\"" + garminUser + "\",\"summaryId\":\"bench-" + start + "-" + rnd.nextInt(1_000_000)
        + "\",\"calendarDate\":\"" + date + "\",\"activityType\":\"GENERIC\",\"startTimeInSeconds\":" + start
        + ",\"startTimeOffsetInSeconds\":0,\"durationInSeconds\":86400,\"steps\":" + (4000 + rnd.nextInt(10_000))
        + ",\"restingHeartRateInBeatsPerMinute\":" + (46 + rnd.nextInt(8)) + "}]}";
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    String ts = Long.toString(System.currentTimeMillis() / 1000);
    HttpRequest request = HttpRequest.newBuilder(URI.create(gateway + "/webhooks/garmin")).timeout(TIMEOUT)
        .header("Content-Type", "application/json").header("garmin-client-id", GARMIN_CLIENT_ID)
        .header("x-runningcoach-timestamp", ts).header("x-runningcoach-signature", sign(ts, bytes))
        .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build();
    return http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).handle((r, e) -> {
      long now = System.nanoTime();
      if (e == null && r.statusCode() == 200) {
        accept.record(now - intended);
        Matcher m = EVENTS.matcher(r.body());
        if (sent != null && m.find() && Integer.parseInt(m.group(1)) > 0) {
          sent.add(new SentPush(a.id(), date.toString(), intended));
        }
      } else {
        accept.fail();
        noteFailure(e, r);
      }
      return null;
    });
  }

  /** GET of a trivial endpoint: the baseline for what the HTTP stack costs. */
  CompletableFuture<?> trivial(String url, long intended, Latencies latencies) {
    HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT).GET().build();
    return http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).handle((r, e) -> {
      long now = System.nanoTime();
      if (e == null && r.statusCode() == 200) {
        latencies.record(now - intended);
      } else {
        latencies.fail();
        noteFailure(e, r);
      }
      return null;
    });
  }

  private static final AtomicInteger REPORTED = new AtomicInteger();

  /** The first few failures are printed so that a broken run says why. */
  private static void noteFailure(Throwable e, HttpResponse<String> r) {
    if (REPORTED.incrementAndGet() <= 5) {
      System.err.println("request failed: " + (e != null ? e : r.statusCode() + " " + r.uri() + " " + r.body()));
    }
  }

  static String sign(String timestamp, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(GARMIN_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(mac.doFinal(body));
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
