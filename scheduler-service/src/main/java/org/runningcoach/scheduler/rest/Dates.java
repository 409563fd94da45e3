package org.runningcoach.scheduler.rest;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import org.runningcoach.support.rest.ProblemException;

/** Query-parameter dates, read strictly: YYYY-MM-DD, from not after to, at most a year apart. */
final class Dates {
  static final int MAX_RANGE_DAYS = 366;

  private Dates() {}

  static LocalDate parse(String field, String value, LocalDate fallback) {
    if (value == null || value.isBlank()) {
      return fallback;
    }
    try {
      return LocalDate.parse(value);
    } catch (DateTimeParseException e) {
      throw ProblemException.invalid(field, "has the wrong format: '" + value + "' is not a valid date (expected YYYY-MM-DD)");
    }
  }

  static void checkRange(LocalDate from, LocalDate to) {
    if (from.isAfter(to)) {
      throw ProblemException.invalid("from", "is after to (" + to + ")");
    }
    if (from.plusDays(MAX_RANGE_DAYS).isBefore(to)) {
      throw ProblemException.invalid("to", "is more than a year after from; ask for at most " + MAX_RANGE_DAYS + " days");
    }
  }
}
