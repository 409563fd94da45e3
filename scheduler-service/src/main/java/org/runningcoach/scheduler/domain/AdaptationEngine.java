package org.runningcoach.scheduler.domain;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.runningcoach.events.BodyStateComputed.Status;
import org.runningcoach.events.LifeEventReported.LifeEventType;

/**
 * Adapts a plan to the athlete's readiness and life events (DESIGN §5.2). Every function takes
 * the plan's workouts and returns what changed, each change with its rule and a reason. The
 * engine never touches a workout the athlete skipped, moved or marked done.
 */
public final class AdaptationEngine {

  /** The statuses of one day's BodyState. */
  public record Readiness(LocalDate date, Status cardio, Status muscular, Status skeletal, Status neural) {

    Status overall() {
      List<Status> all = List.of(cardio, muscular, skeletal, neural);
      return all.contains(Status.RED) ? Status.RED : all.contains(Status.YELLOW) ? Status.YELLOW : Status.GREEN;
    }
  }

  /** A reported illness, trip or injury; {@code end} may be open. */
  public record LifeEvent(LifeEventType type, LocalDate start, LocalDate end, boolean belowNeckSymptoms, boolean fever) {}

  private record Applied(String rule, String reason) {}

  private final AdaptationRules rules;

  public AdaptationEngine(AdaptationRules rules) {
    this.rules = rules;
  }

  // ---------------------------------------------------------------- one input

  /**
   * Applies one input to a plan whose days run from {@code first} to {@code last}: the single entry
   * point of the live path, the what-if and the replay. The plan is put in {@link Workout#STORE_ORDER}
   * first, so the result does not depend on the order the caller holds the workouts in. The
   * athlete's changes throw {@link PlanException} when they cannot be honoured (nothing applied).
   */
  public Outcome apply(List<Workout> plan, PlanInput input, LocalDate first, LocalDate last) {
    List<Workout> ordered = plan.stream().sorted(Workout.STORE_ORDER).toList();
    if (input instanceof PlanInput.DayState s) {
      return onReadiness(ordered, s.readiness());
    }
    if (input instanceof PlanInput.Life l) {
      return onLifeEvent(ordered, l.event());
    }
    List<Change> changes;
    if (input instanceof PlanInput.Skip s) {
      changes = single(skip(find(ordered, s.workoutId())));
    } else if (input instanceof PlanInput.Done d) {
      changes = single(done(find(ordered, d.workoutId())));
    } else {
      PlanInput.Move m = (PlanInput.Move) input;
      changes = move(ordered, find(ordered, m.workoutId()), m.toDate(), first, last);
    }
    Map<UUID, Workout> state = new LinkedHashMap<>(byId(ordered));
    for (Change c : changes) {
      state.put(c.workoutId(), c.after());
    }
    List<Workout> all = new ArrayList<>(state.values());
    all.sort(Comparator.comparing(Workout::date));
    return new Outcome(all, changes, changes.stream().map(Change::after).toList());
  }

  private static Workout find(List<Workout> plan, UUID id) {
    return plan.stream().filter(w -> w.id().equals(id)).findFirst()
        .orElseThrow(() -> new PlanException(PlanException.Kind.NOT_FOUND, "id", "No workout " + id + " in your current plan"));
  }

  private static List<Change> single(Change c) {
    return c == null ? List.of() : List.of(c);
  }

  // ---------------------------------------------------------------- readiness

