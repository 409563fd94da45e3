package org.runningcoach.ingestion.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class WebhookSignatureTest {

  static final Instant NOW = Instant.parse("2026-03-02T06:00:00Z");
  static final byte[] BODY = "{\"dailies\":[]}".getBytes(StandardCharsets.UTF_8);
  final WebhookSignature signature = new WebhookSignature("client", "secret", Duration.ofMinutes(5));

  String ts(long secondsFromNow) {
    return Long.toString(NOW.getEpochSecond() + secondsFromNow);
  }

  @Test
  void aCorrectlySignedRecentRequestIsAccepted() {
    String ts = ts(-30);
    assertThat(signature.reject("client", ts, signature.sign(ts, BODY), BODY, NOW)).isEmpty();
    assertThat(signature.reject("client", ts, "sha256=" + signature.sign(ts, BODY).toUpperCase(), BODY, NOW)).isEmpty();
  }

  @Test
  void theReplayWindowIsFiveMinutesEitherWayInclusive() {
    for (long offset : new long[] {-300, 300}) {
      String ts = ts(offset);
      assertThat(signature.reject("client", ts, signature.sign(ts, BODY), BODY, NOW)).as("offset %d", offset).isEmpty();
    }
    for (long offset : new long[] {-301, 301, -86400}) {
      String ts = ts(offset);
      assertThat(signature.reject("client", ts, signature.sign(ts, BODY), BODY, NOW)).as("offset %d", offset)
          .hasValueSatisfying(why -> assertThat(why).contains("minutes"));
    }
  }

  @Test
  void aWrongClientIdSignatureBodyOrSecretIsRefused() {
    String ts = ts(0);
    String good = signature.sign(ts, BODY);
    assertThat(signature.reject(null, ts, good, BODY, NOW)).isPresent();
    assertThat(signature.reject("other", ts, good, BODY, NOW)).isPresent();
    assertThat(signature.reject("client", null, good, BODY, NOW)).isPresent();
    assertThat(signature.reject("client", ts, null, BODY, NOW)).isPresent();
    assertThat(signature.reject("client", "yesterday", good, BODY, NOW)).isPresent();
    assertThat(signature.reject("client", ts, good, "{\"dailies\":[1]}".getBytes(StandardCharsets.UTF_8), NOW)).isPresent();
    // The timestamp is part of what is signed: moving it invalidates the signature.
    assertThat(signature.reject("client", ts(1), good, BODY, NOW)).isPresent();
    String otherSecret = new WebhookSignature("client", "other-secret", Duration.ofMinutes(5)).sign(ts, BODY);
    assertThat(signature.reject("client", ts, otherSecret, BODY, NOW)).isPresent();
  }
}
