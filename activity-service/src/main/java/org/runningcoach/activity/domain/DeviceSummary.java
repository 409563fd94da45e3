package org.runningcoach.activity.domain;

/**
 * The totals the recording device wrote itself (FIT session, TCX laps), where present. They are
 * preferred over recomputing from samples for distance, time and ascent, because the device saw
 * more than the samples it kept (barometer, accelerometer, smart recording).
 */
public record DeviceSummary(
    Double elapsedSeconds, Double timerSeconds, Double distanceMeters, Double ascentMeters, Double descentMeters,
    Integer avgHr, Integer maxHr) {

  public static final DeviceSummary NONE = new DeviceSummary(null, null, null, null, null, null, null);
}
