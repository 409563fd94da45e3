package org.runningcoach.scheduler.rest;

import jakarta.validation.constraints.NotNull;
import java.time.LocalDate;

public record MoveRequest(@NotNull LocalDate toDate) {}
