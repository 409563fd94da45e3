package org.runningcoach.faults;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.runningcoach.faults.Workload.Op;

/**
 * Runs the workload through the gateway like a well-behaved client: an athlete's operations in
 * order, several athletes at once, paced while faults are being injected. A 503 or 429 is retried
 * after its Retry-After, a refused connection (the gateway itself down) after a second, a 401
 * with a fresh token; any other answer is final. Every 2xx is recorded with its body: that is what
 * the system promised to keep.
 */
final class Driver {

  record Attempt(long atNanos, Op op, int status, String retryAfter, String contentType, String error) {}

  record Outcome(Op op, Http.Answer answer) {}

  final List<Outcome> accepted = Collections.synchronizedList(new ArrayList<>());
  final List<Outcome> rejected = Collections.synchronizedList(new ArrayList<>());
  final List<Op> abandoned = Collections.synchronizedList(new ArrayList<>());
  final List<Attempt> attempts = Collections.synchronizedList(new ArrayList<>());
  final AtomicInteger done = new AtomicInteger();
  private final Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
  private volatile double perSecond;
  private long nextSlot = System.nanoTime();

  Driver(double perSecond) {
    this.perSecond = perSecond;
  }

  /** Lifts the pacing: the rest of the workload runs as fast as the system answers. */
  void unpace() {
    perSecond = 0;
  }

  /** Runs each athlete's list in order; athletes are spread over {@code threads} workers. */
  void run(List<List<Op>> perAthlete, int threads) throws InterruptedException {
    List<Thread> workers = new ArrayList<>();
    for (int w = 0; w < threads; w++) {
      int worker = w;
      Thread t = new Thread(() -> {
        List<List<Op>> mine = new ArrayList<>();
        for (int i = worker; i < perAthlete.size(); i += threads) {
          mine.add(perAthlete.get(i));
        }
        int longest = mine.stream().mapToInt(List::size).max().orElse(0);
        for (int step = 0; step < longest; step++) {
          for (List<Op> ops : mine) {
            if (step < ops.size()) {
              execute(ops.get(step));
            }
          }
        }
      }, "driver-" + w);
      t.start();
      workers.add(t);
    }
    for (Thread t : workers) {
      t.join();
    }
  }

  private void pace() throws InterruptedException {
    double rate = perSecond;
    if (rate <= 0) {
      return;
    }
    long wait;
    synchronized (this) {
      long now = System.nanoTime();
      nextSlot = Math.max(nextSlot, now) + (long) (1e9 / rate);
      wait = nextSlot - now;
    }
    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
  }

  void execute(Op op) {
    long deadline = System.nanoTime() + 180_000_000_000L;
    try {
      pace();
      while (true) {
        Http.Answer a;
        try {
          a = Http.send("POST", Infra.GATEWAY + op.path(), op.needsToken() ? op.athlete().token : null,
              op.contentType(), op.body(), op.headers());
        } catch (IOException e) {
          attempts.add(new Attempt(System.nanoTime(), op, -1, null, null, e.toString()));
          statuses.computeIfAbsent(-1, k -> new AtomicInteger()).incrementAndGet();
          if (System.nanoTime() > deadline) {
            abandoned.add(op);
            return;
          }
          Thread.sleep(1000);
          continue;
        }
        attempts.add(new Attempt(System.nanoTime(), op, a.status(), a.retryAfter(), a.contentType(), null));
        statuses.computeIfAbsent(a.status(), k -> new AtomicInteger()).incrementAndGet();
        if (a.ok()) {
          accepted.add(new Outcome(op, a));
          return;
        }
        if (a.status() == 401 && op.needsToken()) {
          op.athlete().refresh();
          continue;
        }
        if (a.status() == 503 || a.status() == 429) {
          if (System.nanoTime() > deadline) {
            abandoned.add(op);
            return;
          }
          Thread.sleep(a.retryAfter() == null ? 1000 : Math.min(5000, 1000L * Long.parseLong(a.retryAfter())));
          continue;
        }
        rejected.add(new Outcome(op, a));
        return;
      }
    } catch (Exception e) {
      throw new IllegalStateException("driver failed on " + op.kind() + " " + op.path(), e);
    } finally {
      done.incrementAndGet();
    }
  }

  Map<Integer, Integer> statusCounts() {
    Map<Integer, Integer> m = new TreeMap<>();
    statuses.forEach((k, v) -> m.put(k, v.get()));
    return m;
  }
}
