package org.runningcoach.activity.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** One page of the athlete's activities, newest start first. */
public record ActivityListView(List<Item> items, int page, int size, long total) {

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Item(UUID id, String sport, OffsetDateTime startTime, LocalDate localDate, String source, String format,
      long elapsedSeconds, long movingSeconds, Double distanceMeters, Integer avgHr, Double srpeLoad, double impactLoad) {}
}
