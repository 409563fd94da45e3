package org.runningcoach.gateway.ratelimit;

import java.util.concurrent.ConcurrentHashMap;

/** One token bucket per key, refilled continuously. Thread-safe; time is passed in (nanoseconds). */
public final class TokenBuckets {

  private final double capacity;
  private final double perNano;
  private final int maxKeys;
  private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

  public TokenBuckets(int capacity, double perSecond, int maxKeys) {
    if (capacity < 1 || perSecond <= 0) {
      throw new IllegalArgumentException("a bucket needs a capacity of at least 1 and a positive refill rate");
    }
    this.capacity = capacity;
    this.perNano = perSecond / 1e9;
    this.maxKeys = maxKeys;
  }

  /** Takes one token for the key: 0 when granted, else the nanoseconds until one is available. */
  public long take(String key, long now) {
    if (buckets.size() >= maxKeys && !buckets.containsKey(key)) {
      evictFull(now);
    }
    Bucket bucket = buckets.computeIfAbsent(key, k -> new Bucket(capacity, now));
    synchronized (bucket) {
      bucket.refill(now, capacity, perNano);
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return 0;
      }
      return (long) Math.ceil((1 - bucket.tokens) / perNano);
    }
  }

  /** A full bucket is the same as no bucket: dropping it forgets nothing. */
  private void evictFull(long now) {
    buckets.entrySet().removeIf(e -> {
      synchronized (e.getValue()) {
        e.getValue().refill(now, capacity, perNano);
        return e.getValue().tokens >= capacity;
      }
    });
  }

  private static final class Bucket {
    double tokens;
    long updated;

    Bucket(double tokens, long now) {
      this.tokens = tokens;
      this.updated = now;
    }

    void refill(long now, double capacity, double perNano) {
      if (now > updated) {
        tokens = Math.min(capacity, tokens + (now - updated) * perNano);
        updated = now;
      }
    }
  }
}
