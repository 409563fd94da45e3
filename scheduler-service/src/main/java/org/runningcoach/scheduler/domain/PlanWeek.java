package org.runningcoach.scheduler.domain;

import java.time.LocalDate;

/** One week of the plan: its phase, dates, planned volume (in the plan's unit) and whether it is a cutback week. */
public record PlanWeek(int index, Phase phase, LocalDate start, LocalDate end, double volume, boolean cutback) {}
