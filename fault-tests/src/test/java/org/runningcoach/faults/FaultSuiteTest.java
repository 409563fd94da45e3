package org.runningcoach.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.runningcoach.faults.Athletes.Athlete;

/**
 * The fault suite (make faults): the five packaged services on the suite's own PostgreSQL and
 * Kafka, a generated workload through the gateway, faults injected while it runs, and a checker
 * that compares every accepted input with what the system holds. Sizes: -Dfaults.athletes
 * (default 30), -Dfaults.rate (requests per second while faults are injected, default 8).
 */
class FaultSuiteTest {

  @Test
  void nothingAcceptedIsLostOrCountedTwiceThroughKillsRestartsAndPoison() throws Exception {
    int athleteCount = Integer.getInteger("faults.athletes", 30);
    double rate = Double.parseDouble(System.getProperty("faults.rate", "8"));
    long started = System.nanoTime();
    try (Infra infra = new Infra()) {
      infra.start();
      System.out.printf("[faults] infrastructure and services up in %d s%n", secondsSince(started));
      List<Athlete> athletes = Athletes.ensure(athleteCount);
      Path data = Path.of(System.getProperty("runningcoach.data", infra.root.resolve("activity-service/src/test/resources").toString()));
      Workload workload = new Workload(athletes, data, 20261125L);
      System.out.printf("[faults] workload: %d athletes, %d requests %s (+ %d setup: device links and plans)%n",
          athletes.size(), workload.size(), workload.counts, workload.setup.stream().mapToInt(List::size).sum());

      Driver driver = new Driver(rate);
      driver.run(workload.setup, 4);
      Faults faults = new Faults(infra);
      AtomicReference<Exception> faultFailure = new AtomicReference<>();
      Thread injector = new Thread(() -> {
        try {
          faults.run();
        } catch (Exception e) {
          faultFailure.set(e);
        } finally {
          driver.unpace();
        }
      }, "faults");
      long loadStart = System.nanoTime();
      injector.start();
      driver.run(workload.load, 6);
      long loadSeconds = secondsSince(loadStart);
      injector.join();
      if (faultFailure.get() != null) {
        throw faultFailure.get();
      }
      System.out.printf("[faults] load done in %d s (%d requests done while faults ran: %s)%n", loadSeconds,
          driver.done.get(), driver.done.get() >= workload.size() ? "all" : "some after the last fault");
      for (Faults.Window w : faults.windows) {
        System.out.printf("[faults]   %-55s %5.1f s  answers: %s%n", w.name(), (w.to() - w.from()) / 1e9, histogram(driver, w));
      }

      Checker checker = new Checker(driver.accepted, athletes);
      long quietStart = System.nanoTime();
      checker.awaitQuiet();
      System.out.printf("[faults] system quiet %d s after the load%n", secondsSince(quietStart));
      checker.checkAll();
      List<String> poisonMissing = faults.poisonNotDeadLettered();

      List<String> badErrors = new ArrayList<>();
      for (Driver.Attempt a : driver.attempts) {
        if (a.status() >= 500 && a.status() != 503) {
          badErrors.add(a.status() + " on " + a.op().kind() + " " + a.op().path());
        } else if (a.status() == 503 && (a.retryAfter() == null || !a.contentType().startsWith("application/problem+json"))) {
          badErrors.add("503 without Retry-After or problem+json on " + a.op().kind());
        }
      }
      System.out.println("[faults] answers to all attempts (-1 = connection refused/reset): " + driver.statusCounts());
      System.out.printf("[faults] accepted %d, rejected %d (4xx), abandoned after 3 min of retries %d%n",
          driver.accepted.size(), driver.rejected.size(), driver.abandoned.size());
      driver.rejected.stream().limit(5).forEach(o -> System.out.println("[faults]   rejected " + o.op().kind() + " "
          + o.op().path() + " " + new String(o.op().body()) + " -> " + o.answer().status() + " " + o.answer().body()));
      System.out.print(checker.tally.table().lines().map(l -> "[faults] " + l + "\n").reduce("", String::concat));
      checker.unacknowledged.forEach((k, v) -> System.out.printf("[faults] %s: %d%n", k, v));
      System.out.printf("[faults] poison messages dead-lettered: %d of %d%n", faults.poison.size() - poisonMissing.size(),
          faults.poison.size());
      System.out.printf("[faults] after SIGTERM of readiness-service: %d records past its committed offsets, %d of them already"
          + " processed (redelivered on restart, skipped by the idempotent consumer)%n",
          faults.pendingAtSigterm, faults.redeliveredAfterSigterm);
      checker.tally.examples.forEach(e -> System.out.println("[faults]   " + e));
      badErrors.stream().limit(10).forEach(e -> System.out.println("[faults]   unexpected answer: " + e));
      System.out.printf("[faults] wall time %d s%n", secondsSince(started));

      assertThat(checker.tally.total(2)).as("lost").isZero();
      assertThat(checker.tally.total(3)).as("duplicated").isZero();
      assertThat(checker.tally.total(4)).as("mismatched").isZero();
      assertThat(badErrors).as("5xx other than 503 + Retry-After").isEmpty();
      assertThat(poisonMissing).as("topics whose poison message did not reach the -dlq").isEmpty();
      assertThat(driver.abandoned).as("requests never accepted in 3 minutes of retries").isEmpty();
    }
  }

  private static Map<Integer, Integer> histogram(Driver driver, Faults.Window w) {
    Map<Integer, Integer> m = new TreeMap<>();
    synchronized (driver.attempts) {
      for (Driver.Attempt a : driver.attempts) {
        if (a.atNanos() >= w.from() && a.atNanos() <= w.to()) {
          m.merge(a.status(), 1, Integer::sum);
        }
      }
    }
    return m;
  }

  private static long secondsSince(long nanos) {
    return (System.nanoTime() - nanos) / 1_000_000_000L;
  }
}
