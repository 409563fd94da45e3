package org.runningcoach.ingestion.domain;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Who may post to the Garmin webhook. Garmin itself only sends its {@code garmin-client-id}
 * header, so the relay in front of us (or Garmin, once it signs) adds
 * {@code x-runningcoach-timestamp} (Unix seconds) and {@code x-runningcoach-signature}
 * (lowercase hex HMAC-SHA256 of {@code timestamp + "." + raw body} with the shared secret,
 * optionally prefixed {@code sha256=}). A timestamp outside the replay window is refused, so a
 * captured request cannot be replayed later. The time is passed in, never read here.
 */
public final class WebhookSignature {

  private final byte[] clientId;
  private final byte[] secret;
  private final Duration window;

  public WebhookSignature(String clientId, String secret, Duration window) {
    this.clientId = clientId.getBytes(StandardCharsets.UTF_8);
    this.secret = secret.getBytes(StandardCharsets.UTF_8);
    this.window = window;
  }

  /** Empty when the request is authentic, else why it is not (said to the caller; it reveals nothing secret). */
  public Optional<String> reject(String clientIdHeader, String timestampHeader, String signatureHeader, byte[] body,
      Instant now) {
    return rejectHeaders(clientIdHeader, timestampHeader, signatureHeader, now).or(() -> {
      Mac mac = begin(timestampHeader);
      mac.update(body);
      return rejectSignature(signatureHeader, mac.doFinal());
    });
  }

  /**
   * The checks that need no body: the client id, both signature headers present and the timestamp
   * within the window. A streaming receiver runs them before reading the body, then feeds the body
   * to {@link #begin} as it arrives and ends with {@link #rejectSignature}.
   */
  public Optional<String> rejectHeaders(String clientIdHeader, String timestampHeader, String signatureHeader,
      Instant now) {
    if (clientIdHeader == null || !MessageDigest.isEqual(clientIdHeader.getBytes(StandardCharsets.UTF_8), clientId)) {
      return Optional.of("the garmin-client-id header is missing or is not our consumer key");
    }
    if (timestampHeader == null || signatureHeader == null) {
      return Optional.of("the x-runningcoach-timestamp and x-runningcoach-signature headers are required");
    }
    long seconds;
    try {
      seconds = Long.parseLong(timestampHeader.trim());
    } catch (NumberFormatException e) {
      return Optional.of("x-runningcoach-timestamp must be Unix seconds");
    }
    if (Math.abs(now.getEpochSecond() - seconds) > window.toSeconds()) {
      return Optional.of("x-runningcoach-timestamp is more than " + window.toMinutes() + " minutes from our clock");
    }
    return Optional.empty();
  }

  /** The MAC of a body sent at a timestamp, before the body: update it with the body's bytes, then doFinal. */
  public Mac begin(String timestamp) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      mac.update(timestamp.trim().getBytes(StandardCharsets.UTF_8));
      mac.update((byte) '.');
      return mac;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is unavailable", e);
    }
  }

  /** Empty when the signature header matches the MAC computed over timestamp and body. */
  public Optional<String> rejectSignature(String signatureHeader, byte[] mac) {
    String given = signatureHeader.trim();
    if (given.startsWith("sha256=")) {
      given = given.substring("sha256=".length());
    }
    byte[] expected = HexFormat.of().formatHex(mac).getBytes(StandardCharsets.US_ASCII);
    if (!MessageDigest.isEqual(expected, given.toLowerCase().getBytes(StandardCharsets.US_ASCII))) {
      return Optional.of("the signature does not match the body and timestamp");
    }
    return Optional.empty();
  }

  /** The hex signature of a body sent at a timestamp (also what a sender computes). */
  public String sign(String timestamp, byte[] body) {
    Mac mac = begin(timestamp);
    return HexFormat.of().formatHex(mac.doFinal(body));
  }
}