  /**
   * Applies the readiness of a day. The latest state of the day wins: whatever an earlier state
   * of the same day changed is put back first, then the new state's rules run, and only the net
   * difference is reported (so Red → Green reports the undo, Red → Red reports nothing).
   */
  public Outcome onReadiness(List<Workout> plan, Readiness r) {
    Map<UUID, Workout> original = byId(plan);
    Map<UUID, Workout> state = new LinkedHashMap<>(original);
    List<UUID> reverted = new ArrayList<>();
    for (Workout w : original.values()) {
      if (w.hold() != null && w.hold().readinessDate().equals(r.date()) && !w.athleteOwned()) {
        state.put(w.id(), w.hold().before().withHold(null));
        reverted.add(w.id());
      }
    }
    // The plan may have moved on since (the athlete's changes, a later day's adaptation): a
    // session whose old day is now taken, or (a key session) next to another key session, is
    // restored where it stands rather than stacked or put back to back. Key sessions go first.
    reverted.sort(Comparator.comparing((UUID id) -> !state.get(id).type().key()));
    for (UUID id : reverted) {
      Workout w = state.get(id);
      boolean occupied = w.type() != WorkoutType.REST && state.values().stream()
          .anyMatch(o -> !o.id().equals(id) && o.date().equals(w.date()) && o.type() != WorkoutType.REST);
      boolean backToBack = w.plannedKey() && state.values().stream().anyMatch(o -> !o.id().equals(id) && o.plannedKey()
          && (o.date().equals(w.date().minusDays(1)) || o.date().equals(w.date().plusDays(1))));
      if (occupied || backToBack) {
        Workout before = original.get(id);
        // moved: the session comes back where it stands; dropped in place: it stays dropped
        state.put(id, before.date().equals(w.date()) ? before : w.withDate(before.date()));
      }
    }
    Map<UUID, Applied> applied = new HashMap<>();
    Status overall = r.overall();
    if (overall == Status.RED) {
      applyRed(state, r, applied);
    } else if (overall == Status.YELLOW) {
      applyYellow(state, r, applied);
    }
    String undoReason = "Readiness on " + r.date() + " is now " + word(overall)
        + " (the latest state of the day wins): put back as planned.";
    return diff(original, state, applied, new Applied("adapt.undo", undoReason));
  }

  private void applyRed(Map<UUID, Workout> state, Readiness r, Map<UUID, Applied> applied) {
    boolean rest = r.muscular() == Status.RED || r.skeletal() == Status.RED;
    String cause = rest ? cause(r, Status.RED, "muscular", "skeletal") : cause(r, Status.RED, "cardio", "neural");
    String rule = rest ? "adapt.red.rest" : "adapt.red.recovery";
    String today = rest ? "Rest today due to " + cause + "." : "Active recovery today due to " + cause + ".";
    List<Workout> todays = state.values().stream()
        .filter(w -> w.date().equals(r.date()) && w.adaptable() && w.type() != WorkoutType.REST)
        .sorted(Comparator.comparing((Workout w) -> !w.type().key()))
        .toList();
    for (Workout w : todays) {
      if (!rest && w.type() == WorkoutType.RECOVERY) {
        continue;
      }
      Hold hold = new Hold(r.date(), w.withHold(null));
      if (w.type().key()) {
        Workout slot = findSlot(state, w);
        if (slot != null) {
          state.put(w.id(), w.withDate(slot.date()).withHold(hold));
          state.put(slot.id(), relieve(slot.withDate(r.date()), rest).withHold(new Hold(r.date(), slot.withHold(null))));
          applied.put(w.id(), new Applied("adapt.red.move", w.type().label() + " moved from " + r.date() + " to "
              + slot.date() + " due to " + cause + " (the next day that is not next to another key session)."));
          applied.put(slot.id(), new Applied(rule, today));
          continue;
        }
        state.put(w.id(), relieve(w, rest).withHold(hold));
        applied.put(w.id(), new Applied("adapt.red.drop", today + " The " + w.type().label().toLowerCase()
            + " could not move (no free day before the next key session that is not next to a key day and keeps "
            + "the run within " + percent(rules.spikeLimit()) + " of the longest of the previous 30 days), "
            + "so it is dropped, not stacked."));
        continue;
      }
      state.put(w.id(), relieve(w, rest).withHold(hold));
      applied.put(w.id(), new Applied(rule, today));
    }
  }

