package org.runningcoach.scheduler.rest;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.time.LocalDate;
import org.runningcoach.events.BodyStateComputed.Directive;
import org.runningcoach.events.BodyStateComputed.Status;
import org.runningcoach.events.LifeEventReported.LifeEventType;

/**
 * A hypothetical input for the plan's what-if: exactly one of a BodyState (what BodyStateComputed
 * carries that the plan acts on: the date, the four systems' statuses and the directive) and a life
 * event (what POST /life-event takes).
 */
public record WhatIfRequest(@Valid BodyStateInput bodyState, @Valid LifeEventInput lifeEvent) {

  /** {@code directive} is optional; when given it must be the one the statuses imply (DESIGN §5.1 synthesis). */
  public record BodyStateInput(@NotNull LocalDate date, @NotNull Status cardio, @NotNull Status muscular,
      @NotNull Status skeletal, @NotNull Status neural, Directive directive) {}

  public record LifeEventInput(@NotNull LifeEventType type, @NotNull LocalDate startDate, LocalDate endDate,
      Boolean belowNeckSymptoms, Boolean fever) {}
}
