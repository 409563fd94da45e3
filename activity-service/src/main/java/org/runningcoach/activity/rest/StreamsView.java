package org.runningcoach.activity.rest;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An activity's sample streams as parallel arrays (index i of every array is one sample); a null
 * entry means that sample did not record the value. {@code returned} &lt; {@code sampleCount} when
 * the streams were thinned to {@code maxPoints}.
 */
public record StreamsView(
    UUID activityId, int sampleCount, int returned, List<Instant> time, List<Integer> hr, List<Double> lat, List<Double> lon,
    List<Float> altitude, List<Float> speed, List<Float> cadence, List<Integer> power) {}
