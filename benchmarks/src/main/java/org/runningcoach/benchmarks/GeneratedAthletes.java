package org.runningcoach.benchmarks;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.runningcoach.readiness.domain.AthleteProfile;
import org.runningcoach.readiness.domain.DailyCheckin;
import org.runningcoach.readiness.domain.DayInputs;
import org.runningcoach.readiness.domain.History;

/** Athletes with a year of plausible mornings: check-ins, overnight RMSSD, resting HR and five runs a week. */
final class GeneratedAthletes {

  static final LocalDate FIRST = LocalDate.of(2025, 3, 1);

  private GeneratedAthletes() {}

  static History year(long seed) {
    Random rnd = new Random(seed);
    AthleteProfile profile = new AthleteProfile(rnd.nextBoolean() ? AthleteProfile.Sex.FEMALE : AthleteProfile.Sex.MALE,
        45 + rnd.nextInt(15), 180 + rnd.nextInt(15), null, null, null, 4, 7.5);
    List<DayInputs> days = new ArrayList<>();
    for (int i = 0; i < 365; i++) {
      LocalDate d = FIRST.plusDays(i);
      DayInputs day = DayInputs.empty(d)
          .withCheckin(new DailyCheckin(d, 6 + rnd.nextInt(30) / 10.0, 5 + rnd.nextInt(4), 1 + rnd.nextInt(6),
              1 + rnd.nextInt(7), 2 + rnd.nextInt(6), 4 + rnd.nextInt(5), null, "MANUAL", new UUID(seed, i * 4L)))
          .withHrv(new DayInputs.HrvReading(AthleteProfile.HrvMetric.RMSSD, 40 + rnd.nextInt(30), "GARMIN", new UUID(seed, i * 4L + 1)))
          .withRestingHr(new DayInputs.Reading(48 + rnd.nextInt(8), "GARMIN", new UUID(seed, i * 4L + 2)));
      if (i % 7 != 2 && i % 7 != 5) {
        int minutes = 30 + rnd.nextInt(60);
        day = day.withWorkouts(List.of(new DayInputs.Workout(new UUID(seed, i * 4L + 3), "running", minutes * 60L,
            minutes * 180.0, 3 + rnd.nextInt(5), Map.of(140, minutes * 40, 155, minutes * 20), minutes / 10.0,
            new UUID(seed, i * 4L + 3))));
      }
      days.add(day);
    }
    return History.of("athlete-" + seed, profile, days);
  }
}
