package org.runningcoach.readiness.service;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.runningcoach.events.EventEnvelope;

/** An input dated in year 10000 once made readiness walk to it and run out of memory, retrying for minutes. */
class PlausibleDateTest {

  static final Instant SENT = Instant.parse("2026-11-25T08:00:00Z");
  static final EventEnvelope<String> EVENT = new EventEnvelope<>(EventEnvelope.SPEC_VERSION, UUID.randomUUID(),
      "HealthDataReceived", "/test", "athlete", SENT, EventEnvelope.CONTENT_TYPE, null, 1, "x");

  @Test
  void aDayFrom2000ToTwoDaysAfterTheEventIsTakenAndOutsideThatRefusedForTheDeadLetterTopic() {
    assertThatCode(() -> ReadinessService.requirePlausibleDate(LocalDate.of(2000, 1, 1), EVENT, 2)).doesNotThrowAnyException();
    assertThatCode(() -> ReadinessService.requirePlausibleDate(LocalDate.of(2026, 11, 27), EVENT, 2)).doesNotThrowAnyException();
    assertThatThrownBy(() -> ReadinessService.requirePlausibleDate(LocalDate.of(2026, 11, 28), EVENT, 2))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2026-11-28");
    assertThatThrownBy(() -> ReadinessService.requirePlausibleDate(LocalDate.of(1999, 12, 31), EVENT, 2))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ReadinessService.requirePlausibleDate(LocalDate.of(10000, 11, 22), EVENT, 730))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
