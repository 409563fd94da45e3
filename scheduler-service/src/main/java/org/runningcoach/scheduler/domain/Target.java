package org.runningcoach.scheduler.domain;

/** Target intensity: a heart-rate zone (1–5) and, when the plan has a goal time, a pace in seconds per km. */
public record Target(Integer hrZone, Integer paceSecondsPerKm) {

  public static final Target NONE = new Target(null, null);

  public static Target zone(int zone) {
    return new Target(zone, null);
  }

  public String describe() {
    StringBuilder s = new StringBuilder();
    if (hrZone != null) {
      s.append("HR zone ").append(hrZone);
    }
    if (paceSecondsPerKm != null) {
      s.append(s.length() > 0 ? ", " : "").append(pace(paceSecondsPerKm));
    }
    return s.toString();
  }

  public static String pace(int secondsPerKm) {
    return String.format("%d:%02d/km", secondsPerKm / 60, secondsPerKm % 60);
  }
}
