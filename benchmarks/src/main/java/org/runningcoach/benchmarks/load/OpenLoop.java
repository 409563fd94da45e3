package org.runningcoach.benchmarks.load;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * An open-model load generator: request i is due at {@code start + i / rate}, whatever happened to
 * the requests before it. Each request is handed its intended time, and every latency is measured
 * from that time, so a stall of the system under test (or of this driver) shows up as latency of
 * every request that should have been sent meanwhile instead of silently lowering the rate — no
 * coordinated omission. The driver never waits for a response before sending the next request.
 */
public final class OpenLoop {

  /** Sends request {@code index}, due at {@code intendedNanos} (System.nanoTime); completes when it is answered. */
  @FunctionalInterface
  public interface Shot {
    CompletableFuture<?> fire(long index, long intendedNanos);
  }

  /** What a run did: requests sent, the rate actually achieved, and how late the last send was. */
  public record Run(long sent, double seconds, double achievedRate, double maxSendLagMs, long unanswered) {}

  private OpenLoop() {}

  public static Run run(double ratePerSecond, double seconds, Shot shot) throws InterruptedException {
    long count = Math.round(ratePerSecond * seconds);
    double periodNanos = 1e9 / ratePerSecond;
    long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(20);
    AtomicLong outstanding = new AtomicLong();
    long maxLag = 0;
    for (long i = 0; i < count; i++) {
      long intended = start + (long) (i * periodNanos);
      long wait;
      while ((wait = intended - System.nanoTime()) > 0) {
        LockSupport.parkNanos(wait);
      }
      maxLag = Math.max(maxLag, System.nanoTime() - intended);
      outstanding.incrementAndGet();
      CompletableFuture<?> f;
      try {
        f = shot.fire(i, intended);
      } catch (RuntimeException e) {
        f = CompletableFuture.failedFuture(e);
      }
      f.whenComplete((r, e) -> outstanding.decrementAndGet());
    }
    double elapsed = (System.nanoTime() - start) / 1e9;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (outstanding.get() > 0 && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    return new Run(count, elapsed, count / elapsed, maxLag / 1e6, outstanding.get());
  }
}
