package org.runningcoach.scheduler.domain;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Builds a periodised plan (Base → Build → Peak → Taper) from a goal race. Weeks are counted back
 * from the race, so the last week ends the day before it and the first may be partial. Volume
 * grows at most {@code growth} a week and never above 110 % of anything done before; every
 * fourth week is a cutback; the taper cuts volume 41–60 % and keeps the intensity sessions.
 * The long run and the key sessions sit on weekdays that are never next to each other.
 */
public final class PlanGenerator {

  public static final int MAX_WEEKS = 52;
  public static final int MIN_AVAILABLE_DAYS = 3;
  static final double GROWTH = 0.10;
  static final double CUTBACK = 0.75;
  static final double SPIKE = 0.10;
  static final double MAX_WEEKLY_KM = 250;

  public GeneratedPlan generate(PlanRequest r, Supplier<UUID> ids) {
    validate(r);
    int days = (int) ChronoUnit.DAYS.between(r.startDate(), r.raceDate());
    int weeks = (days + 6) / 7;
    int[] sizes = phaseSizes(r.distance(), weeks);
    List<PlanWeek> plan = weeks(r, weeks, sizes);
    List<DayOfWeek> keyDays = keyDays(r.availableDays(), r.longRunDay());
    List<Workout> workouts = new ArrayList<>();
    for (PlanWeek w : plan) {
      layOut(r, w, keyDays, plan.size(), workouts, ids);
    }
    return new GeneratedPlan(r, plan, List.copyOf(workouts));
  }

  /**
   * Workout ids derived from the plan's id (the n-th generated workout gets the same id every
   * time), so regenerating a plan from its request gives back the workouts its inputs name.
   */
  public static Supplier<UUID> idsFor(UUID planId) {
    int[] n = {0};
    return () -> {
      String name = planId + "/" + n[0]++; // ASCII only: one byte per char
      byte[] bytes = new byte[name.length()];
      for (int i = 0; i < bytes.length; i++) {
        bytes[i] = (byte) name.charAt(i);
      }
      return UUID.nameUUIDFromBytes(bytes);
    };
  }

  /** Weeks of Base, Build, Peak and Taper for a plan of {@code weeks} weeks. */
  public static int[] phaseSizes(Distance d, int weeks) {
    int taper = d.taperWeeks();
    int rest = weeks - taper;
    int peak = Math.max(1, Math.min(3, (int) Math.round(rest * 0.2)));
    int build = Math.max(1, (int) Math.round(rest * 0.35));
    int base = rest - peak - build;
    return new int[] {base, build, peak, taper};
  }

  private static void validate(PlanRequest r) {
    require(r.raceDate() != null, "raceDate", "is required");
    require(r.distance() != null, "distance", "is required (one of FIVE_K, TEN_K, HALF, MARATHON)");
    require(r.startDate() != null, "startDate", "is required");
    require(r.unit() != null, "currentWeeklyKm", "is required (or currentWeeklyMinutes)");
    require(r.availableDays() != null && r.availableDays().size() >= MIN_AVAILABLE_DAYS, "availableDays",
        "needs at least " + MIN_AVAILABLE_DAYS + " days a week (a long run, a key session and an easy run)");
    require(r.longRunDay() != null, "longRunDay", "is required");
    require(r.availableDays().contains(r.longRunDay()), "longRunDay",
        "is " + r.longRunDay() + ", which is not one of the availableDays");
    require(r.raceDate().isAfter(r.startDate()), "raceDate", "must be after startDate (" + r.startDate() + ")");
    long days = ChronoUnit.DAYS.between(r.startDate(), r.raceDate());
    long fullWeeks = days / 7;
    require(fullWeeks >= r.distance().minWeeks(), "raceDate",
        "is only " + fullWeeks + " full weeks after " + r.startDate() + "; a " + r.distance() + " plan needs at least "
            + r.distance().minWeeks() + " weeks");
    require((days + 6) / 7 <= MAX_WEEKS, "raceDate", "is more than " + MAX_WEEKS + " weeks away; start the plan later");
    double max = r.unit() == VolumeUnit.KM ? MAX_WEEKLY_KM : MAX_WEEKLY_KM * Distance.EASY_MINUTES_PER_KM;
    String unit = r.unit() == VolumeUnit.KM ? "km" : "minutes";
    require(r.currentWeeklyVolume() > 0 && r.currentWeeklyVolume() <= max, r.volumeField(),
        "must be more than 0 and at most " + (int) max + " " + unit + " a week");
    double min = r.distance().minWeekly(r.unit());
    require(r.currentWeeklyVolume() >= min, r.volumeField(),
        fmt(r.currentWeeklyVolume()) + " " + unit + " a week is too little to build to a " + r.distance()
            + " safely; run at least " + fmt(min) + " " + unit + " a week first, or pick a shorter race");
    if (r.goalTimeSeconds() != null) {
      double pace = r.goalTimeSeconds() / r.distance().km();
      require(pace >= 150 && pace <= 720, "goalTime",
          "means " + Target.pace((int) Math.round(pace)) + " for a " + r.distance()
              + "; a goal pace must lie between 2:30/km and 12:00/km");
    }
    require(!keyDays(r.availableDays(), r.longRunDay()).isEmpty(), "availableDays",
        "leave no day for a key session that is not next to the long run on " + r.longRunDay()
            + "; add a day at least two days away from it");
  }