  /**
   * The next available slot for a key session moved off a Red day: an easy or recovery day after
   * it, before the next key session and within the move window, not next to another key day, and
   * where the run passes the session-spike guard. Null when there is none.
   */
  Workout findSlot(Map<UUID, Workout> state, Workout key) {
    LocalDate from = key.date();
    LocalDate limit = from.plusDays(rules.moveWindowDays() + 1L);
    for (Workout w : state.values()) {
      if (!w.id().equals(key.id()) && w.plannedKey() && w.date().isAfter(from) && w.date().isBefore(limit)) {
        limit = w.date();
      }
    }
    List<Workout> others = state.values().stream().filter(w -> !w.id().equals(key.id())).toList();
    for (LocalDate d = from.plusDays(1); d.isBefore(limit); d = d.plusDays(1)) {
      LocalDate day = d;
      List<Workout> onDay = others.stream().filter(w -> w.date().equals(day)).toList();
      Workout candidate = onDay.stream()
          .filter(w -> w.adaptable() && w.hold() == null
              && (w.type() == WorkoutType.EASY || w.type() == WorkoutType.RECOVERY))
          .findFirst().orElse(null);
      if (candidate == null || onDay.stream().anyMatch(Workout::plannedKey)) {
        continue;
      }
      boolean nextToKey = others.stream().anyMatch(w -> w.plannedKey()
          && (w.date().equals(day.minusDays(1)) || w.date().equals(day.plusDays(1))));
      if (nextToKey || spikes(others, key, day)) {
        continue;
      }
      return candidate;
    }
    return null;
  }

  private boolean spikes(List<Workout> others, Workout run, LocalDate day) {
    boolean inKm = run.distanceKm() != null;
    Double length = run.length(inKm);
    if (length == null) {
      return false;
    }
    double longest = RunHistory.longest(others, day, inKm);
    return longest > 0 && length > longest * (1 + rules.spikeLimit()) + 1e-9;
  }

  private Workout relieve(Workout w, boolean rest) {
    if (rest) {
      return w.withSession(WorkoutType.REST, null, null, Target.NONE);
    }
    int minutes = w.durationMin() == null ? rules.recoveryMinutes() : Math.min(w.durationMin(), rules.recoveryMinutes());
    return w.withSession(WorkoutType.RECOVERY, minutes, null, Target.zone(PlanGenerator.zone(WorkoutType.RECOVERY)));
  }

  private void applyYellow(Map<UUID, Workout> state, Readiness r, Map<UUID, Applied> applied) {
    boolean intensity = r.cardio() == Status.YELLOW || r.neural() == Status.YELLOW;
    boolean volume = r.muscular() == Status.YELLOW || r.skeletal() == Status.YELLOW;
    for (Workout w : List.copyOf(state.values())) {
      if (!w.date().equals(r.date()) || !w.adaptable() || w.type() == WorkoutType.REST) {
        continue;
      }
      Workout n = w;
      List<String> ruleNames = new ArrayList<>();
      List<String> reasons = new ArrayList<>();
      if (intensity) {
        Target t = w.target();
        Integer zone = t.hrZone() == null ? null : Math.max(1, t.hrZone() - 1);
        Integer pace = t.paceSecondsPerKm() == null ? null
            : (int) Math.round(t.paceSecondsPerKm() / (1 - rules.yellowIntensityCut()));
        n = n.withSession(n.type(), n.durationMin(), n.distanceKm(), new Target(zone, pace));
        ruleNames.add("adapt.yellow.intensity");
        reasons.add("Reduced intensity by " + percent(rules.yellowIntensityCut()) + " due to "
            + cause(r, Status.YELLOW, "cardio", "neural") + ".");
      }
      if (volume) {
        double keep = 1 - rules.yellowVolumeCut();
        Integer minutes = n.durationMin() == null ? null : (int) Math.floor(n.durationMin() * keep);
        Double km = n.distanceKm() == null ? null : Math.floor(n.distanceKm() * keep * 10 + 1e-9) / 10;
        n = n.withSession(n.type(), minutes, km, n.target());
        ruleNames.add("adapt.yellow.volume");
        reasons.add("Reduced volume by " + percent(rules.yellowVolumeCut()) + " due to "
            + cause(r, Status.YELLOW, "muscular", "skeletal") + ".");
      }
      state.put(w.id(), n.withHold(new Hold(r.date(), w.withHold(null))));
      applied.put(w.id(), new Applied(String.join("+", ruleNames), String.join(" ", reasons)));
    }
  }

