package org.runningcoach.scheduler.domain;

import java.time.LocalDate;

/**
 * A readiness adaptation in force on a workout: which day's readiness caused it and what the
 * workout was before, so a later, better state of that day can put it back.
 */
public record Hold(LocalDate readinessDate, Workout before) {}
