package org.runningcoach.activity.domain;

import java.util.List;
import java.util.SortedMap;

/**
 * What a runner sees for one workout. Times are whole seconds; pace is seconds per kilometre;
 * cadence is steps per minute for foot sports; ground contact in milliseconds, vertical
 * oscillation in millimetres. Absent values are null, never zero.
 *
 * @param timerSeconds time the recorder's timer ran (elapsed minus pauses)
 * @param hrSecondsByBpm seconds the heart spent at each rate, while the timer ran
 */
public record Metrics(
    long elapsedSeconds,
    long movingSeconds,
    long timerSeconds,
    Double distanceMeters,
    Integer avgHr,
    Integer maxHr,
    Double elevationGainMeters,
    Double elevationLossMeters,
    Double avgPaceSecondsPerKm,
    Double avgCadence,
    Double avgGroundContactMs,
    Double avgVerticalOscillationMm,
    Double avgPowerWatts,
    SortedMap<Integer, Integer> hrSecondsByBpm,
    List<Integer> rrIntervalsMs,
    Double rmssdMs,
    int sampleCount) {}