  private static String cause(Readiness r, Status status, String... systems) {
    List<String> parts = new ArrayList<>();
    for (String s : systems) {
      Status st = switch (s) {
        case "cardio" -> r.cardio();
        case "muscular" -> r.muscular();
        case "skeletal" -> r.skeletal();
        default -> r.neural();
      };
      if (st == status) {
        String what = switch (s) {
          case "cardio" -> "cardio strain";
          case "muscular" -> "muscle fatigue";
          case "skeletal" -> "skeletal load";
          default -> "CNS fatigue";
        };
        parts.add(what + " (" + s + " " + word(status) + ")");
      }
    }
    return String.join(" and ", parts);
  }

  // ---------------------------------------------------------------- life events

  /** Sick, travelling or injured: the protocols of DESIGN §5.2 and notes/science.md. These changes are not undone. */
  public Outcome onLifeEvent(List<Workout> plan, LifeEvent e) {
    Map<UUID, Workout> original = byId(plan);
    Map<UUID, Workout> state = new LinkedHashMap<>(original);
    Map<UUID, Applied> applied = new HashMap<>();
    switch (e.type()) {
      case SICK -> {
        LocalDate until = sickUntil(e);
        String why = "Sick from " + e.start() + symptoms(e) + ": no running until " + until + ".";
        for (Workout w : within(state, e.start(), until)) {
          if (w.type() != WorkoutType.REST) {
            state.put(w.id(), w.withSession(WorkoutType.REST, null, null, Target.NONE).withHold(null));
            applied.put(w.id(), new Applied("life.sick.clear", why + " Rest."));
          }
        }
        returnToRun(state, until.plusDays(1), "life.sick", "illness", applied);
      }
      case TRAVEL -> {
        LocalDate end = e.end() == null ? e.start() : e.end();
        for (Workout w : within(state, e.start(), end)) {
          if (w.type() == WorkoutType.LONG) {
            int minutes = w.durationMin() == null ? rules.maintenanceMinutes()
                : Math.min(w.durationMin(), rules.maintenanceMinutes());
            state.put(w.id(), w.withSession(WorkoutType.MAINTENANCE_INTERVALS, minutes, null,
                Target.zone(PlanGenerator.zone(WorkoutType.MAINTENANCE_INTERVALS))).withHold(null));
            applied.put(w.id(), new Applied("life.travel.maintenance", "Travelling " + e.start() + " to " + end
                + ": long run replaced by " + minutes + " min maintenance intervals (warm-up, 6 × 2 min hard "
                + "with 2 min easy, cool-down): short, intense, time-efficient."));
          }
        }
      }
      case INJURY -> {
        LocalDate until = e.end() == null ? e.start().plusDays(rules.injuryDefaultDays() - 1L) : e.end();
        String why = "Injured from " + e.start() + ": no running until " + until
            + (e.end() == null ? " (no end date given: " + rules.injuryDefaultDays() + " days)" : "") + ".";
        for (Workout w : within(state, e.start(), until)) {
          if (!w.type().running()) {
            continue;
          }
          if (w.type() == WorkoutType.RECOVERY || w.type() == WorkoutType.RETURN_TO_RUN) {
            state.put(w.id(), w.withSession(WorkoutType.REST, null, null, Target.NONE).withHold(null));
            applied.put(w.id(), new Applied("life.injury.rest", why + " Rest."));
          } else {
            int minutes = w.durationMin() != null ? w.durationMin()
                : (int) Math.round((w.distanceKm() == null ? 7.5 : w.distanceKm()) * Distance.EASY_MINUTES_PER_KM);
            state.put(w.id(), w.withSession(WorkoutType.CROSS_TRAINING, minutes, null, Target.zone(2)).withHold(null));
            applied.put(w.id(), new Applied("life.injury.cross-training", why + " Cross-training (bike, pool, "
                + "elliptical) for " + minutes + " min instead."));
          }
        }
        returnToRun(state, until.plusDays(1), "life.injury", "injury", applied);
      }
      default -> throw new IllegalArgumentException("unknown life event " + e.type());
    }
    return diff(original, state, applied, null);
  }

