package org.runningcoach.readiness.rest;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import org.runningcoach.readiness.domain.AthleteProfile;
import org.runningcoach.readiness.repository.ProfileRepository;
import org.runningcoach.readiness.repository.ProfileRepository.Profile;
import org.runningcoach.readiness.service.ReadinessService;
import org.runningcoach.support.outbox.Outbox;
import org.runningcoach.support.rest.ProblemException;
import org.runningcoach.support.security.CurrentAthlete;

/**
 * The athlete's profile: physiology (sex, birth year, weight, height), baselines (resting and
 * maximum HR, HRV) and life context (travel, usual stress, usual sleep). Baselines and life
 * context are priors the rules use until the athlete's own history suffices. Saving it
 * recomputes the latest BodyState.
 */
@Path("/profile")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class ProfileResource {

  public record ProfileRequest(
      AthleteProfile.Sex sex,
      @Min(value = 1900, message = "must be between 1900 and 2026") @Max(value = 2026, message = "must be between 1900 and 2026") Integer birthYear,
      @DecimalMin(value = "20", message = "must be between 20 and 300 kg") @DecimalMax(value = "300", message = "must be between 20 and 300 kg") Double weightKg,
      @DecimalMin(value = "100", message = "must be between 100 and 250 cm") @DecimalMax(value = "250", message = "must be between 100 and 250 cm") Double heightCm,
      @Min(value = 25, message = "must be between 25 and 220 bpm") @Max(value = 220, message = "must be between 25 and 220 bpm") Integer restingHr,
      @Min(value = 100, message = "must be between 100 and 250 bpm") @Max(value = 250, message = "must be between 100 and 250 bpm") Integer maxHr,
      @DecimalMin(value = "0", inclusive = false, message = "must be above 0 and at most 300 ms")
          @DecimalMax(value = "300", message = "must be above 0 and at most 300 ms") Double hrvBaselineMs,
      AthleteProfile.HrvMetric hrvBaselineMetric,
      AthleteProfile.TravelFrequency travelFrequency,
      @Min(value = 1, message = "must be between 1 and 10") @Max(value = 10, message = "must be between 1 and 10") Integer stressLevel,
      @DecimalMin(value = "0", message = "must be between 0 and 24 hours") @DecimalMax(value = "24", message = "must be between 0 and 24 hours") Double sleepAvgHours) {}

  private final Pool pool;
  private final Outbox outbox;
  private final ProfileRepository profiles;
  private final ReadinessService readiness;
  private final CurrentAthlete athlete;

  public ProfileResource(Pool pool, Outbox outbox, ProfileRepository profiles, ReadinessService readiness, CurrentAthlete athlete) {
    this.pool = pool;
    this.outbox = outbox;
    this.profiles = profiles;
    this.readiness = readiness;
    this.athlete = athlete;
  }

  @GET
  public Uni<Profile> get() {
    return profiles.find(pool, athlete.id())
        .onItem().ifNull().failWith(() -> ProblemException.notFound("No profile yet: PUT /profile creates it"));
  }

  @PUT
  @Consumes(MediaType.APPLICATION_JSON)
  public Uni<Profile> put(@Valid @NotNull(message = "a JSON profile body is required") ProfileRequest r) {
    if (r.restingHr() != null && r.maxHr() != null && r.maxHr() <= r.restingHr()) {
      throw ProblemException.invalid("maxHr", "must be above restingHr");
    }
    if (r.hrvBaselineMs() != null && r.hrvBaselineMetric() == null) {
      throw ProblemException.invalid("hrvBaselineMetric", "is required with hrvBaselineMs (RMSSD or SDNN)");
    }
    String id = athlete.id();
    Profile profile = new Profile(name(r.sex()), r.birthYear(), r.weightKg(), r.heightCm(), r.restingHr(), r.maxHr(),
        r.hrvBaselineMs(), name(r.hrvBaselineMetric()), name(r.travelFrequency()), r.stressLevel(), r.sleepAvgHours(),
        Instant.now());
    return outbox.inTransaction(tx -> profiles.save(tx, id, profile)
            .flatMap(saved -> tx.preparedQuery("SELECT max(local_date) FROM body_state WHERE athlete_id = $1")
                .execute(io.vertx.mutiny.sqlclient.Tuple.of(id)))
            .flatMap(rows -> {
              var latest = rows.iterator().next().getLocalDate(0);
              return latest == null ? Uni.createFrom().voidItem()
                  : readiness.recompute(tx, id, latest, null).replaceWithVoid();
            }))
        .replaceWith(profile);
  }

  private static String name(Enum<?> e) {
    return e == null ? null : e.name();
  }
}
