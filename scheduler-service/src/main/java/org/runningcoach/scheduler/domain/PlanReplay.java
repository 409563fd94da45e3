package org.runningcoach.scheduler.domain;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * Rebuilds a plan from its generated workouts and its inputs, applied in their original order
 * through {@link AdaptationEngine#apply}, the same call the live path makes. {@code stored} is what
 * keeping a workout does to it (the store rounds distances to 0.1 km), applied after generation and
 * after every input exactly as the live path reads the plan back from its rows, so a replay sees
 * what the engine saw. The engine has no clock and no randomness, so the same inputs on the same
 * plan give the same workouts and the same log.
 */
public final class PlanReplay {

  /** One log entry as the live path writes it: the input's position (1-based), the change, who made it and why. */
  public record Entry(int inputSeq, Change change, boolean byAthlete, UUID causedBy) {}

  public record Result(List<Workout> workouts, List<Entry> log) {}

  private PlanReplay() {}

  public static Result run(AdaptationEngine engine, List<Workout> generated, List<PlanInput> inputs, LocalDate first,
      LocalDate last, UnaryOperator<Workout> stored) {
    List<Workout> plan = generated.stream().map(stored).toList();
    List<Entry> log = new ArrayList<>();
    int seq = 0;
    for (PlanInput input : inputs) {
      seq++;
      Outcome o = engine.apply(plan, input, first, last);
      plan = saved(plan, o, stored);
      for (Change c : o.changes()) {
        log.add(new Entry(seq, c, input.byAthlete(), input.eventId()));
      }
    }
    return new Result(plan, log);
  }

  /** The plan as the store holds it after saving an outcome: the old rows with the saved ones replaced. */
  public static List<Workout> saved(List<Workout> plan, Outcome o, UnaryOperator<Workout> stored) {
    Map<UUID, Workout> updated = new HashMap<>();
    for (Workout w : o.toSave()) {
      updated.put(w.id(), stored.apply(w));
    }
    return plan.stream().map(w -> updated.getOrDefault(w.id(), w)).toList();
  }
}
