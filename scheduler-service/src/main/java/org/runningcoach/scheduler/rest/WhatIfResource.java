package org.runningcoach.scheduler.rest;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.runningcoach.events.BodyStateComputed.Directive;
import org.runningcoach.events.BodyStateComputed.Status;
import org.runningcoach.scheduler.domain.AdaptationEngine.LifeEvent;
import org.runningcoach.scheduler.domain.AdaptationEngine.Readiness;
import org.runningcoach.scheduler.domain.PlanInput;
import org.runningcoach.scheduler.rest.PlanViews.WhatIfView;
import org.runningcoach.scheduler.rest.WhatIfRequest.BodyStateInput;
import org.runningcoach.scheduler.rest.WhatIfRequest.LifeEventInput;
import org.runningcoach.scheduler.service.WhatIfService;
import org.runningcoach.support.rest.ProblemException;
import org.runningcoach.support.security.CurrentAthlete;

/**
 * "What would my plan do if…": the changes a hypothetical BodyState or life event would make,
 * with rules and reasons, stored nowhere. A BodyState stands for the latest state of its date, so
 * it replaces whatever state of that date the plan adapted to (a Green one previews the undo).
 */
@Path("/plan/what-if")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class WhatIfResource {

  private final WhatIfService whatIf;
  private final CurrentAthlete athlete;

  public WhatIfResource(WhatIfService whatIf, CurrentAthlete athlete) {
    this.whatIf = whatIf;
    this.athlete = athlete;
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  public Uni<WhatIfView> preview(
      @Valid @NotNull(message = "a JSON body with bodyState or lifeEvent is required") WhatIfRequest r) {
    if ((r.bodyState() == null) == (r.lifeEvent() == null)) {
      throw ProblemException.invalid("bodyState", "give exactly one of bodyState and lifeEvent");
    }
    PlanInput input = r.bodyState() != null ? dayState(r.bodyState()) : life(r.lifeEvent());
    return whatIf.preview(athlete.id(), input)
        .onItem().ifNull().failWith(() -> ProblemException.notFound("You have no training plan yet; POST /plans creates one"))
        .map(WhatIfView::new);
  }

  private static PlanInput dayState(BodyStateInput b) {
    Directive implied = implied(List.of(b.cardio(), b.muscular(), b.skeletal(), b.neural()));
    if (b.directive() != null && b.directive() != implied) {
      throw ProblemException.invalid("bodyState.directive", "is " + b.directive() + ", but these statuses make " + implied
          + " (any Red: RECOVER; any Yellow or two systems without data: MAINTAIN; else PUSH); leave it out or send "
          + implied);
    }
    return new PlanInput.DayState(new Readiness(b.date(), b.cardio(), b.muscular(), b.skeletal(), b.neural()), null);
  }

  /** The readiness synthesis (DESIGN §5.1), only to check a directive the client sends against its statuses. */
  static Directive implied(List<Status> statuses) {
    if (statuses.contains(Status.RED)) {
      return Directive.RECOVER;
    }
    long missing = statuses.stream().filter(s -> s == Status.INSUFFICIENT_DATA).count();
    return statuses.contains(Status.YELLOW) || missing >= 2 ? Directive.MAINTAIN : Directive.PUSH;
  }

  private static PlanInput life(LifeEventInput e) {
    if (e.endDate() != null && e.endDate().isBefore(e.startDate())) {
      throw ProblemException.invalid("lifeEvent.endDate", "is before startDate (" + e.startDate() + ")");
    }
    return new PlanInput.Life(new LifeEvent(e.type(), e.startDate(), e.endDate(), Boolean.TRUE.equals(e.belowNeckSymptoms()),
        Boolean.TRUE.equals(e.fever())), null);
  }
}
