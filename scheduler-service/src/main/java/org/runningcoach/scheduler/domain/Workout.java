package org.runningcoach.scheduler.domain;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.Objects;
import java.util.UUID;

/**
 * One scheduled workout. {@code athleteOwned} marks a workout the athlete skipped, moved or
 * marked done: the engine leaves it alone from then on. {@code hold} is set while a readiness
 * adaptation is in force on it.
 */
public record Workout(
    UUID id,
    LocalDate date,
    Phase phase,
    WorkoutType type,
    Integer durationMin,
    Double distanceKm,
    Target target,
    WorkoutStatus status,
    boolean athleteOwned,
    Hold hold) {

  /**
   * The order the store reads a plan in (by date, then id as PostgreSQL orders uuids: byte by byte,
   * unsigned). The engine works through a plan in this order, so its result does not depend on how
   * a caller happened to hold the workouts.
   */
  public static final Comparator<Workout> STORE_ORDER = Comparator.comparing(Workout::date)
      .thenComparing(Workout::id, (a, b) -> {
        int c = Long.compareUnsigned(a.getMostSignificantBits(), b.getMostSignificantBits());
        return c != 0 ? c : Long.compareUnsigned(a.getLeastSignificantBits(), b.getLeastSignificantBits());
      });

  public Workout {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(date, "date");
    Objects.requireNonNull(type, "type");
    target = target == null ? Target.NONE : target;
    status = status == null ? WorkoutStatus.PLANNED : status;
  }

  public static Workout planned(UUID id, LocalDate date, Phase phase, WorkoutType type, Integer durationMin,
      Double distanceKm, Target target) {
    return new Workout(id, date, phase, type, durationMin, distanceKm, target, WorkoutStatus.PLANNED, false, null);
  }

  /** Still the engine's to change: planned and not taken over by the athlete. */
  public boolean adaptable() {
    return status == WorkoutStatus.PLANNED && !athleteOwned;
  }

  public boolean plannedKey() {
    return status == WorkoutStatus.PLANNED && type.key();
  }

  /** What the athlete sees: everything except the engine's bookkeeping. */
  public boolean sameAs(Workout o) {
    return date.equals(o.date) && type == o.type && Objects.equals(durationMin, o.durationMin)
        && Objects.equals(distanceKm, o.distanceKm) && target.equals(o.target) && status == o.status;
  }

  public Workout withDate(LocalDate d) {
    return new Workout(id, d, phase, type, durationMin, distanceKm, target, status, athleteOwned, hold);
  }

  public Workout withSession(WorkoutType t, Integer minutes, Double km, Target tgt) {
    return new Workout(id, date, phase, t, minutes, km, tgt, status, athleteOwned, hold);
  }

  public Workout withStatus(WorkoutStatus s) {
    return new Workout(id, date, phase, type, durationMin, distanceKm, target, s, athleteOwned, hold);
  }

  public Workout withHold(Hold h) {
    return new Workout(id, date, phase, type, durationMin, distanceKm, target, status, athleteOwned, h);
  }

  public Workout ownedByAthlete() {
    return new Workout(id, date, phase, type, durationMin, distanceKm, target, status, true, null);
  }

  /** Length for the session-spike rule: km when known, otherwise minutes (never mixed in one comparison). */
  public Double length(boolean inKm) {
    if (inKm) {
      return distanceKm;
    }
    return durationMin == null ? null : durationMin.doubleValue();
  }

  /** "Tempo run 8.0 km, 40 min, HR zone 4, 4:30/km (2026-03-02)" — the words the log and events use. */
  public String describe() {
    StringBuilder s = new StringBuilder(type.label());
    if (distanceKm != null) {
      s.append(' ').append(String.format(java.util.Locale.ROOT, "%.1f km", distanceKm));
    }
    if (durationMin != null) {
      s.append(distanceKm != null ? ", " : " ").append(durationMin).append(" min");
    }
    String t = target.describe();
    if (!t.isEmpty()) {
      s.append(", ").append(t);
    }
    s.append(" on ").append(date);
    if (status != WorkoutStatus.PLANNED) {
      s.append(" (").append(status.name().toLowerCase(java.util.Locale.ROOT)).append(')');
    }
    return s.toString();
  }
}
