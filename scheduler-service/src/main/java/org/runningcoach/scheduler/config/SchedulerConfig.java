package org.runningcoach.scheduler.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.List;
import org.runningcoach.scheduler.domain.AdaptationRules;

/** The adaptation rules' numbers; defaults match {@link AdaptationRules#defaults()}. */
@ConfigMapping(prefix = "scheduler")
public interface SchedulerConfig {

  @WithDefault("0.15")
  double yellowIntensityCut();

  @WithDefault("0.25")
  double yellowVolumeCut();

  @WithDefault("25")
  int recoveryMinutes();

  @WithDefault("0.10")
  double spikeLimit();

  @WithDefault("6")
  int moveWindowDays();

  @WithDefault("3")
  int sickMinDays();

  @WithDefault("2")
  int symptomFreeDays();

  @WithDefault("20,25,30,30")
  List<Integer> returnRunMinutes();

  @WithDefault("0.80")
  double returnLoadCap();

  @WithDefault("14")
  int injuryDefaultDays();

  @WithDefault("40")
  int maintenanceMinutes();

  default AdaptationRules rules() {
    return new AdaptationRules(yellowIntensityCut(), yellowVolumeCut(), recoveryMinutes(), spikeLimit(),
        moveWindowDays(), sickMinDays(), symptomFreeDays(), List.copyOf(returnRunMinutes()), returnLoadCap(),
        injuryDefaultDays(), maintenanceMinutes());
  }
}
