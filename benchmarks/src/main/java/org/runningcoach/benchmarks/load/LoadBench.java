package org.runningcoach.benchmarks.load;

import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import org.HdrHistogram.Histogram;
import org.runningcoach.benchmarks.load.Athletes.Athlete;
import org.runningcoach.benchmarks.load.Traffic.SentCheckin;
import org.runningcoach.benchmarks.load.Traffic.SentPush;

/**
 * The measured part of {@code make bench} against a running system (started by scripts/bench.sh):
 * end-to-end latency at several arrival rates, webhook accept against a trivial endpoint, the raw
 * Kafka and PostgreSQL baselines, memory; writes a markdown section with every figure beside its
 * baseline and the ratio, plus .hlog files, into the results folder.
 *
 * <p>Arguments are {@code key=value}: out, stamp, gateway, bootstrap, jdbc, athletes, rates,
 * step-seconds, http-rates, http-seconds, services (name=pid,...), infra (name=pid,...),
 * ready (name=seconds,...), cold-start (seconds).
 */
public final class LoadBench {

  static final double E2E_GOAL_MS = 100;
  static final double ACCEPT_GOAL_MS = 25;
  /** Garmin pushes ride along with the check-ins at a quarter of their rate. */
  static final int PUSH_EVERY = 5;