  private static List<PlanWeek> weeks(PlanRequest r, int weeks, int[] sizes) {
    List<PlanWeek> out = new ArrayList<>();
    int nonTaper = weeks - sizes[3];
    double start = r.currentWeeklyVolume();
    double ceiling = Math.max(start, r.distance().peakCeiling(r.unit()));
    double level = start;
    double peakVolume = start;
    for (int i = 0; i < weeks; i++) {
      LocalDate end = r.raceDate().minusDays(1 + 7L * (weeks - 1 - i));
      LocalDate begin = end.minusDays(6).isBefore(r.startDate()) ? r.startDate() : end.minusDays(6);
      Phase phase = i < sizes[0] ? Phase.BASE : i < sizes[0] + sizes[1] ? Phase.BUILD
          : i < nonTaper ? Phase.PEAK : Phase.TAPER;
      double volume;
      boolean cutback = false;
      if (phase == Phase.TAPER) {
        int t = i - nonTaper;
        double factor = sizes[3] == 1 ? 0.50 : (t == 0 ? 0.55 : 0.45);
        volume = peakVolume * factor;
      } else if ((i + 1) % 4 == 0 && i < nonTaper - 1) {
        cutback = true;
        volume = level * CUTBACK;
      } else {
        if (i > 0 && phase != Phase.PEAK) {
          level = round(Math.min(level * (1 + GROWTH), ceiling), r.unit());
        }
        volume = level;
        peakVolume = Math.max(peakVolume, level);
      }
      out.add(new PlanWeek(i + 1, phase, begin, end, round(volume, r.unit()), cutback));
    }
    return out;
  }

  /**
   * Weekdays for the key sessions: as far from the long run day as possible, never next to it or
   * to each other (the week wraps, so Sunday is next to Monday). At most two.
   */
  public static List<DayOfWeek> keyDays(java.util.Set<DayOfWeek> available, DayOfWeek longRun) {
    List<DayOfWeek> candidates = new ArrayList<>();
    for (DayOfWeek d : available) {
      if (circular(d, longRun) > 1) {
        candidates.add(d);
      }
    }
    // candidates in week order after the long run, so ties go to the earlier day
    candidates.sort(java.util.Comparator.comparingInt(d -> offset(longRun, d)));
    List<DayOfWeek> best = List.of();
    int bestSpread = -1;
    for (int i = 0; i < candidates.size(); i++) {
      DayOfWeek a = candidates.get(i);
      if (best.size() < 2 && circular(a, longRun) > bestSpread) {
        best = List.of(a);
        bestSpread = circular(a, longRun);
      }
      for (int j = i + 1; j < candidates.size(); j++) {
        DayOfWeek b = candidates.get(j);
        if (circular(a, b) > 1) {
          int spread = Math.min(circular(a, longRun), Math.min(circular(b, longRun), circular(a, b)));
          if (best.size() < 2 || spread > bestSpread) {
            best = List.of(a, b);
            bestSpread = spread;
          }
        }
      }
    }
    return best;
  }

  private static int offset(DayOfWeek from, DayOfWeek to) {
    return (to.getValue() - from.getValue() + 7) % 7;
  }

  static int circular(DayOfWeek a, DayOfWeek b) {
    int diff = Math.abs(a.getValue() - b.getValue());
    return Math.min(diff, 7 - diff);
  }

