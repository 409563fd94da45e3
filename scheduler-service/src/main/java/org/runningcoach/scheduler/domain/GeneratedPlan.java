package org.runningcoach.scheduler.domain;

import java.util.List;

/** A generated plan: its weeks (phases, volumes, cutbacks) and one workout per day up to the day before the race. */
public record GeneratedPlan(PlanRequest request, List<PlanWeek> weeks, List<Workout> workouts) {

  public record PhaseSpan(Phase phase, java.time.LocalDate start, java.time.LocalDate end, int weeks) {}

  public List<PhaseSpan> phases() {
    List<PhaseSpan> spans = new java.util.ArrayList<>();
    for (PlanWeek w : weeks) {
      PhaseSpan last = spans.isEmpty() ? null : spans.get(spans.size() - 1);
      if (last != null && last.phase() == w.phase()) {
        spans.set(spans.size() - 1, new PhaseSpan(last.phase(), last.start(), w.end(), last.weeks() + 1));
      } else {
        spans.add(new PhaseSpan(w.phase(), w.start(), w.end(), 1));
      }
    }
    return spans;
  }
}