  /** The last day without running: 3 days at least, the whole illness, and 2 symptom-free days after chest symptoms or fever. */
  public LocalDate sickUntil(LifeEvent e) {
    LocalDate until = e.start().plusDays(rules.sickMinDays() - 1L);
    if (e.end() != null && e.end().isAfter(until)) {
      until = e.end();
    }
    if (e.belowNeckSymptoms() || e.fever()) {
      LocalDate symptomFree = (e.end() == null ? until : e.end()).plusDays(rules.symptomFreeDays());
      if (symptomFree.isAfter(until)) {
        until = symptomFree;
      }
    }
    return until;
  }

  private static String symptoms(LifeEvent e) {
    if (e.fever() && e.belowNeckSymptoms()) {
      return " (fever, symptoms below the neck)";
    }
    return e.fever() ? " (fever)" : e.belowNeckSymptoms() ? " (symptoms below the neck)" : "";
  }

  /**
   * Graded return from {@code from}: the next runs become short easy return-to-run sessions (so
   * no key session comes before them), and the rest of that first week is capped below what was
   * planned.
   */
  private void returnToRun(Map<UUID, Workout> state, LocalDate from, String prefix, String after,
      Map<UUID, Applied> applied) {
    List<Workout> runs = state.values().stream()
        .filter(w -> w.adaptable() && w.type().running() && !w.date().isBefore(from))
        .sorted(Comparator.comparing(Workout::date))
        .toList();
    List<Integer> grades = rules.returnRunMinutes();
    LocalDate weekEnd = from.plusDays(6);
    int n = 0;
    for (Workout w : runs) {
      if (n < grades.size()) {
        int minutes = w.durationMin() == null ? grades.get(n) : Math.min(w.durationMin(), grades.get(n));
        state.put(w.id(), w.withSession(WorkoutType.RETURN_TO_RUN, minutes, null, Target.zone(2)).withHold(null));
        applied.put(w.id(), new Applied(prefix + ".return-to-run", "Return to run " + (n + 1) + " of " + grades.size()
            + " after " + after + ": easy " + minutes + " min; no key session until these are done."));
        n++;
      } else if (!w.date().isAfter(weekEnd)) {
        double cap = rules.returnLoadCap();
        Integer minutes = w.durationMin() == null ? null : (int) Math.floor(w.durationMin() * cap);
        Double km = w.distanceKm() == null ? null : Math.floor(w.distanceKm() * cap * 10 + 1e-9) / 10;
        state.put(w.id(), w.withSession(w.type(), minutes, km, w.target()).withHold(null));
        applied.put(w.id(), new Applied(prefix + ".load-cap", "First week back after " + after + ": volume capped at "
            + percent(cap) + " of the plan."));
      } else {
        break;
      }
    }
  }

  private static List<Workout> within(Map<UUID, Workout> state, LocalDate from, LocalDate to) {
    return state.values().stream()
        .filter(w -> w.adaptable() && !w.date().isBefore(from) && !w.date().isAfter(to))
        .toList();
  }

