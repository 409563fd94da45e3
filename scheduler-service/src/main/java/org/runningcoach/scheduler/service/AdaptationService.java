package org.runningcoach.scheduler.service;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import jakarta.enterprise.context.ApplicationScoped;
import org.runningcoach.events.BodyStateComputed;
import org.runningcoach.events.EventEnvelope;
import org.runningcoach.events.EventType;
import org.runningcoach.events.LifeEventReported;
import org.runningcoach.events.PlanAdapted;
import org.runningcoach.scheduler.domain.AdaptationEngine.LifeEvent;
import org.runningcoach.scheduler.domain.AdaptationEngine.Readiness;
import org.runningcoach.scheduler.domain.Change;
import org.runningcoach.scheduler.domain.PlanInput;
import org.runningcoach.support.outbox.Outbox;

/**
 * Adapts the athlete's active plan to a BodyState or a life event, inside the consumer's
 * transaction: the workouts, the adaptation log and PlanAdapted are written together. Without a
 * plan there is nothing to adapt (the day's readiness is still recorded).
 */
@ApplicationScoped
public class AdaptationService {

  static final String SOURCE = "/scheduler-service";

  private final DayReadinessService days;
  private final PlanStore plans;
  private final Outbox outbox;
  private final Clock clock = Clock.systemUTC();

  public AdaptationService(DayReadinessService days, PlanStore plans, Outbox outbox) {
    this.days = days;
    this.plans = plans;
    this.outbox = outbox;
  }

  public Uni<Void> onBodyState(EventEnvelope<BodyStateComputed> event, SqlConnection tx) {
    BodyStateComputed s = event.data();
    Readiness readiness = new Readiness(s.date(), s.cardio().status(), s.muscular().status(), s.skeletal().status(),
        s.neural().status());
    return days.record(event, tx).flatMap(latest -> latest
        ? adapt(tx, s.athleteId(), s.date(), new PlanInput.DayState(readiness, event.id()))
        : Uni.createFrom().voidItem());
  }

  public Uni<Void> onLifeEvent(EventEnvelope<LifeEventReported> event, SqlConnection tx) {
    LifeEventReported e = event.data();
    LifeEvent life = new LifeEvent(e.type(), e.startDate(), e.endDate(), Boolean.TRUE.equals(e.belowNeckSymptoms()),
        Boolean.TRUE.equals(e.fever()));
    return adapt(tx, e.athleteId(), e.startDate(), new PlanInput.Life(life, event.id()));
  }

  private Uni<Void> adapt(SqlConnection tx, String athleteId, LocalDate date, PlanInput input) {
    return plans.lockActivePlan(tx, athleteId).flatMap(plan -> {
      if (plan == null) {
        return Uni.createFrom().voidItem();
      }
      Instant now = clock.instant();
      return plans.apply(tx, athleteId, plan, input, now)
          .flatMap(outcome -> announce(tx, athleteId, plan.getUUID("id"), date, outcome.changes(), input.eventId(), now));
    });
  }

  private Uni<Void> announce(SqlConnection tx, String athleteId, UUID planId, LocalDate date, List<Change> changes,
      UUID cause, Instant now) {
    if (changes.isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    List<PlanAdapted.Change> items = changes.stream()
        .map(c -> new PlanAdapted.Change(c.workoutId(), c.after().date(), c.before().describe(), c.after().describe(),
            c.rule(), c.reason()))
        .toList();
    var event = EventEnvelope.of(EventType.PLAN_ADAPTED, SOURCE, athleteId, UUID.randomUUID(), now,
        new PlanAdapted(athleteId, planId, date, items, List.of(cause)));
    return outbox.append(tx, EventType.PLAN_ADAPTED, event);
  }
}
