package org.runningcoach.activity.domain;

import java.util.SortedMap;

/**
 * The training loads of one workout.
 *
 * @param srpeLoad session RPE × moving minutes (Foster), null without an RPE
 * @param distanceMeters external load: how far
 * @param avgPaceSecondsPerKm external load: how fast (moving time per kilometre)
 * @param impactLoad musculoskeletal impact in flat-3-m/s-kilometres (see {@link LoadCalculator})
 * @param hrSecondsByBpm seconds at each heart rate; readiness sums TRIMP from it
 */
public record Loads(
    Double srpeLoad,
    Double distanceMeters,
    Double avgPaceSecondsPerKm,
    double impactLoad,
    SortedMap<Integer, Integer> hrSecondsByBpm) {}