  // ---------------------------------------------------------------- the athlete's own changes

  public Change skip(Workout w) {
    if (w.status() == WorkoutStatus.DONE) {
      throw new PlanException(PlanException.Kind.CONFLICT, "id", "is already marked done; it cannot be skipped");
    }
    if (w.status() == WorkoutStatus.SKIPPED) {
      return null;
    }
    return new Change(w, w.withStatus(WorkoutStatus.SKIPPED).ownedByAthlete(), "athlete.skip",
        "Skipped by the athlete; missed sessions are not made up.");
  }

  public Change done(Workout w) {
    if (w.status() == WorkoutStatus.DONE) {
      return null;
    }
    return new Change(w, w.withStatus(WorkoutStatus.DONE).ownedByAthlete(), "athlete.done", "Marked done by the athlete.");
  }

  /**
   * Moves a planned workout to another day of the plan. A rest day there swaps places with it; a
   * planned session there is a conflict (skip or move that one first).
   */
  public List<Change> move(List<Workout> plan, Workout w, LocalDate to, LocalDate first, LocalDate last) {
    if (w.status() != WorkoutStatus.PLANNED) {
      throw new PlanException(PlanException.Kind.CONFLICT, "id",
          "is " + w.status().name().toLowerCase() + "; only a planned workout can move");
    }
    if (to.isBefore(first) || to.isAfter(last)) {
      throw new PlanException("toDate", "is outside the plan (" + first + " to " + last + ")");
    }
    if (to.equals(w.date())) {
      return List.of();
    }
    List<Change> changes = new ArrayList<>();
    for (Workout other : plan) {
      if (other.id().equals(w.id()) || !other.date().equals(to)) {
        continue;
      }
      if (other.status() == WorkoutStatus.PLANNED && other.type() != WorkoutType.REST) {
        throw new PlanException(PlanException.Kind.CONFLICT, "toDate",
            "already has a " + other.type().label().toLowerCase() + " planned; skip or move it first");
      }
      if (other.type() == WorkoutType.REST && other.status() == WorkoutStatus.PLANNED) {
        changes.add(new Change(other, other.withDate(w.date()).withHold(null), "athlete.move",
            "Rest day swapped with the workout the athlete moved."));
      }
    }
    changes.add(0, new Change(w, w.withDate(to).ownedByAthlete(), "athlete.move",
        "Moved by the athlete from " + w.date() + " to " + to + "."));
    return changes;
  }

  // ---------------------------------------------------------------- helpers

  private static Map<UUID, Workout> byId(List<Workout> plan) {
    Map<UUID, Workout> m = new LinkedHashMap<>();
    for (Workout w : plan) {
      m.put(w.id(), w);
    }
    return m;
  }

  private static Outcome diff(Map<UUID, Workout> original, Map<UUID, Workout> state, Map<UUID, Applied> applied,
      Applied fallback) {
    List<Change> changes = new ArrayList<>();
    List<Workout> toSave = new ArrayList<>();
    for (Workout o : original.values()) {
      Workout n = state.get(o.id());
      if (o.equals(n)) {
        continue;
      }
      toSave.add(n);
      if (!o.sameAs(n)) {
        Applied a = applied.getOrDefault(o.id(), fallback);
        if (a != null) {
          changes.add(new Change(o, n, a.rule(), a.reason()));
        }
      }
    }
    changes.sort(Comparator.comparing((Change c) -> c.after().date()).thenComparing(c -> c.before().date()));
    List<Workout> all = new ArrayList<>(state.values());
    all.sort(Comparator.comparing(Workout::date));
    return new Outcome(all, changes, toSave);
  }

  private static String word(Status s) {
    return switch (s) {
      case RED -> "Red";
      case YELLOW -> "Yellow";
      case GREEN -> "Green";
      default -> "insufficient data";
    };
  }

  private static String percent(double share) {
    return Math.round(share * 100) + " %";
  }
}