  private final Map<String, String> args;
  private final Path out;
  private final String stamp;
  private final String gateway;
  private final StringBuilder md = new StringBuilder();
  private final Map<String, String> goals = new LinkedHashMap<>();
  private Footprint cpuMeter;
  private double webhookDrainSeconds;
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).executor(Executors.newFixedThreadPool(4)).build();

  private LoadBench(Map<String, String> args) {
    this.args = args;
    this.out = Path.of(args.get("out"));
    this.stamp = args.get("stamp");
    this.gateway = args.getOrDefault("gateway", "http://127.0.0.1:19280");
  }

  public static void main(String[] argv) throws Exception {
    Map<String, String> args = new LinkedHashMap<>();
    for (String a : argv) {
      int eq = a.indexOf('=');
      args.put(a.substring(0, eq), a.substring(eq + 1));
    }
    new LoadBench(args).run();
    System.exit(0);
  }

  /** One e2e step's figures. */
  record Step(double rate, OpenLoop.Run run, Histogram accept, long acceptFailures, Histogram bodyState, int checkins,
      int bodyStateMissing, Histogram plan, int planExpected, int planMissing, Histogram pushAccept, Histogram pushBodyState,
      int pushes, int pushMissing, double delivered, int deliveredCount, Map<String, Double> cpu) {}

  /** One trivial-vs-webhook row. */
  record HttpStep(double rate, Histogram latency, long failures, OpenLoop.Run run) {}

  private void run() throws Exception {
    Files.createDirectories(out);
    Map<String, Long> services = pids(args.getOrDefault("services", ""));
    Map<String, Long> infra = pids(args.getOrDefault("infra", ""));
    String bootstrap = args.getOrDefault("bootstrap", "127.0.0.1:9092");
    int athleteCount = Integer.parseInt(args.getOrDefault("athletes", "100"));
    double[] rates = doubles(args.getOrDefault("rates", "25,50,100,200"));
    double stepSeconds = Double.parseDouble(args.getOrDefault("step-seconds", "30"));
    double[] httpRates = doubles(args.getOrDefault("http-rates", "50,100,200,400,800,1600,3200"));
    double httpSeconds = Double.parseDouble(args.getOrDefault("http-seconds", "8"));

    log("preparing " + athleteCount + " athletes (Keycloak users bench-NNN, a plan and a Garmin link each)");
    long t0 = System.nanoTime();
    List<Athlete> athletes = Athletes.prepare(http, gateway, athleteCount);
    double setupSeconds = (System.nanoTime() - t0) / 1e9;
    long withRun = athletes.stream().filter(a -> a.runDay() != null).count();
    Traffic traffic = new Traffic(http, gateway, athletes);

    List<Step> steps = new ArrayList<>();
    Map<String, Double> rssAfterWarmup;
    Map<String, Long> systemPeak;
    cpuMeter = new Footprint(services, infra);
    try (Footprint footprint = new Footprint(services, infra);
        EventWatcher watcher = new EventWatcher(bootstrap);
        Latencies.Log e2eLog = new Latencies.Log(out.resolve(stamp + "-e2e.hlog"))) {
      log("warm-up: 20 s at 25 check-ins/s (not counted)");
      step(traffic, watcher, 25, 20, null, Duration.ofSeconds(60));
      int bodyStateBytes = watcher.meanBodyStateBytes();

      // The raw baselines first, on a quiet system, with the message size the warm-up showed.
      log("raw Kafka round trip at the end-to-end steps' total rates, " + bodyStateBytes + "-byte messages");
      List<Histogram> kafka = new ArrayList<>();
      List<Long> kafkaFailures = new ArrayList<>();
      try (Latencies.Log kafkaLog = new Latencies.Log(out.resolve(stamp + "-kafka.hlog"))) {
        for (double rate : rates) {
          Latencies l = RawBaselines.kafkaRoundTrip(bootstrap, rate * PUSH_EVERY / (PUSH_EVERY - 1), 10, bodyStateBytes);
          Histogram h = l.histogram(String.format(Locale.ROOT, "kafka-roundtrip@%.0f/s", rate));
          kafkaLog.add(h);
          kafka.add(h);
          kafkaFailures.add(l.failures());
        }
      }
      log("raw PostgreSQL inserts and COPY");
      List<RawBaselines.PgRate> pg = RawBaselines.postgres(args.getOrDefault("jdbc",
          "jdbc:postgresql://127.0.0.1:5432/runningcoach_test_bench"));

      footprint.startSampling();
      for (double rate : rates) {
        log(String.format(Locale.ROOT, "end-to-end: %.0f check-ins/s + %.0f Garmin pushes/s for %.0f s", rate,
            rate / (PUSH_EVERY - 1), stepSeconds));
        Step s = step(traffic, watcher, rate, stepSeconds, e2eLog, Duration.ofSeconds(30));
        steps.add(s);
        log(String.format(Locale.ROOT, "  accept p99 %.1f ms; -> BodyStateComputed p50 %.1f p99 %.1f ms (%d missing);"
                + " -> PlanAdapted p99 %.1f ms (%d missing); %.1f inputs/s became BodyStates",
            Latencies.ms(s.accept, 99), Latencies.ms(s.bodyState, 50), Latencies.ms(s.bodyState, 99),
            s.bodyStateMissing, Latencies.ms(s.plan, 99), s.planMissing, s.delivered));
        if (s.bodyStateMissing + s.pushMissing > 0) {
          log("  the pipeline did not catch up within 30 s: higher rates are not tried");
          break;
        }
      }
      footprint.close();
      systemPeak = footprint.peak();
      rssAfterWarmup = footprint.services();
      log("letting the pipeline finish its backlog (up to 120 s)");
      long drainStart = System.nanoTime();
      step(traffic, watcher, 5, 1, null, Duration.ofSeconds(120));
      double drainSeconds = (System.nanoTime() - drainStart) / 1e9;

      log("trivial endpoint (gateway /q/health/live) and webhook accept, rising rates");
      List<HttpStep> trivial = new ArrayList<>();
      List<HttpStep> webhook = new ArrayList<>();
      List<HttpStep> unlinked = new ArrayList<>();
      try (Latencies.Log httpLog = new Latencies.Log(out.resolve(stamp + "-http.hlog"))) {
        for (double rate : httpRates) {
          HttpStep t = httpStep(rate, httpSeconds, "trivial", httpLog,
              (i, at, l) -> traffic.trivial(gateway + "/q/health/live", at, l));
          trivial.add(t);
          log(String.format(Locale.ROOT, "  trivial %.0f/s: p99 %.1f ms, %d failed", rate, Latencies.ms(t.latency, 99), t.failures));
          if (overloaded(t)) {
            break;
          }
        }
        for (double rate : httpRates) {
          HttpStep w = httpStep(rate, httpSeconds, "webhook", httpLog, (i, at, l) -> traffic.garmin(i, at, l, null));
          webhook.add(w);
          log(String.format(Locale.ROOT, "  webhook %.0f/s: p99 %.1f ms, %d failed", rate, Latencies.ms(w.latency, 99), w.failures));
          if (overloaded(w)) {
            break;
          }
        }
        log("letting the pipeline finish the webhooks' events (up to 120 s)");
        long hookDrain = System.nanoTime();
        step(traffic, watcher, 5, 1, null, Duration.ofSeconds(120));
        webhookDrainSeconds = (System.nanoTime() - hookDrain) / 1e9;
        for (double rate : httpRates) {
          HttpStep u = httpStep(rate, httpSeconds, "webhook-unlinked", httpLog,
              (i, at, l) -> traffic.garmin(i, at, l, null, false));
          unlinked.add(u);
          log(String.format(Locale.ROOT, "  webhook, unlinked user %.0f/s: p99 %.1f ms, %d failed", rate,
              Latencies.ms(u.latency, 99), u.failures));
          if (overloaded(u)) {
            break;
          }
        }
      }

      writeEndToEnd(steps, rates, kafka, kafkaFailures, bodyStateBytes, athleteCount, withRun, setupSeconds, drainSeconds);
      writeHttp(trivial, webhook, unlinked);
      writeBaselines(rates, kafka, pg, steps);
      writeFootprint(rssAfterWarmup, systemPeak);
      writeScaling(steps, unlinked, rssAfterWarmup, bodyStateBytes, pg);
    }
    StringBuilder report = new StringBuilder();
    report.append("## Goals: where we stand\n\n| goal | measured | met |\n|---|---|---|\n");
    goals.forEach((k, v) -> report.append("| ").append(k).append(" | ").append(v).append(" |\n"));
    report.append("\nThe engine (≥ 1M athlete-days/s per core) and activity ingest (≥ 0.5× raw COPY) goals are judged in"
        + " their own sections below, from the figures their benchmarks print.\n\n");
    report.append(md);
    Files.writeString(out.resolve(stamp + "-load.md"), report);
    log("wrote " + out.resolve(stamp + "-load.md"));
  }

  private Step step(Traffic traffic, EventWatcher watcher, double rate, double seconds, Latencies.Log log,
      Duration drain) throws InterruptedException {
    Map<String, Double> cpuBefore = cpuMeter.cpu();
    Latencies accept = new Latencies();
    Latencies pushAccept = new Latencies();
    List<SentCheckin> checkins = Collections.synchronizedList(new ArrayList<>());
    List<SentPush> pushes = Collections.synchronizedList(new ArrayList<>());
    double total = rate * PUSH_EVERY / (PUSH_EVERY - 1);
    OpenLoop.Run run = OpenLoop.run(total, seconds, (i, at) -> i % PUSH_EVERY == PUSH_EVERY - 1
        ? traffic.garmin(i / PUSH_EVERY, at, pushAccept, pushes)
        : traffic.checkin(i - i / PUSH_EVERY, at, accept, checkins));
    // Let the pipeline finish what this step started, so that steps do not overlap.
    long deadline = System.nanoTime() + drain.toNanos();
    while (System.nanoTime() < deadline && !done(watcher, checkins, pushes)) {
      Thread.sleep(200);
    }
    Thread.sleep(500);
    Map<String, Double> cpuAfter = cpuMeter.cpu();
    Map<String, Double> cpu = new LinkedHashMap<>();
    cpuAfter.forEach((k, v) -> cpu.put(k, v - cpuBefore.getOrDefault(k, 0.0)));
    String tag = String.format(Locale.ROOT, "@%.0f/s", rate);
    Latencies bodyState = new Latencies();
    Latencies plan = new Latencies();
    Latencies pushBodyState = new Latencies();
    long first = Long.MAX_VALUE;
    long last = Long.MIN_VALUE;
    int delivered = 0;
    int bsMissing = 0;
    int planExpected = 0;
    int planMissing = 0;
    synchronized (checkins) {
      for (SentCheckin c : checkins) {
        Long seen = watcher.bodyStateSeen(c.eventId());
        if (seen == null) {
          bsMissing++;
          continue;
        }
        bodyState.record(seen - c.intendedNanos());
        first = Math.min(first, c.intendedNanos());
        last = Math.max(last, seen);
        delivered++;
        if (c.expectsPlanChange()) {
          planExpected++;
          Long adapted = watcher.planAdaptedSeen(c.eventId());
          if (adapted == null) {
            planMissing++;
          } else {
            plan.record(adapted - c.intendedNanos());
          }
        }
      }
    }
    int pushMissing = 0;
    synchronized (pushes) {
      for (SentPush p : pushes) {
        String event = watcher.garminEvent(p.athleteId(), p.date());
        Long seen = event == null ? null : watcher.bodyStateSeen(event);
        if (seen == null) {
          pushMissing++;
        } else {
          pushBodyState.record(seen - p.intendedNanos());
          first = Math.min(first, p.intendedNanos());
          last = Math.max(last, seen);
          delivered++;
        }
      }
    }
    Step s = new Step(rate, run, accept.histogram("checkin-accept" + tag), accept.failures(),
        bodyState.histogram("checkin-to-BodyStateComputed" + tag), checkins.size(), bsMissing,
        plan.histogram("checkin-to-PlanAdapted" + tag), planExpected, planMissing,
        pushAccept.histogram("garmin-accept" + tag), pushBodyState.histogram("garmin-to-BodyStateComputed" + tag),
        pushes.size(), pushMissing, delivered == 0 ? 0 : delivered / ((last - first) / 1e9), delivered, cpu);
    if (log != null) {
      for (Histogram h : List.of(s.accept, s.bodyState, s.plan, s.pushAccept, s.pushBodyState)) {
        log.add(h);
      }
    }
    return s;
  }

  private static boolean done(EventWatcher watcher, List<SentCheckin> checkins, List<SentPush> pushes) {
    synchronized (checkins) {
      for (SentCheckin c : checkins) {
        if (watcher.bodyStateSeen(c.eventId()) == null
            || (c.expectsPlanChange() && watcher.planAdaptedSeen(c.eventId()) == null)) {
          return false;
        }
      }
    }
    synchronized (pushes) {
      for (SentPush p : pushes) {
        String e = watcher.garminEvent(p.athleteId(), p.date());
        if (e == null || watcher.bodyStateSeen(e) == null) {
          return false;
        }
      }
    }
    return true;
  }

  @FunctionalInterface
  interface HttpShot {
    java.util.concurrent.CompletableFuture<?> fire(long index, long intended, Latencies latencies);
  }

  private HttpStep httpStep(double rate, double seconds, String name, Latencies.Log log, HttpShot shot)
      throws InterruptedException {
    Latencies l = new Latencies();
    OpenLoop.Run run = OpenLoop.run(rate, seconds, (i, at) -> shot.fire(i, at, l));
    Histogram h = l.histogram(String.format(Locale.ROOT, "%s@%.0f/s", name, rate));
    log.add(h);
    return new HttpStep(rate, h, l.failures() + run.unanswered(), run);
  }

  /** Past saturation: p99 four times the accept goal, or more than 1 % failed. Higher rates are not tried. */
  private static boolean overloaded(HttpStep s) {
    return Latencies.ms(s.latency, 99) > 4 * ACCEPT_GOAL_MS || s.failures > s.run.sent() / 100
        || s.run.achievedRate() < 0.9 * s.rate;
  }

  // ---------------------------------------------------------------- report sections

  private void writeEndToEnd(List<Step> steps, double[] rates, List<Histogram> kafka, List<Long> kafkaFailures,
      int bsBytes, int athletes, long withRun, double setupSeconds, double drainSeconds) {
    md.append("## End-to-end latency: check-in accepted → BodyStateComputed → PlanAdapted\n\n");
    md.append(String.format(Locale.ROOT, "%d athletes (Keycloak users `bench-NNN`, set up in %.0f s: user, token, a new"
        + " 16-week half-marathon plan with seven run days, a Garmin link; %d have a run today or tomorrow, the day"
        + " their check-ins name). Each step sends check-ins at the rate shown plus Garmin dailies pushes at a quarter of"
        + " it, through the gateway (127.0.0.1:19280), from an open-model driver: request *i* is due at start + *i*/rate"
        + " and every latency is measured from that intended time, so a stall is counted against every request it"
        + " delayed. Check-ins alternate a Red morning (4 h sleep) and a good one per athlete, so each changes the day's"
        + " run and yields a PlanAdapted. Events are observed on the topics by a consumer in the driver's JVM (same"
        + " clock), matched by the check-in's `eventId` in BodyStateComputed `causedBy`, and by that BodyState's id in"
        + " PlanAdapted `causedBy`. Times in ms; \"missing\" = not seen within 30 s after the step.\n\n", athletes,
        setupSeconds, withRun));
    md.append("| check-ins/s (+ pushes/s) | sent/s achieved | accept p50 / p99 / p99.9 | → BodyStateComputed p50 / p99 / p99.9"
        + " (n, missing) | → PlanAdapted p50 / p99 / p99.9 (n, missing) | Garmin push → BodyStateComputed p50 / p99 (n,"
        + " missing) | inputs/s that became BodyStates | raw Kafka round trip p50 / p99 | BodyState p99 ÷ Kafka p99 |\n"
        + "|---|---|---|---|---|---|---|---|---|\n");
    for (int i = 0; i < steps.size(); i++) {
      Step s = steps.get(i);
      Histogram k = kafka.get(i);
      md.append(String.format(Locale.ROOT, "| %.0f (+%.0f) | %.1f | %s | %s (%d, %d) | %s (%d, %d) | %s / %s (%d, %d) | %.1f | %s / %s | %s |\n",
          s.rate, s.rate / (PUSH_EVERY - 1), s.run.achievedRate(), p3(s.accept) + fails(s.acceptFailures),
          p3(s.bodyState), s.bodyState.getTotalCount(), s.bodyStateMissing, p3(s.plan), s.plan.getTotalCount(),
          s.planMissing, f(Latencies.ms(s.pushBodyState, 50)), f(Latencies.ms(s.pushBodyState, 99)),
          s.pushBodyState.getTotalCount(), s.pushMissing, s.delivered, f(Latencies.ms(k, 50)), f(Latencies.ms(k, 99)),
          ratio(Latencies.ms(s.bodyState, 99), Latencies.ms(k, 99))));
    }
    for (int i = steps.size(); i < rates.length; i++) {
      md.append(String.format(Locale.ROOT, "| %.0f (+%.0f) | not run: the rate before it already left events"
          + " undelivered 30 s after its end | | | | | | | |\n", rates[i], rates[i] / (PUSH_EVERY - 1)));
    }
    double bestBs = best(steps, true);
    double bestPlan = best(steps, false);
    md.append(String.format(Locale.ROOT, "%n\"Inputs/s that became BodyStates\" = check-ins and pushes whose"
        + " BodyStateComputed was seen, divided by the time from the first one's intended send to the last"
        + " BodyState: what the pipeline delivered, whatever was offered. After the last step the backlog took"
        + " %.0f s to clear (capped at 120 s) before the HTTP measurements below.%n", drainSeconds));
    md.append(String.format(Locale.ROOT, "%nHighest rate holding p99 ≤ %.0f ms (and nothing missing): **%s** to"
        + " BodyStateComputed, **%s** to PlanAdapted. Raw Kafka round trip: acks=all idempotent producer → consumer,"
        + " %d-byte messages (the mean BodyStateComputed seen), same total arrival rate; failures: %s.%n%n",
        E2E_GOAL_MS, rateText(bestBs), rateText(bestPlan), bsBytes, kafkaFailures));
    md.append("Where the CPU went: CPU milliseconds (user + system, from /proc/&lt;pid&gt;/stat) per input that became a"
        + " BodyState, from each step's start to the end of its drain; the last column is the whole machine's two"
        + " cores busy over that time.\n\n| check-ins/s |");
    List<String> parts = new ArrayList<>(steps.get(0).cpu.keySet());
    parts.forEach(p -> md.append(' ').append(p).append(" |"));
    md.append(" all | cores busy |\n|---|");
    parts.forEach(p -> md.append("---|"));
    md.append("---|---|\n");
    for (Step s : steps) {
      md.append(String.format(Locale.ROOT, "| %.0f |", s.rate));
      double total = 0;
      for (String p : parts) {
        double v = s.cpu.getOrDefault(p, 0.0);
        total += v;
        md.append(String.format(Locale.ROOT, " %.1f |", s.deliveredCount == 0 ? Double.NaN : v * 1000 / s.deliveredCount));
      }
      double wall = s.deliveredCount == 0 ? Double.NaN : s.deliveredCount / s.delivered;
      md.append(String.format(Locale.ROOT, " %.1f | %.2f of 2 |%n", s.deliveredCount == 0 ? Double.NaN
          : total * 1000 / s.deliveredCount, total / wall));
    }
    md.append('\n');
    Step top = steps.get(steps.size() - 1);
    goals.put("end-to-end p99 ≤ 100 ms at ≥ 200 check-ins/s", String.format(Locale.ROOT,
        "at %.0f/s: p99 %s ms to BodyStateComputed, %s ms to PlanAdapted; highest rate holding it: %s (BodyState), %s (plan) | %s",
        top.rate, f(Latencies.ms(top.bodyState, 99)), f(Latencies.ms(top.plan, 99)), rateText(bestBs), rateText(bestPlan),
        bestPlan >= 200 ? "yes" : "no"));
  }

  private static double best(List<Step> steps, boolean bodyState) {
    double best = 0;
    for (Step s : steps) {
      Histogram h = bodyState ? s.bodyState : s.plan;
      int missing = bodyState ? s.bodyStateMissing : s.planMissing;
      if (h.getTotalCount() > 0 && missing == 0 && Latencies.ms(h, 99) <= E2E_GOAL_MS && s.acceptFailures == 0) {
        best = Math.max(best, s.rate);
      }
    }
    return best;
  }

  private void writeHttp(List<HttpStep> trivial, List<HttpStep> webhook, List<HttpStep> unlinked) {
    md.append("## Webhook accept vs a trivial endpoint\n\n");
    md.append("Trivial endpoint: the gateway's own `/q/health/live` (no token, no forwarding, no database): the same"
        + " JVM, flags and Vert.x HTTP stack as every real route, so the ratio isolates what a route's work costs;"
        + " a separate minimal Quarkus app would add a sixth JVM to the two cores and another build. Webhook: a signed"
        + " Garmin dailies push (one new summary of a linked user) through the gateway to ingestion-service, which"
        + " checks the HMAC, upserts the inbox row and appends a HealthDataReceived to its outbox in one transaction"
        + " (the relay, readiness and scheduler keep working on those events in the background). Open-model driver,"
        + " rising rates, a rate is not tried after one that is overloaded (p99 > 100 ms or > 1 % failed). The last"
        + " column sends the same pushes for Garmin users nobody linked: ingestion checks and stores them raw with no"
        + " event, so nothing runs downstream — the accept path alone, run after waiting for the linked pushes'"
        + " backlog to clear (it took " + String.format(Locale.ROOT, "%.0f", webhookDrainSeconds) + " s of at most 120"
        + (webhookDrainSeconds >= 120 ? ": it had not cleared)."
        : ").") + " Times in ms.\n\n");
    md.append("| rate/s | trivial p50 / p99 / p99.9 | webhook p50 / p99 / p99.9 | webhook p99 ÷ trivial p99 |"
        + " webhook, unlinked user p50 / p99 / p99.9 | unlinked p99 ÷ trivial p99 |\n|---|---|---|---|---|---|\n");
    int n = Math.max(trivial.size(), Math.max(webhook.size(), unlinked.size()));
    for (int i = 0; i < n; i++) {
      HttpStep t = i < trivial.size() ? trivial.get(i) : null;
      HttpStep w = i < webhook.size() ? webhook.get(i) : null;
      HttpStep u = i < unlinked.size() ? unlinked.get(i) : null;
      double rate = t != null ? t.rate : w != null ? w.rate : u.rate;
      md.append(String.format(Locale.ROOT, "| %.0f | %s | %s | %s | %s | %s |\n", rate,
          t == null ? "not run" : p3(t.latency) + fails(t.failures) + achieved(t),
          w == null ? "not run" : p3(w.latency) + fails(w.failures) + achieved(w),
          t == null || w == null ? "–" : ratio(Latencies.ms(w.latency, 99), Latencies.ms(t.latency, 99)),
          u == null ? "not run" : p3(u.latency) + fails(u.failures) + achieved(u),
          t == null || u == null ? "–" : ratio(Latencies.ms(u.latency, 99), Latencies.ms(t.latency, 99))));
    }
    double bestT = bestHttp(trivial);
    double bestW = bestHttp(webhook);
    double bestU = bestHttp(unlinked);
    md.append(String.format(Locale.ROOT, "%nHighest rate with p99 ≤ %.0f ms: trivial endpoint **%s**, webhook **%s**"
        + " (ratio %s), webhook for an unlinked user **%s** (ratio %s).%n%n", ACCEPT_GOAL_MS, rateText(bestT),
        rateText(bestW), ratio(bestW, bestT), rateText(bestU), ratio(bestU, bestT)));
    goals.put("webhook accept ≥ 2,000/s (p99 ≤ 25 ms)", String.format(Locale.ROOT,
        "%s at p99 ≤ 25 ms with the pipeline behind it, %s for the accept path alone (trivial endpoint: %s) | %s",
        rateText(bestW), rateText(bestU), rateText(bestT), bestW >= 2000 ? "yes" : "no"));
  }

  private static double bestHttp(List<HttpStep> steps) {
    double best = 0;
    for (HttpStep s : steps) {
      if (s.latency.getTotalCount() > 0 && Latencies.ms(s.latency, 99) <= ACCEPT_GOAL_MS && s.failures == 0
          && s.run.achievedRate() >= 0.95 * s.rate) {
        best = Math.max(best, s.rate);
      }
    }
    return best;
  }

  private void writeBaselines(double[] rates, List<Histogram> kafka, List<RawBaselines.PgRate> pg, List<Step> steps) {
    md.append("## Raw baselines (same run, same machine)\n\n");
    md.append("| Kafka round trip at (msgs/s) | p50 | p99 | p99.9 |\n|---|---|---|---|\n");
    for (int i = 0; i < rates.length && i < kafka.size(); i++) {
      Histogram k = kafka.get(i);
      md.append(String.format(Locale.ROOT, "| %.0f | %s | %s | %s |\n", rates[i] * PUSH_EVERY / (PUSH_EVERY - 1),
          f(Latencies.ms(k, 50)), f(Latencies.ms(k, 99)), f(Latencies.ms(k, 99.9))));
    }
    md.append("\n| PostgreSQL (PgJDBC, logged table with a primary key, check-in-shaped rows) | rows | s | rows/s |\n|---|---|---|---|\n");
    for (RawBaselines.PgRate r : pg) {
      md.append(String.format(Locale.ROOT, "| %s | %,d | %.2f | %,.0f |\n", r.what(), r.rows(), r.seconds(), r.perSecond()));
    }
    double oneConn = pg.get(0).perSecond();
    double capacity = steps.stream().mapToDouble(Step::delivered).max().orElse(0);
    md.append(String.format(Locale.ROOT, "%nAn input commits at least three transactions on its way to a PlanAdapted"
        + " (ingestion, readiness, scheduler, each with its outbox row, plus the relay's delete after each publish)."
        + " The most inputs/s the pipeline turned into BodyStates, %s, is %s of the single-connection commit rate"
        + " (%s/s) and %s of the eight-connection one.%n%n", fmt0(capacity), ratio(capacity, oneConn), fmt0(oneConn),
        ratio(capacity, pg.get(1).perSecond())));
  }

  private void writeFootprint(Map<String, Double> rss, Map<String, Long> peak) {
    Map<String, String> ready = strings(args.getOrDefault("ready", ""));
    md.append("## Footprint\n\n");
    md.append("Each service started from its packaged jar with the flags `make up` uses (`-Xms64m -Xmx256m"
        + " -XX:+UseSerialGC -XX:TieredStopAtLevel=1`), one after the other; ready = from `java` being started to"
        + " `/q/health/ready` answering UP (polled every 100 ms); \"started in\" is Quarkus's own figure from the log"
        + " (after the JVM itself started). RSS = VmRSS from /proc/&lt;pid&gt;/status after the"
        + " end-to-end steps (warmed up by real load). Ratios are to the goal (3 s, 250 MB).\n\n");
    Map<String, String> started = strings(args.getOrDefault("started", ""));
    md.append("| service | ready (s) | ÷ 3 s | Quarkus \"started in\" (s) | RSS after warm-up (MB) | ÷ 250 MB |\n"
        + "|---|---|---|---|---|---|\n");
    double worstReady = 0;
    double worstRss = 0;
    for (var e : rss.entrySet()) {
      double r = Double.parseDouble(ready.getOrDefault(e.getKey(), "NaN"));
      worstReady = Math.max(worstReady, r);
      worstRss = Math.max(worstRss, e.getValue());
      md.append(String.format(Locale.ROOT, "| %s | %.2f | %s | %s | %.0f | %s |\n", e.getKey(), r, ratio(r, 3),
          started.getOrDefault(e.getKey(), "?"), e.getValue(), ratio(e.getValue(), 250)));
    }
    md.append(String.format(Locale.ROOT, "%nCold start of the five jars one after the other (first `java` to the last"
        + " ready): **%s s**. `make up` itself was not timed: on this shared machine it would start a second system on"
        + " the default ports beside colleagues' work; it starts the same jars (in parallel) after `make infra`.%n%n",
        args.getOrDefault("cold-start", "?")));
    md.append("Whole system at its highest total RSS during the end-to-end steps (MB; PostgreSQL is the machine's"
        + " shared server, every process of it summed, shared buffers counted in each process that touched them, so an"
        + " upper bound):\n\n| part | MB |\n|---|---|\n");
    for (String k : List.of("five services", "kafka", "keycloak", "postgresql (all its processes)", "total")) {
      md.append("| ").append(k).append(" | ").append(peak.getOrDefault(k, -1L)).append(" |\n");
    }
    md.append('\n');
    goals.put("each service ready ≤ 3 s", String.format(Locale.ROOT, "slowest %.2f s | %s", worstReady,
        worstReady <= 3 ? "yes" : "no"));
    goals.put("each service ≤ 250 MB RSS after warm-up", String.format(Locale.ROOT, "largest %.0f MB | %s", worstRss,
        worstRss <= 250 ? "yes" : "no"));
  }

  private void writeScaling(List<Step> steps, List<HttpStep> webhook, Map<String, Double> rss, int bsBytes,
      List<RawBaselines.PgRate> pg) {
    double goalRate = best(steps, true);
    double capacity = steps.stream().mapToDouble(Step::delivered).max().orElse(0);
    double hookGoal = bestHttp(webhook);
    double hookCapacity = 0;
    for (HttpStep w : webhook) {
      if (!overloaded(w)) {
        hookCapacity = Math.max(hookCapacity, w.rate);
      }
    }
    double serviceMb = rss.values().stream().mapToDouble(Double::doubleValue).sum();
    // Per athlete per day: 1 check-in, ~4 Garmin summaries that emit events (dailies, sleep, HRV, stress
    // details counted with dailies), ~1 workout: 6 HealthDataReceived, each recomputing a BodyState; ~1 PlanAdapted.
    double athletes = 1_000_000;
    double hdrPerDay = athletes * 6;
    double bsPerDay = hdrPerDay;
    double planPerDay = athletes;
    double eventsPerDay = hdrPerDay + bsPerDay + planPerDay;
    // Mornings: most check-ins and overnight Garmin uploads land in ~2 hours of each time zone; take a
    // peak of 10x the mean rate.
    double meanPerSecond = hdrPerDay / 86_400;
    double peakPerSecond = meanPerSecond * 10;
    double boxes = Math.ceil(peakPerSecond / Math.max(capacity, 1));
    double pushPeak = athletes * 4 / 86_400 * 10;
    double hookBoxes = Math.ceil(pushPeak / Math.max(hookCapacity, 1));
    double kafkaGbPerDay = (bsPerDay * bsBytes + hdrPerDay * 700 + planPerDay * 800) / 1e9;
    md.append("## Scaling notes: 1 million athletes\n\n");
    md.append(String.format(Locale.ROOT, """
        From this run's measurements (everything on one 2-core machine), with stated assumptions:

        - **Events per day.** Assume per athlete per day 1 check-in, ~4 Garmin summaries that emit an event and ~1
          workout: %s HealthDataReceived, as many BodyStateComputed (each input recomputes its date), ~%s
          PlanAdapted: **~%s events/day**, %s inputs/s on average. Mornings concentrate them: at 10× the mean,
          **~%s inputs/s at peak**.
        - **Throughput per box.** This machine (2 cores shared by the five services, Kafka, PostgreSQL, Keycloak
          and the driver) turned at most **%s inputs/s** into BodyStates (check-ins and pushes, best step), and held
          p99 ≤ 100 ms to BodyStateComputed up to %s. For the peak above that is **~%s such 2-core boxes** of
          gateway + ingestion + readiness + scheduler (one box's five services take ~%s MB RSS), with Kafka,
          PostgreSQL and the identity provider on machines of their own. Latency at that size is set by queueing
          per box: the goal needs headroom, i.e. running each box well below its capacity (p99 held at %s here).
        - **Partitions.** A consumer group scales only to its topic's partition count, and the key is the athlete
          id, so per-athlete order holds at any count. The topics have 3 partitions here; for ~%s readiness and
          scheduler replicas with room to double, give `health-data-received`, `body-state-computed` and
          `plan-adapted` **%d partitions**, set before launch (adding partitions later moves athletes between
          consumers: harmless with the idempotent consumer, but per-athlete order is not kept across the move).
        - **Webhooks.** Garmin's ~4 summaries per athlete per day arrive as pushes, ~%s/s at the 10× peak. This
          run's webhook accept path alone (unlinked users: no downstream work, which the boxes above already
          count) stayed unsaturated (p99 ≤ 100 ms, nothing failed) up to %s and held p99 ≤ 25 ms up to %s, so
          **~%s gateway + ingestion replicas** of this size for the pushes' accept (stateless; PostgreSQL's commit
          rate, %s single-row commits/s on one connection here, is the shared limit to watch).
        - **Kafka storage.** A BodyStateComputed is ~%d bytes; with the inputs (~700 B) and plans (~800 B) that is
          ~%.1f GB/day before compression and replication, ~%.0f GB for 7 days' retention (×3 with replication 3).
        - **Replicas for availability.** Production runs 3 Kafka brokers (replication 3, min ISR 2), PostgreSQL with
          a synchronous standby, and ≥ 2 replicas of each service; the counts above are the throughput floor.
        """, fmt0(hdrPerDay), fmt0(planPerDay), fmt0(eventsPerDay), fmt0(meanPerSecond), fmt0(peakPerSecond),
        fmt0(capacity), rateText(goalRate), fmt0(boxes), fmt0(serviceMb), rateText(goalRate), fmt0(boxes),
        partitions(boxes), fmt0(pushPeak), rateText(hookCapacity), rateText(hookGoal), fmt0(hookBoxes),
        fmt0(pg.get(0).perSecond()), bsBytes, kafkaGbPerDay, kafkaGbPerDay * 7));
    md.append('\n');
  }

  private static int partitions(double replicas) {
    int p = 6;
    while (p < replicas * 2) {
      p *= 2;
    }
    return p;
  }

  // ---------------------------------------------------------------- formatting

  private static String p3(Histogram h) {
    return f(Latencies.ms(h, 50)) + " / " + f(Latencies.ms(h, 99)) + " / " + f(Latencies.ms(h, 99.9));
  }

  private static String f(double ms) {
    return Double.isNaN(ms) ? "–" : ms >= 100 ? String.format(Locale.ROOT, "%.0f", ms) : String.format(Locale.ROOT, "%.1f", ms);
  }

  private static String fmt0(double v) {
    return String.format(Locale.ROOT, "%,.0f", v);
  }

  private static String fails(long n) {
    return n == 0 ? "" : " (" + n + " failed)";
  }

  private static String achieved(HttpStep s) {
    return s.run.achievedRate() < 0.95 * s.rate ? String.format(Locale.ROOT, " (sent only %.0f/s)", s.run.achievedRate()) : "";
  }

  private static String ratio(double a, double b) {
    if (Double.isNaN(a) || Double.isNaN(b) || b == 0 || a == 0) {
      return "–";
    }
    double r = a / b;
    return String.format(Locale.ROOT, r >= 10 ? "%.0f×" : r >= 0.1 ? "%.2f×" : "%.3f×", r);
  }

  private static String rateText(double rate) {
    return rate <= 0 ? "none of the rates tried" : String.format(Locale.ROOT, "%,.0f/s", rate);
  }

  private static Map<String, Long> pids(String spec) {
    Map<String, Long> m = new LinkedHashMap<>();
    strings(spec).forEach((k, v) -> {
      if (v.matches("\\d+")) {
        m.put(k, Long.parseLong(v));
      }
    });
    return m;
  }

  private static Map<String, String> strings(String spec) {
    Map<String, String> m = new LinkedHashMap<>();
    for (String part : spec.split(",")) {
      if (part.contains(":")) {
        m.put(part.substring(0, part.indexOf(':')), part.substring(part.indexOf(':') + 1));
      }
    }
    return m;
  }

  private static double[] doubles(String spec) {
    return Arrays.stream(spec.split(",")).mapToDouble(Double::parseDouble).toArray();
  }

  private static void log(String message) {
    System.out.printf("[%tT] %s%n", System.currentTimeMillis(), message);
  }
}
