package org.runningcoach.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TokenBucketsTest {

  static final long SECOND = 1_000_000_000L;

  @Test
  void aFullBucketGrantsItsBurstThenSaysHowLongToWait() {
    TokenBuckets buckets = new TokenBuckets(3, 2.0, 100);
    for (int i = 0; i < 3; i++) {
      assertThat(buckets.take("a", 0)).isZero();
    }
    assertThat(buckets.take("a", 0)).isEqualTo(SECOND / 2);
    assertThat(buckets.take("a", SECOND / 2)).isZero();
    assertThat(buckets.take("a", SECOND / 2)).isPositive();
  }

  @Test
  void eachKeyHasItsOwnBucketAndNoneRefillsBeyondItsCapacity() {
    TokenBuckets buckets = new TokenBuckets(2, 1.0, 100);
    buckets.take("a", 0);
    buckets.take("a", 0);
    assertThat(buckets.take("a", 0)).isPositive();
    assertThat(buckets.take("b", 0)).isZero();
    long later = 3600 * SECOND;
    assertThat(buckets.take("a", later)).isZero();
    assertThat(buckets.take("a", later)).isZero();
    assertThat(buckets.take("a", later)).isPositive();
  }

  @Test
  void aBucketWithoutCapacityOrRefillIsRefused() {
    assertThatThrownBy(() -> new TokenBuckets(0, 1.0, 10)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new TokenBuckets(1, 0, 10)).isInstanceOf(IllegalArgumentException.class);
  }
}