  private void layOut(PlanRequest r, PlanWeek week, List<DayOfWeek> keyDays, int weekCount, List<Workout> out,
      Supplier<UUID> ids) {
    int keyCount = week.phase() == Phase.BASE || week.phase() == Phase.TAPER || week.cutback() ? 1 : 2;
    List<DayOfWeek> usedKeys = keyDays.subList(0, Math.min(keyCount, keyDays.size()));
    boolean raceWeek = week.index() == weekCount;
    Map<DayOfWeek, WorkoutType> types = new EnumMap<>(DayOfWeek.class);
    for (DayOfWeek d : DayOfWeek.values()) {
      WorkoutType t;
      if (!r.availableDays().contains(d)) {
        t = WorkoutType.REST;
      } else if (d == r.longRunDay()) {
        t = WorkoutType.LONG;
      } else if (usedKeys.contains(d)) {
        t = keyType(r.distance(), week, usedKeys.indexOf(d), usedKeys.size());
      } else if (d == r.longRunDay().plus(1)) {
        t = WorkoutType.RECOVERY;
      } else {
        t = WorkoutType.EASY;
      }
      types.put(d, t);
    }
    // Weights share the week's volume over the whole week; a partial first week gets only its days' share.
    double total = 0;
    for (WorkoutType t : types.values()) {
      total += weight(t);
    }
    double longCap = r.distance().maxLongRun(r.unit());
    double longShare = week.volume() * weight(WorkoutType.LONG) / total;
    double spill = Math.max(0, longShare - longCap);
    long easyDays = types.values().stream().filter(t -> t == WorkoutType.EASY).count();
    for (LocalDate date = week.start(); !date.isAfter(week.end()); date = date.plusDays(1)) {
      WorkoutType t = types.get(date.getDayOfWeek());
      if (raceWeek && t.key() && !date.isBefore(r.raceDate().minusDays(2))) {
        t = WorkoutType.EASY; // nothing hard in the last two days before the race
      }
      if (t == WorkoutType.REST) {
        out.add(Workout.planned(ids.get(), date, week.phase(), t, null, null, Target.NONE));
        continue;
      }
      double amount = week.volume() * weight(t) / total;
      if (t == WorkoutType.LONG) {
        amount = Math.min(amount, longCap);
      } else if (t == WorkoutType.EASY && easyDays > 0) {
        amount += spill / easyDays;
      }
      amount = Math.min(amount, spikeCap(out, date, r.unit()));
      out.add(session(r, week.phase(), t, date, round(amount, r.unit()), ids.get()));
    }
  }

  private static WorkoutType keyType(Distance d, PlanWeek week, int index, int count) {
    if (count == 2) {
      return index == 0 ? WorkoutType.INTERVALS : WorkoutType.TEMPO;
    }
    if (week.phase() == Phase.TAPER && (d == Distance.FIVE_K || d == Distance.TEN_K)) {
      return WorkoutType.INTERVALS;
    }
    return WorkoutType.TEMPO;
  }

  static double weight(WorkoutType t) {
    return switch (t) {
      case LONG -> 3.0;
      case TEMPO, INTERVALS -> 1.5;
      case EASY -> 1.0;
      case RECOVERY -> 0.6;
      default -> 0;
    };
  }

  /** Session-spike guard: no run more than 10 % longer than the longest of the previous 30 days. */
  private static double spikeCap(List<Workout> earlier, LocalDate date, VolumeUnit unit) {
    double longest = RunHistory.longest(earlier, date, unit == VolumeUnit.KM);
    return longest <= 0 ? Double.MAX_VALUE : longest * (1 + SPIKE);
  }

  private static Workout session(PlanRequest r, Phase phase, WorkoutType t, LocalDate date, double amount, UUID id) {
    Integer pace = pace(r, t);
    Target target = new Target(zone(t), pace);
    if (r.unit() == VolumeUnit.KM) {
      Integer minutes = pace == null ? null : (int) Math.round(amount * pace / 60.0);
      return Workout.planned(id, date, phase, t, minutes, amount, target);
    }
    return Workout.planned(id, date, phase, t, (int) amount, null, target);
  }

  public static int zone(WorkoutType t) {
    return switch (t) {
      case RECOVERY -> 1;
      case TEMPO, MAINTENANCE_INTERVALS -> 4;
      case INTERVALS -> 5;
      default -> 2;
    };
  }

  private static Integer pace(PlanRequest r, WorkoutType t) {
    if (r.goalTimeSeconds() == null) {
      return null;
    }
    double race = r.goalTimeSeconds() / r.distance().km();
    double threshold = race * switch (r.distance()) {
      case FIVE_K -> 1.07;
      case TEN_K -> 1.03;
      case HALF -> 0.98;
      case MARATHON -> 0.93;
    };
    double factor = switch (t) {
      case EASY -> 1.30;
      case LONG -> 1.25;
      case RECOVERY -> 1.40;
      case TEMPO -> 1.00;
      case INTERVALS -> 0.92;
      case MAINTENANCE_INTERVALS -> 0.95;
      default -> 1.35;
    };
    return (int) Math.round(threshold * factor);
  }

  static double round(double v, VolumeUnit unit) {
    return unit == VolumeUnit.KM ? Math.floor(v * 10 + 1e-9) / 10 : Math.floor(v + 1e-9);
  }

  private static String fmt(double v) {
    return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
  }

  private static void require(boolean ok, String field, String message) {
    if (!ok) {
      throw new PlanException(field, message);
    }
  }
}
