package org.runningcoach.activity.domain;

import java.time.Instant;

/**
 * One recorded point of a workout. Everything but the time may be missing. {@code distance} is
 * the cumulative distance in metres as the device recorded it; {@code cadence} is in steps per
 * minute for foot sports once {@link ActivityFiles} has normalised it.
 */
public record Sample(
    Instant time,
    Integer hr,
    Double lat,
    Double lon,
    Double altitude,
    Double distance,
    Double speed,
    Double cadence,
    Integer power,
    Double groundContactMs,
    Double verticalOscillationMm) {

  public Sample withDistance(Double cumulative) {
    return new Sample(time, hr, lat, lon, altitude, cumulative, speed, cadence, power, groundContactMs, verticalOscillationMm);
  }

  public Sample withHr(Integer bpm) {
    return new Sample(time, bpm, lat, lon, altitude, distance, speed, cadence, power, groundContactMs, verticalOscillationMm);
  }

  public Sample withCadence(Double stepsPerMinute) {
    return new Sample(time, hr, lat, lon, altitude, distance, speed, stepsPerMinute, power, groundContactMs, verticalOscillationMm);
  }

  /** Fills this sample's gaps from another sample recorded at the same second. */
  public Sample mergedWith(Sample o) {
    return new Sample(time, or(hr, o.hr), or(lat, o.lat), or(lon, o.lon), or(altitude, o.altitude), or(distance, o.distance),
        or(speed, o.speed), or(cadence, o.cadence), or(power, o.power), or(groundContactMs, o.groundContactMs),
        or(verticalOscillationMm, o.verticalOscillationMm));
  }

  public boolean hasPosition() {
    return lat != null && lon != null;
  }

  private static <T> T or(T a, T b) {
    return a != null ? a : b;
  }

  /** Heart rates outside what a human heart does are sensor noise, not data. */
  static Integer plausibleHr(Number bpm) {
    if (bpm == null) {
      return null;
    }
    int v = bpm.intValue();
    return v >= 25 && v <= 250 ? v : null;
  }
}
