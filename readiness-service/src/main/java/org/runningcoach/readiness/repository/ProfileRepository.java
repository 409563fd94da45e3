package org.runningcoach.readiness.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import org.runningcoach.readiness.domain.AthleteProfile;

@ApplicationScoped
public class ProfileRepository {

  /** The stored profile: physiology, baselines and life context, all optional. */
  public record Profile(String sex, Integer birthYear, Double weightKg, Double heightCm, Integer restingHr, Integer maxHr,
      Double hrvBaselineMs, String hrvBaselineMetric, String travelFrequency, Integer stressLevel, Double sleepAvgHours,
      Instant updatedAt) {

    public AthleteProfile toDomain() {
      return new AthleteProfile(sex == null ? null : AthleteProfile.Sex.valueOf(sex), restingHr, maxHr, hrvBaselineMs,
          hrvBaselineMetric == null ? null : AthleteProfile.HrvMetric.valueOf(hrvBaselineMetric),
          travelFrequency == null ? null : AthleteProfile.TravelFrequency.valueOf(travelFrequency), stressLevel, sleepAvgHours);
    }
  }

  public Uni<Profile> find(SqlClient db, String athleteId) {
    return db.preparedQuery("SELECT * FROM athlete_profile WHERE athlete_id = $1").execute(Tuple.of(athleteId))
        .map(rows -> rows.size() == 0 ? null : profile(rows.iterator().next()));
  }

  public Uni<Void> save(SqlClient tx, String athleteId, Profile p) {
    return tx.preparedQuery("""
            INSERT INTO athlete_profile (athlete_id, sex, birth_year, weight_kg, height_cm, resting_hr, max_hr,
              hrv_baseline_ms, hrv_baseline_metric, travel_frequency, stress_level, sleep_avg_hours, updated_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
            ON CONFLICT (athlete_id) DO UPDATE SET sex = EXCLUDED.sex, birth_year = EXCLUDED.birth_year,
              weight_kg = EXCLUDED.weight_kg, height_cm = EXCLUDED.height_cm, resting_hr = EXCLUDED.resting_hr,
              max_hr = EXCLUDED.max_hr, hrv_baseline_ms = EXCLUDED.hrv_baseline_ms,
              hrv_baseline_metric = EXCLUDED.hrv_baseline_metric, travel_frequency = EXCLUDED.travel_frequency,
              stress_level = EXCLUDED.stress_level, sleep_avg_hours = EXCLUDED.sleep_avg_hours,
              updated_at = EXCLUDED.updated_at""")
        .execute(Tuple.from(new Object[] {athleteId, p.sex(), small(p.birthYear()), decimal(p.weightKg()),
            decimal(p.heightCm()), small(p.restingHr()), small(p.maxHr()), decimal(p.hrvBaselineMs()),
            p.hrvBaselineMetric(), p.travelFrequency(), small(p.stressLevel()), decimal(p.sleepAvgHours()),
            p.updatedAt().atOffset(ZoneOffset.UTC)}))
        .replaceWithVoid();
  }

  private static Profile profile(Row r) {
    return new Profile(r.getString("sex"), r.getInteger("birth_year"), dbl(r.getBigDecimal("weight_kg")),
        dbl(r.getBigDecimal("height_cm")), r.getInteger("resting_hr"), r.getInteger("max_hr"),
        dbl(r.getBigDecimal("hrv_baseline_ms")), r.getString("hrv_baseline_metric"), r.getString("travel_frequency"),
        r.getInteger("stress_level"), dbl(r.getBigDecimal("sleep_avg_hours")), r.getOffsetDateTime("updated_at").toInstant());
  }

  private static Short small(Integer v) {
    return v == null ? null : v.shortValue();
  }

  private static BigDecimal decimal(Double v) {
    return v == null ? null : BigDecimal.valueOf(v);
  }

  private static Double dbl(BigDecimal v) {
    return v == null ? null : v.doubleValue();
  }
}
